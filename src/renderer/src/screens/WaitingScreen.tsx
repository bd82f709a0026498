import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView, SaleStatus } from '../../../preload/contract';
import { CaptureForm } from '../components/CaptureForm';
import { ConfirmButton } from '../components/ConfirmButton';
import { Countdown } from '../components/Countdown';
import { ErrorNotice } from '../components/ErrorNotice';
import { QrImage } from '../components/QrImage';
import { statusTone } from '../components/StatusBadge';
import { TrainingPanel } from '../components/TrainingPanel';
import { useApproval } from '../lib/approval';
import { useBrandName, useMoney } from '../lib/hooks';
import { useAppStore } from '../stores/app';
import { isFinal, useSaleStore } from '../stores/sale';

const CANCELLABLE: SaleStatus[] = ['CREATING', 'WAITING'];

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** The active sale: a large status for every state, the QR when used, and only the allowed actions. */
export function WaitingScreen({ payment }: { payment: PaymentView }) {
  const { t } = useTranslation();
  const money = useMoney();
  const brand = useBrandName();
  const training = useAppStore((s) => s.info?.training ?? false);
  const { busy, error, clearError, cancel, capture, resolve, dismiss, typeAhead } = useSaleStore();
  const { run, prompt } = useApproval();
  const [partial, setPartial] = useState(false);
  const primaryRef = useRef<HTMLButtonElement>(null);
  // Releasing reserved money may need a manager's PIN; cancelling before approval never does.
  // The prompt names what is released: what is still reserved when it is asked.
  const releasing = (capturable: number) =>
    ({ action: 'release', amount: money(capturable, payment.currency) }) as const;
  const cancelSale = (capturable = payment.capturable) =>
    run((approval) => cancel(approval), releasing(capturable));
  const decide = (action: 'complete' | 'release') =>
    run((approval) => resolve(action, approval), releasing(payment.capturable));
  // A missing item: charge part, then (if asked) give back the rest, which may need a manager.
  async function capturePart(amount: number, releaseRest: boolean) {
    const charged = await capture(amount);
    setPartial(false);
    if (charged.ok && releaseRest && charged.value.capturable > 0) await cancelSale(charged.value.capturable);
  }
  const cancelLatest = useRef(cancelSale);
  cancelLatest.current = cancelSale;
  const final = isFinal(payment);
  const amount = money(payment.amount, payment.currency);
  const cancellable = CANCELLABLE.includes(payment.status);
  const decision = payment.status === 'DECISION_NEEDED';

  const headingRef = useRef<HTMLHeadingElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the status is the trigger: focus moves on every new state
  useEffect(() => {
    // Only a final screen's "New sale" takes focus. Otherwise the status has it: a stray Enter (the
    // keyboard, the scanner) must not cancel a payment, charge a late approval or release money.
    (primaryRef.current ?? headingRef.current)?.focus();
  }, [payment.status]);

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (event.key === 'Escape' && cancellable && !busy) {
        event.preventDefault();
        void cancelLatest.current();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cancellable, busy]);

  // On a final screen a digit is the first of the next sale's amount, never thrown away.
  useEffect(() => {
    if (!final) return;
    function onKey(event: globalThis.KeyboardEvent) {
      if (!/^[0-9]$/.test(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTextField(event.target)) return;
      event.preventDefault();
      typeAhead(event.key);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [final, typeAhead]);

  const reserved = payment.status === 'RESERVED';

  return (
    <section className={`waiting tone-${statusTone(payment.status)}`} aria-labelledby="status-title">
      <div className="waiting-main">
        <p className="waiting-amount">{amount}</p>
        <div aria-live="assertive" aria-atomic="true" className="waiting-status" data-status={payment.status}>
          <h1 id="status-title" className="status-title" ref={headingRef} tabIndex={-1}>
            {t(`status.${payment.status}.title`, { brand, amount })}
          </h1>
          {decision && payment.attention && (
            <p className="status-why">{t(`attention.${payment.attention}`)}</p>
          )}
          <p className="status-detail">{t(`status.${payment.status}.detail`, { brand, amount })}</p>
        </div>
        {payment.status === 'WAITING' && payment.expiresAt && <Countdown expiresAt={payment.expiresAt} />}
        {payment.status === 'WAITING' && payment.phoneMasked && (
          <p className="waiting-meta">{t('waiting.phone', { phone: payment.phoneMasked })}</p>
        )}
        {error && <ErrorNotice error={error} onClose={clearError} />}
        {reserved && <p className="waiting-meta">{t('waiting.parkHint')}</p>}
        {partial && (decision || reserved) && (
          <CaptureForm
            payment={payment}
            busy={busy}
            onCapture={(amount, releaseRest) => void capturePart(amount, releaseRest)}
            onClose={() => setPartial(false)}
          />
        )}
        <div className="button-row">
          {cancellable && (
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => cancelSale()}
            >
              {t('waiting.cancel')} <kbd>Esc</kbd>
            </button>
          )}
          {(decision || reserved) && !partial && (
            <>
              <ConfirmButton
                className="button button-primary"
                disabled={busy}
                onConfirm={() => (decision ? decide('complete') : capture())}
              >
                {t(decision ? 'waiting.complete' : 'waiting.capture', {
                  amount: money(payment.capturable, payment.currency),
                })}
              </ConfirmButton>
              <button type="button" className="button" disabled={busy} onClick={() => setPartial(true)}>
                {t('waiting.capturePart')}
              </button>
              <ConfirmButton
                className="button button-danger"
                disabled={busy}
                onConfirm={() => (decision ? decide('release') : cancelSale())}
              >
                {t('waiting.release', { amount: money(payment.capturable, payment.currency) })}
              </ConfirmButton>
            </>
          )}
          {reserved && !partial && (
            <button type="button" className="button" disabled={busy} onClick={dismiss}>
              {t('waiting.park')}
            </button>
          )}
          {final && (
            <button
              ref={primaryRef}
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={dismiss}
            >
              {t('waiting.newSale')}
            </button>
          )}
        </div>
        <p className="waiting-meta">
          {t('waiting.reference')}: <code>{payment.reference}</code>
        </p>
      </div>
      <div className="waiting-side">
        {payment.flow === 'QR' && payment.qr && payment.status === 'WAITING' && (
          <div className="waiting-qr">
            <QrImage qr={payment.qr} alt={t('waiting.qrAlt')} />
          </div>
        )}
        {prompt}
        {training && (payment.status === 'WAITING' || payment.status === 'CANCELLING') && (
          <TrainingPanel payment={payment} />
        )}
      </div>
    </section>
  );
}
