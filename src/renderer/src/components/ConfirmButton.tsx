import { type ButtonHTMLAttributes, type KeyboardEvent, type MouseEvent, useRef } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick' | 'autoFocus'> & {
  onConfirm: () => void;
};

/** When the last Enter or Space went down anywhere in this window (performance.now()). */
let lastActivationKeyAt = Number.NEGATIVE_INFINITY;
if (typeof window !== 'undefined') {
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter' || event.key === ' ') lastActivationKeyAt = performance.now();
    },
    { capture: true },
  );
}

/**
 * A button that moves money (refund, release, capture, go-live run). A key press only counts when
 * it began on this very button, after it was shown: a bounced, doubled or held Enter from the step
 * before can never press it. Browsers turn Enter/Space on a focused button into a click with
 * `detail === 0`; such a click is honoured after a fresh (non-repeated) keydown on this button, or
 * when no key went down at all since it appeared (assistive technology). Pointer clicks are always
 * deliberate: press and release both happened on the button. Never give it focus automatically.
 */
export function ConfirmButton({ onConfirm, onKeyDown, onBlur, ...rest }: Props) {
  const shownAt = useRef(performance.now());
  const armed = useRef(false);

  function keyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'Enter' || event.key === ' ') armed.current = !event.repeat;
    onKeyDown?.(event);
  }

  function click(event: MouseEvent<HTMLButtonElement>) {
    const byKey = event.detail === 0;
    const strayKey = byKey && !armed.current && lastActivationKeyAt >= shownAt.current;
    armed.current = false;
    if (strayKey) {
      event.preventDefault();
      return;
    }
    onConfirm();
  }

  return (
    <button
      type="button"
      {...rest}
      onKeyDown={keyDown}
      onBlur={(event) => {
        armed.current = false;
        onBlur?.(event);
      }}
      onClick={click}
    />
  );
}
