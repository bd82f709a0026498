import { useTranslation } from 'react-i18next';
import type { Currency, OperationView, PaymentEventView } from '../../../preload/contract';
import { brandNameOf } from '../lib/brand';
import { useMoney } from '../lib/hooks';
import { localeOf } from '../lib/money';
import { useAppStore } from '../stores/app';

function useTimeFormat(): Intl.DateTimeFormat {
  const language = useAppStore((s) => s.language);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'short', timeStyle: 'medium' });
}

/** Vipps' own event log for the payment, as Vipps reported it. */
export function EventLog({ events, currency }: { events: PaymentEventView[]; currency: Currency }) {
  const { t } = useTranslation();
  const money = useMoney();
  const brand = brandNameOf(currency);
  const time = useTimeFormat();
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">{t('detail.events', { brand })}</h2>
      {events.length === 0 ? (
        <p>{t('detail.noEvents')}</p>
      ) : (
        <table className="events-table">
          <tbody>
            {events.map((event) => (
              <tr key={`${event.timestamp}-${event.name}-${event.idempotencyKey ?? ''}`}>
                <td>{time.format(new Date(event.timestamp))}</td>
                <td>{t(`detail.eventName.${event.name}`)}</td>
                <td className="num">{money(event.amount, currency)}</td>
                <td>{event.success ? '✓' : '✕'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What this counter asked Vipps to do (the journal's operations), with their outcome. */
export function OperationsLog({ operations, currency }: { operations: OperationView[]; currency: Currency }) {
  const { t } = useTranslation();
  const money = useMoney();
  const time = useTimeFormat();
  return (
    <section aria-labelledby="operations-title">
      <h2 id="operations-title">{t('detail.operations')}</h2>
      {operations.length === 0 ? (
        <p>{t('detail.noOperations')}</p>
      ) : (
        <table className="operations-table">
          <tbody>
            {operations.map((op) => (
              <tr key={op.id}>
                <td>{time.format(new Date(op.createdAt))}</td>
                <td>{t(`detail.operationKind.${op.kind}`)}</td>
                <td className="num">{op.amount === null ? '' : money(op.amount, currency)}</td>
                <td>{t(`detail.operationStatus.${op.status}`)}</td>
                <td>{op.reason ?? ''}</td>
                <td>{op.lastError ? t(`errors.codes.${op.lastError.code}.what`) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
