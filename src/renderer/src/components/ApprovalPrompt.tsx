import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ApprovalAsk } from '../lib/approval';
import { trapTab, useRestoreFocus } from '../lib/focus';

interface Props {
  /** What is approved; without it the prompt asks for a generic "manager approval". */
  ask: ApprovalAsk | undefined;
  rejected: boolean;
  /** Too many wrong PINs: no PIN is accepted before this time (ISO 8601). */
  lockedUntil: string | null;
  /** Training only: the documented PIN of the built-in training manager. */
  trainingPin: string | null;
  onSubmit: (pin: string) => void;
  /** Esc or Cancel: not approved. */
  onCancel: () => void;
}

const PIN = /^\d{4,8}$/;

/**
 * A manager types their PIN to approve what the cashier asked for (refund, release, settings).
 * Rendered into <body>: the caller may sit inside a form, and a form inside a form would be
 * submitted by the browser itself (which the CSP's form-action 'none' then blocks). A modal:
 * Tab stays inside, Esc closes it, focus goes back where it was.
 */
export function ApprovalPrompt({ ask, rejected, lockedUntil, trainingPin, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const [pin, setPin] = useState('');
  const [tried, setTried] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const pinField = useRef<HTMLInputElement>(null);
  useRestoreFocus();
  const valid = PIN.test(pin);
  const until = lockedUntil
    ? new Date(lockedUntil).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
    : null;
  // Enter without a usable PIN says why, instead of a button that silently does nothing.
  const pinProblem = tried && !valid ? (pin === '' ? t('approval.pinEmpty') : t('approval.pinShort')) : null;
  const hint = until
    ? t('approval.locked', { time: until })
    : pinProblem
      ? pinProblem
      : rejected
        ? t('approval.rejected')
        : trainingPin
          ? t('approval.trainingPin', { pin: trainingPin })
          : '\u00a0';
  const title = !ask
    ? t('approval.title')
    : ask.amount && (ask.action === 'refund' || ask.action === 'release')
      ? t(`approval.ask.${ask.action}Amount`, { amount: ask.amount })
      : t(`approval.ask.${ask.action}`);

  function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    setTried(true);
    if (valid) onSubmit(pin);
    else pinField.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    trapTab(event, dialog.current);
  }

  return createPortal(
    <div className="dialog-backdrop dialog-approval">
      <div
        ref={dialog}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="approval-title"
        aria-describedby="approval-why"
        onKeyDown={onKeyDown}
      >
        <h2 id="approval-title">{title}</h2>
        <p id="approval-why">{t('approval.why')}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="approval-pin">{t('approval.pin')}</label>
          <input
            ref={pinField}
            id="approval-pin"
            className="input input-large"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            // biome-ignore lint/a11y/noAutofocus: the PIN is the only thing to type here
            autoFocus
            value={pin}
            aria-invalid={rejected || pinProblem !== null}
            aria-describedby="approval-hint"
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
          <p
            id="approval-hint"
            className={rejected || until || pinProblem ? 'field-error' : 'field-hint'}
            aria-live="assertive"
          >
            {hint}
          </p>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              {t('approval.approve')}
            </button>
            <button type="button" className="button" onClick={onCancel}>
              {t('approval.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
