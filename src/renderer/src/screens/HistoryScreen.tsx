import { type FormEvent, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SHOWN_STATUSES, type ShownStatus } from '../../../preload/contract';
import { ErrorNotice } from '../components/ErrorNotice';
import { GoLiveBadge, StatusBadge } from '../components/StatusBadge';
import { useMoney } from '../lib/hooks';
import { localeOf } from '../lib/money';
import { useAppStore } from '../stores/app';
import { useHistoryStore } from '../stores/history';
import { PaymentDetailView } from './PaymentDetailView';

export function HistoryScreen() {
  const selected = useHistoryStore((s) => s.selected);
  if (selected) return <PaymentDetailView detail={selected} />;
  return <HistoryList />;
}

function HistoryList() {
  const { t } = useTranslation();
  const money = useMoney();
  const language = useAppStore((s) => s.language);
  const { query, items, nextCursor, loading, searched, error, setQuery, search, more, open } =
    useHistoryStore();
  const time = new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'short', timeStyle: 'short' });

  useEffect(() => {
    void search();
  }, [search]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void search();
  }

  return (
    <section className="history" aria-labelledby="history-title">
      <h1 id="history-title">{t('history.title')}</h1>
      <search>
        <form className="history-search" onSubmit={submit}>
          <label>
            {t('history.search')}
            <input
              className="input"
              value={query.text}
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
          <label>
            {t('history.from')}
            <input
              className="input"
              type="date"
              value={query.from}
              onChange={(e) => setQuery({ from: e.target.value })}
            />
          </label>
          <label>
            {t('history.to')}
            <input
              className="input"
              type="date"
              value={query.to}
              onChange={(e) => setQuery({ to: e.target.value })}
            />
          </label>
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
        {/* Fragment searches are bounded in main (the newest sales, or the dates given): say so. */}
        {query.text.trim() !== '' && query.from === '' && (
          <p className="field-hint">{t('history.searchHint')}</p>
        )}
      </search>
      {error && <ErrorNotice error={error} />}
      {searched && items.length === 0 && <p className="empty">{t('history.empty')}</p>}
      {items.length > 0 && (
        <table className="history-table">
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
                  <button type="button" className="link" onClick={() => open(item.reference)}>
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
