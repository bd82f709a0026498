import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

interface Props {
  rejected: boolean;
  /** Too many wrong PINs: no PIN is accepted before this time (ISO 8601). */
  lockedUntil: string | null;
  /** Training only: the documented PIN of the built-in training manager. */
  trainingPin: string | null;
  onSubmit: (pin: string) => void;
  onCancel: () => void;
}

/**
 * A manager types their PIN to approve what the cashier asked for (refund, release, settings).
 * Rendered into <body>: the caller may sit inside a form, and a form inside a form would be
 * submitted by the browser itself (which the CSP's form-action 'none' then blocks).
 */
export function ApprovalPrompt({ rejected, lockedUntil, trainingPin, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const [pin, setPin] = useState('');
  const valid = /^\d{4,8}$/.test(pin);
  const until = lockedUntil
    ? new Date(lockedUntil).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
    : null;
  const hint = until
    ? t('approval.locked', { time: until })
    : rejected
      ? t('approval.rejected')
      : trainingPin
        ? t('approval.trainingPin', { pin: trainingPin })
        : '\u00a0';

  function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    if (valid) onSubmit(pin);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  }

  return createPortal(
    <div className="dialog-backdrop dialog-approval">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="approval-title"
        onKeyDown={onKeyDown}
      >
        <h2 id="approval-title">{t('approval.title')}</h2>
        <p>{t('approval.why')}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="approval-pin">{t('approval.pin')}</label>
          <input
            id="approval-pin"
            className="input input-large"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            // biome-ignore lint/a11y/noAutofocus: the PIN is the only thing to type here
            autoFocus
            value={pin}
            aria-invalid={rejected}
            aria-describedby="approval-hint"
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
          <p
            id="approval-hint"
            className={rejected || until ? 'field-error' : 'field-hint'}
            aria-live="assertive"
          >
            {hint}
          </p>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={!valid}>
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
