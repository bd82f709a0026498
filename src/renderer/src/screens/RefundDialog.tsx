import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView, PosError } from '../../../preload/contract';
import { ConfirmButton } from '../components/ConfirmButton';
import { ConfirmText } from '../components/ConfirmText';
import { ErrorNotice } from '../components/ErrorNotice';
import { isNotApproved, useApproval } from '../lib/approval';
import { BRAND_NAME } from '../lib/brand';
import { trapTab } from '../lib/focus';
import { useMoney } from '../lib/hooks';
import { type AmountParse, MINIMUM_AMOUNT, minorToInput, parseAmount } from '../lib/money';
import { needsApproval, pos, settle } from '../lib/pos';

interface Props {
  payment: PaymentView;
  onClose: () => void;
  onDone: (view: PaymentView) => void;
}

type Step = 'form' | 'confirm' | 'sending' | 'done' | 'checking' | 'failed';

/**
 * Full or partial refund. The requestId is made once when the dialog opens: every press of
 * "refund" in this dialog — a double click, a retry after an error — is the same refund to main.
 */
export function RefundDialog({ payment, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  // The brand the sale was made with, not the counter's current one.
  const brand = BRAND_NAME[payment.brand];
  const [requestId] = useState(() => crypto.randomUUID());
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState(minorToInput(payment.refundable));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [step, setStep] = useState<Step>('form');
  const [error, setError] = useState<PosError | null>(null);
  // Frozen when the cashier confirms: the payment prop keeps updating (pushes from main), but the
  // refund asked for, sent and reported is the amount the cashier agreed to.
  const [confirmed, setConfirmed] = useState<number | null>(null);
  const sending = useRef(false);
  const { run, prompt } = useApproval();
  const firstField = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  // Each "not approved" asks the question again, with focus on it (never on the refund button).
  const [declined, setDeclined] = useState(0);
  const remaining = payment.refundable;
  const fmt = (minor: number) => money(minor, payment.currency);

  useEffect(() => firstField.current?.focus(), []);

  // Vipps' minimum holds for refunds too (main refuses below it): checked here with the same table.
  const minimum = MINIMUM_AMOUNT[payment.currency];
  const parsed: AmountParse =
    mode === 'partial'
      ? parseAmount(amountText, payment.currency)
      : remaining >= minimum
        ? { ok: true, minor: remaining }
        : { ok: false, reason: 'too-small' };
  const exceeds = parsed.ok && parsed.minor > remaining;
  const amountOk = parsed.ok && !exceeds;
  const reasonOk = reason.trim().length > 0;

  function next(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (amountOk && reasonOk && parsed.ok) {
      setConfirmed(parsed.minor);
      setDeclined(0);
      setStep('confirm');
    }
  }

  async function send() {
    if (sending.current || confirmed === null) return;
    sending.current = true;
    setStep('sending');
    setError(null);
    const ask = { reference: payment.reference, amount: confirmed, reason: reason.trim(), requestId };
    // Same request (same requestId) with or without a manager's PIN: it is one refund to main.
    const result = await run(
      (approval) => settle(() => pos().payment.refund(approval ? { ...ask, approval } : ask)),
      { action: 'refund', amount: fmt(confirmed) },
    );
    sending.current = false;
    if (!result.ok && isNotApproved(result.error)) {
      setDeclined((n) => n + 1);
      setStep('confirm');
      return;
    }
    if (result.ok) {
      onDone(result.value);
      const unknown = result.value.status === 'UNKNOWN' || result.value.attention === 'OUTCOME_UNKNOWN';
      setStep(unknown ? 'checking' : 'done');
      return;
    }
    if (result.error.code === 'OUTCOME_UNKNOWN') {
      setStep('checking');
      return;
    }
    setError(result.error);
    setStep('failed');
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && step !== 'sending') {
      event.preventDefault();
      onClose();
      return;
    }
    trapTab(event, dialog.current);
  }

  const amount = confirmed === null ? '' : fmt(confirmed);
  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="refund-title"
        onKeyDown={onKeyDown}
      >
        <h2 id="refund-title">
          {t('refund.title')} — <code>{payment.reference}</code>
        </h2>
        <p className="refund-remaining">{t('refund.remaining', { amount: fmt(remaining) })}</p>

        {step === 'form' && (
          <form onSubmit={next} noValidate>
            <fieldset className="refund-mode">
              <label>
                <input
                  ref={firstField}
                  type="radio"
                  name="refund-mode"
                  checked={mode === 'full'}
                  onChange={() => setMode('full')}
                />
                {t('refund.full')} ({fmt(remaining)})
              </label>
              <label>
                <input
                  type="radio"
                  name="refund-mode"
                  checked={mode === 'partial'}
                  onChange={() => setMode('partial')}
                />
                {t('refund.partial')}
              </label>
            </fieldset>
            {mode === 'full' && tried && !parsed.ok && (
              <p className="field-error">{t('amount.invalid.too-small', { brand, minimum: fmt(minimum) })}</p>
            )}
            {mode === 'partial' && (
              <>
                <label htmlFor="refund-amount">{t('refund.amount')}</label>
                <input
                  id="refund-amount"
                  className="input input-large"
                  inputMode="decimal"
                  value={amountText}
                  aria-invalid={(tried && !parsed.ok) || exceeds}
                  aria-describedby="refund-amount-hint"
                  onChange={(e) => setAmountText(e.target.value)}
                />
                <p
                  id="refund-amount-hint"
                  className={exceeds || (tried && !parsed.ok) ? 'field-error' : 'field-hint'}
                >
                  {exceeds
                    ? t('refund.exceeds', { amount: fmt(remaining) })
                    : !parsed.ok && tried
                      ? t(`amount.invalid.${parsed.reason}`, { brand, minimum: fmt(minimum) })
                      : parsed.ok
                        ? fmt(parsed.minor)
                        : '\u00a0'}
                </p>
              </>
            )}
            <label htmlFor="refund-reason">{t('refund.reason')}</label>
            <input
              id="refund-reason"
              className="input"
              maxLength={200}
              value={reason}
              aria-invalid={tried && !reasonOk}
              aria-describedby="refund-reason-hint"
              onChange={(e) => setReason(e.target.value)}
            />
            <p id="refund-reason-hint" className={tried && !reasonOk ? 'field-error' : 'field-hint'}>
              {tried && !reasonOk ? t('refund.reasonRequired') : '\u00a0'}
            </p>
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={exceeds}>
                {t('refund.next')}
              </button>
              <button type="button" className="button" onClick={onClose}>
                {t('refund.close')}
              </button>
            </div>
          </form>
        )}

        {(step === 'confirm' || step === 'sending') && (
          <div>
            {declined > 0 && (
              <p className="notice notice-quiet" role="status">
                {t('approval.notApproved')}
              </p>
            )}
            <ConfirmText key={declined} text={t('refund.confirm', { amount })} />
            <div className="button-row">
              <ConfirmButton
                className="button button-primary"
                disabled={step === 'sending'}
                onConfirm={() => void send()}
              >
                {step === 'sending' ? t('refund.sending') : t('refund.confirmYes', { amount })}
              </ConfirmButton>
              <button
                type="button"
                className="button"
                disabled={step === 'sending'}
                onClick={() => setStep('form')}
              >
                {t('refund.back')}
              </button>
            </div>
          </div>
        )}

        <div aria-live="polite">
          {step === 'done' && <p className="notice notice-ok">{t('refund.done', { amount })}</p>}
          {step === 'checking' && <p className="notice notice-warn">{t('refund.checking', { brand })}</p>}
        </div>
        {step === 'failed' && error && (
          <>
            <ErrorNotice error={error} />
            <div className="button-row">
              {(error.retryable || needsApproval(error)) && (
                <ConfirmButton className="button button-primary" onConfirm={() => void send()}>
                  {t('refund.confirmYes', { amount })}
                </ConfirmButton>
              )}
            </div>
          </>
        )}
        {prompt}
        {(step === 'done' || step === 'checking' || step === 'failed') && (
          <div className="button-row">
            <button
              type="button"
              className="button"
              // biome-ignore lint/a11y/noAutofocus: after the result, closing is the next step
              autoFocus
              onClick={onClose}
            >
              {t('refund.close')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
