import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView, PosError } from '../../../preload/contract';
import { pos, settle } from '../lib/pos';
import { ErrorNotice } from './ErrorNotice';

/**
 * The simulated customer's phone in training mode: the cashier plays the customer and approves,
 * declines or lets the waiting payment expire. Only the simulator answers these calls.
 */
export function TrainingPanel({ payment }: { payment: PaymentView | null }) {
  const { t } = useTranslation();
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const waiting = payment !== null && (payment.status === 'WAITING' || payment.status === 'CANCELLING');

  async function act(action: 'approve' | 'reject' | 'expire') {
    if (!payment || busy) return;
    setBusy(true);
    setError(null);
    const result = await settle(() => pos().training.customer({ reference: payment.reference, action }));
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <aside className="training-panel" aria-label={t('trainingPanel.title')}>
      <h2>{t('trainingPanel.title')}</h2>
      {waiting ? (
        <>
          <p>{t('trainingPanel.hint')}</p>
          {/* aria-disabled, not disabled: a disabled button drops the focus to the page body while
              the customer's answer is on its way; the waiting screen moves it on when the status changes. */}
          <div className="button-row">
            <button
              type="button"
              className="button button-ok"
              aria-disabled={busy}
              onClick={() => act('approve')}
            >
              {t('trainingPanel.approve')}
            </button>
            <button type="button" className="button" aria-disabled={busy} onClick={() => act('reject')}>
              {t('trainingPanel.reject')}
            </button>
            <button type="button" className="button" aria-disabled={busy} onClick={() => act('expire')}>
              {t('trainingPanel.expire')}
            </button>
          </div>
        </>
      ) : (
        <p>{t('trainingPanel.none')}</p>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </aside>
  );
}
