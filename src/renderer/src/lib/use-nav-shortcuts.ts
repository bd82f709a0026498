import { useEffect } from 'react';

/**
 * Alt+1 … Alt+9 open the top navigation's views in order, from anywhere in the cashier window
 * (Alt with a digit types nothing in a field, so no keystroke is taken from the cashier).
 */
export function useNavShortcuts<V extends string>(views: readonly V[], open: (view: V) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const index = /^Digit([1-9])$/.exec(event.code)?.[1];
      const view = index ? views[Number(index) - 1] : undefined;
      if (!view) return;
      event.preventDefault();
      open(view);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [views, open]);
}

export function navShortcut(index: number): string {
  return `Alt+${index + 1}`;
}
