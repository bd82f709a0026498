import { type FormEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SHOWN_STATUSES, type ShownStatus } from '../../../preload/contract';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';
import { GoLiveBadge, StatusBadge } from '../components/StatusBadge';
import { useMoney } from '../lib/hooks';
import { localeOf } from '../lib/money';
import { useAppStore } from '../stores/app';
import { useHistoryStore } from '../stores/history';
import { RemoteLookup } from './history/RemoteLookup';
import { PaymentDetailView } from './PaymentDetailView';

export function HistoryScreen() {
  const selected = useHistoryStore((s) => s.selected);
  // Back from a payment, focus returns to its row (the list is a new view otherwise).
  const lastOpened = useRef<string | null>(null);
  if (selected) {
    lastOpened.current = selected.payment.reference;
    return <PaymentDetailView detail={selected} />;
  }
  return <HistoryList returnTo={lastOpened.current} />;
}

function HistoryList({ returnTo }: { returnTo: string | null }) {
  const { t } = useTranslation();
  const money = useMoney();
  const language = useAppStore((s) => s.language);
  const { query, items, nextCursor, loading, searched, error, setQuery, search, more, open } =
    useHistoryStore();
  const time = new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'short', timeStyle: 'short' });

  useEffect(() => {
    void search();
  }, [search]);

  const table = useRef<HTMLTableElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!returnTo) return;
    const rows = table.current?.querySelectorAll<HTMLElement>('[data-reference]') ?? [];
    const row = [...rows].find((button) => button.dataset.reference === returnTo);
    (row ?? title.current)?.focus();
  }, [returnTo]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void search();
  }

  return (
    <section className="history" aria-labelledby="history-title">
      <h1 id="history-title" ref={title} tabIndex={-1}>
        {t('history.title')}
      </h1>
      <search>
        <form className="history-search" onSubmit={submit}>
          <label>
            {t('history.search')}
            <input
              className="input"
              value={query.text}
              aria-describedby="history-amount-hint"
              onChange={(e) => setQuery({ text: e.target.value })}
            />
          </label>
          <label>
            {t('history.status')}
            <select
              value={query.status}
              onChange={(e) => setQuery({ status: e.target.value as ShownStatus | '' })}
            >
              <option value="">{t('history.anyStatus')}</option>
              {SHOWN_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`badge.${status}`)}
                </option>
              ))}
            </select>
          </label>
          {/* Days typed and shown in the UI language's format, not the browser's date control. */}
          <DateField label={t('history.from')} value={query.from} onChange={(from) => setQuery({ from })} />
          <DateField label={t('history.to')} value={query.to} onChange={(to) => setQuery({ to })} />
          <label>
            {t('history.phoneLast')}
            <input
              className="input input-qty"
              inputMode="numeric"
              maxLength={4}
              value={query.phoneLast4}
              onChange={(e) => setQuery({ phoneLast4: e.target.value.replace(/\D/g, '') })}
            />
          </label>
          <button type="submit" className="button button-primary" disabled={loading}>
            {t('history.find')}
          </button>
        </form>
        <p id="history-amount-hint" className="field-hint">
          {t('history.amountHint')}
        </p>
        {/* Fragment searches are bounded in main (the newest sales, or the dates given): say so. */}
        {query.text.trim() !== '' && query.from === '' && (
          <p className="field-hint">{t('history.searchHint')}</p>
        )}
      </search>
      {error && <ErrorNotice error={error} />}
      {searched && items.length === 0 && <p className="empty">{t('history.empty')}</p>}
      {searched && !loading && items.length === 0 && <RemoteLookup />}
      {items.length > 0 && (
        <table className="history-table" ref={table}>
          <thead>
            <tr>
              <th scope="col">{t('history.columns.time')}</th>
              <th scope="col">{t('history.columns.reference')}</th>
              <th scope="col" className="num">
                {t('history.columns.amount')}
              </th>
              <th scope="col">{t('history.columns.state')}</th>
              <th scope="col">{t('history.columns.phone')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.reference}>
                <td>{time.format(new Date(item.createdAt))}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    data-reference={item.reference}
                    onClick={() => open(item.reference)}
                  >
                    {item.reference}
                  </button>
                </td>
                <td className="num">{money(item.amount, item.currency)}</td>
                <td>
                  <StatusBadge status={item.shown} /> {item.goLive && <GoLiveBadge />}
                </td>
                <td>{item.phoneMasked ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <button type="button" className="button" disabled={loading} onClick={more}>
          {t('history.more')}
        </button>
      )}
    </section>
  );
}
