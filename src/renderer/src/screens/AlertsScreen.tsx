import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusBadge } from '../components/StatusBadge';
import { useAlertText } from '../lib/alert-words';
import { useMoney } from '../lib/hooks';
import { useAlertsStore } from '../stores/alerts';
import { useAppStore } from '../stores/app';
import { useHistoryStore } from '../stores/history';

/** Late approvals and payments staff must look at, with a way to open each one. */
export function AlertsScreen() {
  const { t } = useTranslation();
  const alertText = useAlertText();
  const money = useMoney();
  const { alerts, attention, error, dismiss, loadAttention } = useAlertsStore();
  const setView = useAppStore((s) => s.setView);
  const openPayment = useHistoryStore((s) => s.open);

  useEffect(() => {
    void loadAttention();
  }, [loadAttention]);

  async function open(reference: string) {
    await openPayment(reference);
    setView('history');
  }

  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alerts.title')}</h1>
      <button type="button" className="button button-quiet" onClick={loadAttention}>
        {t('alerts.refresh')}
      </button>
      {error && <ErrorNotice error={error} />}
      {alerts.length > 0 && (
        <ul className="alert-list">
          {alerts.map((alert) => (
            <li key={alert.id} className={`alert alert-${alert.kind.toLowerCase()}`}>
              <strong>{t(`alerts.kind.${alert.kind}`)}</strong>
              {alert.reference && <code> {alert.reference}</code>} <span>{alertText(alert)}</span>
              <span className="button-row">
                {alert.reference && (
                  <button type="button" className="button" onClick={() => open(alert.reference!)}>
                    {t('alerts.open')}
                  </button>
                )}
                <button type="button" className="button button-quiet" onClick={() => dismiss(alert.id)}>
                  {t('app.dismiss')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {attention.length === 0 ? (
        <p className="empty">{t('alerts.empty')}</p>
      ) : (
        <ul className="attention-list">
          {attention.map((payment) => (
            <li key={payment.reference} className="attention-item">
              <StatusBadge status={payment.status} />
              <code>{payment.reference}</code>
              <span className="num">{money(payment.amount, payment.currency)}</span>
              {payment.attention && <span>{t(`attention.${payment.attention}`)}</span>}
              <button type="button" className="button" onClick={() => open(payment.reference)}>
                {t('alerts.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
