import { useEffect, useRef } from 'react';

/**
 * The question of a money confirm step. It takes the focus when it appears, so the key press that
 * opened the step (and a bounce of it) lands on text, never on the button that moves money.
 */
export function ConfirmText({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} className="confirm-text" tabIndex={-1}>
      {text}
    </p>
  );
}
