import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react';

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) => !element.closest('[hidden], [inert]') && element.tabIndex >= 0,
  );
}

/**
 * Keeps Tab and Shift+Tab inside a modal dialog: from its last control Tab goes to its first and
 * back. A keydown that a dialog inside this one already handled (a prompt in a portal bubbles
 * through React) is left alone.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement | null): void {
  if (event.key !== 'Tab' || event.defaultPrevented || !container) return;
  if (!(event.target instanceof Node) || !container.contains(event.target)) return;
  const items = tabbables(container);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const outside = !items.includes(active as HTMLElement);
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || outside)) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Focuses `ref` (made focusable by script, not by Tab) when `trigger` changes, after the first
 * render: for the heading or control that starts a new view, so focus never drops to the body.
 */
export function useFocusOn(ref: RefObject<HTMLElement | null>, trigger: unknown): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the trigger is what focus follows
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [trigger]);
}

/** Gives focus back to what had it before a dialog opened, when the dialog closes. */
export function useRestoreFocus(): void {
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected && before !== document.body) before.focus();
    };
  }, []);
}
