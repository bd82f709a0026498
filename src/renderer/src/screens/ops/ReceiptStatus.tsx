import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView, PosError, ReceiptView } from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TechnicalDetail } from '../../components/TechnicalDetail';
import { useDates } from '../../lib/dates';
import { pos, settle } from '../../lib/pos';

/**
 * A sale's receipt in the Vipps payment history: sent, on its way, or why not — and, when it could
 * not be sent, a button to try again. Re-read whenever the sale's own receipt status changes.
 */
export function ReceiptStatus({ payment }: { payment: Pick<PaymentView, 'reference' | 'receipt'> }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [view, setView] = useState<ReceiptView | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const { reference, receipt } = payment;

  const load = useCallback(async () => {
    const result = await settle(() => pos().receipt.get({ reference }));
    if (result.ok) setView(result.value);
  }, [reference]);

  useEffect(() => {
    void receipt;
    void load();
  }, [load, receipt]);

  async function retry() {
    setBusy(true);
    setError(null);
    const result = await settle(() => pos().receipt.retry({ reference }));
    setBusy(false);
    if (result.ok) setView(result.value);
    else setError(result.error);
  }

  const status = view?.status ?? receipt;
  return (
    <div className="receipt-status">
      <span>{t(`detail.receiptState.${status}`)}</span>
      {view?.receiptNumber != null && (
        <span> · {t('ops.receipt.number', { number: view.receiptNumber })}</span>
      )}
      {view && status !== 'sent' && view.attempts > 0 && (
        <span> · {t('ops.receipt.attempts', { count: view.attempts })}</span>
      )}
      {view?.nextAttemptAt && (
        <p className="field-hint">{t('ops.receipt.next', { time: dates.time(view.nextAttemptAt) })}</p>
      )}
      {view?.lastError && (
        <div className="field-hint">
          <p>
            {t('ops.receipt.why', {
              reason:
                view.lastError.code === 'VALIDATION'
                  ? t('ops.receipt.invalid')
                  : t(`errors.codes.${view.lastError.code}.what`),
            })}
          </p>
          <TechnicalDetail code={view.lastError.code} detail={view.lastError.message} />
        </div>
      )}
      {view?.note && (
        <div className="field-hint">
          {view.notes.map((note) => (
            <p key={note}>{t(`ops.receipt.notes.${note}`)}</p>
          ))}
          <TechnicalDetail detail={view.note} />
        </div>
      )}
      {view?.canRetry && (
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void retry()}>
          {t('ops.receipt.retry')}
        </button>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </div>
  );
}
