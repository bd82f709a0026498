import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../../preload/contract';
import { useBrandName, useMoney } from '../lib/hooks';
import { minorToInput, parseAmount } from '../lib/money';
import { ConfirmButton } from './ConfirmButton';
import { ConfirmText } from './ConfirmText';

interface Props {
  payment: PaymentView;
  busy: boolean;
  /** Charge `amount`; afterwards give back what is left when `releaseRest` (a missing item). */
  onCapture: (amount: number, releaseRest: boolean) => void;
  onClose: () => void;
}

/**
 * Charging part of a reservation: the amount (never more than is still reserved), whether to give
 * back the rest, then a confirm step naming both amounts.
 */
export function CaptureForm({ payment, busy, onCapture, onClose }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const brand = useBrandName();
  const fmt = (minor: number) => money(minor, payment.currency);
  const limit = payment.capturable;
  const [text, setText] = useState(minorToInput(limit));
  const [releaseRest, setReleaseRest] = useState(true);
  const [tried, setTried] = useState(false);
  const [confirmed, setConfirmed] = useState<number | null>(null);

  const parsed = parseAmount(text, payment.currency, 1);
  const exceeds = parsed.ok && parsed.minor > limit;
  const rest = parsed.ok && !exceeds ? limit - parsed.minor : 0;

  function next(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (parsed.ok && !exceeds) setConfirmed(parsed.minor);
  }

  if (confirmed !== null) {
    const left = limit - confirmed;
    const release = releaseRest && left > 0;
    const question = release
      ? t('capture.confirmWithRelease', { amount: fmt(confirmed), rest: fmt(left) })
      : t('capture.confirm', { amount: fmt(confirmed) });
    return (
      <fieldset className="confirm capture-form" aria-label={question}>
        <ConfirmText text={question} />
        <div className="button-row">
          <ConfirmButton
            className="button button-primary"
            disabled={busy}
            onConfirm={() => onCapture(confirmed, release)}
          >
            {t('capture.yes', { amount: fmt(confirmed) })}
          </ConfirmButton>
          <button type="button" className="button" disabled={busy} onClick={() => setConfirmed(null)}>
            {t('capture.back')}
          </button>
        </div>
      </fieldset>
    );
  }

  const hint = exceeds
    ? t('capture.exceeds', { amount: fmt(limit) })
    : tried && !parsed.ok
      ? t(`amount.invalid.${parsed.reason}`, { brand })
      : t('capture.reserved', { amount: fmt(limit) });
  return (
    <form className="capture-form" onSubmit={next} noValidate>
      <label htmlFor="capture-amount">{t('capture.amount')}</label>
      <input
        id="capture-amount"
        className="input input-large"
        inputMode="decimal"
        value={text}
        // biome-ignore lint/a11y/noAutofocus: the amount is what the cashier types next
        autoFocus
        aria-invalid={exceeds || (tried && !parsed.ok)}
        aria-describedby="capture-amount-hint"
        onChange={(e) => setText(e.target.value)}
      />
      <p id="capture-amount-hint" className={exceeds || (tried && !parsed.ok) ? 'field-error' : 'field-hint'}>
        {hint}
      </p>
      {rest > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={releaseRest} onChange={(e) => setReleaseRest(e.target.checked)} />
          {t('capture.releaseRest', { amount: fmt(rest) })}
        </label>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={exceeds}>
          {t('capture.next')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('capture.close')}
        </button>
      </div>
    </form>
  );
}
