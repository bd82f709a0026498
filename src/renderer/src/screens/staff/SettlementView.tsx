import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Currency, SettlementDayView, SettlementEntryView } from '../../../../preload/contract';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { useDates } from '../../lib/dates';
import { useMoney } from '../../lib/hooks';
import { useAppStore } from '../../stores/app';
import { useSettlementStore } from '../../stores/settlement';
import { ExportNote } from './ExportNote';

/** Ledger dates close the morning after: yesterday is the first one worth opening. */
export function yesterday(): string {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function Verdict({ view }: { view: SettlementDayView }) {
  const { t } = useTranslation();
  if (!view.ledgerId) return <p className="notice">{t('settlement.noLedger')}</p>;
  if (!view.closed) return <p className="notice">{t('settlement.notClosed')}</p>;
  return view.agrees ? (
    <p className="notice notice-ok" role="status">
      {t('settlement.agrees')}
    </p>
  ) : (
    <p className="notice notice-error" role="status">
      {t('settlement.differs')}
    </p>
  );
}

function Totals({ view, currency }: { view: SettlementDayView; currency: Currency }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows: Array<[string, number | null]> = [
    ['opening', view.totals.opening],
    ['captures', view.totals.captures],
    ['refunds', view.totals.refunds],
    ['feesRetained', view.totals.feesRetained],
    ['other', view.totals.other],
    ['payout', view.totals.payout],
    ['closing', view.totals.closing],
    ['elsewhere', view.totals.elsewhere],
  ];
  return (
    <section>
      <h4>{t('settlement.totals.title')}</h4>
      <table>
        <tbody>
          {rows.map(([name, amount]) => (
            <tr key={name}>
              <th scope="row">{t(`settlement.totals.${name}`)}</th>
              <td className="num">{amount === null ? '—' : money(amount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Checks({ view, currency }: { view: SettlementDayView; currency: Currency }) {
  const { t } = useTranslation();
  const money = useMoney();
  const counted = (name: string) => name === 'entries' || name === 'journal';
  return (
    <section>
      <h4>{t('settlement.checks.title')}</h4>
      <ul className="settlement-checks">
        {view.checks.map((c) => (
          <li key={c.name}>
            <strong>{c.ok ? t('settlement.checks.ok') : t('settlement.checks.differs')}</strong>{' '}
            {t(`settlement.checks.${c.name}`)}
            {!c.ok &&
              ` — ${t('settlement.checks.expected', {
                expected: counted(c.name) ? c.expected : money(c.expected, currency),
                actual: counted(c.name) ? c.actual : money(c.actual, currency),
              })}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EntryRows({ entries, currency }: { entries: SettlementEntryView[]; currency: Currency }) {
  const { t } = useTranslation();
  const money = useMoney();
  const dates = useDates();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('settlement.entries.time')}</th>
          <th scope="col">{t('settlement.entries.type')}</th>
          <th scope="col">{t('settlement.entries.reference')}</th>
          <th scope="col" className="num">
            {t('settlement.entries.amount')}
          </th>
          <th scope="col">{t('settlement.entries.match')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.pspReference}-${e.entryType}-${e.time}`} data-match={e.match ?? 'none'}>
            <td>{dates.dateTime(e.time)}</td>
            <td>{t(`settlement.type.${e.entryType}`, { defaultValue: e.entryType })}</td>
            <td className="ref">{e.reference ?? e.pspReference}</td>
            <td className="num">{money(e.amount, currency)}</td>
            <td>
              {e.match
                ? t(`settlement.match.${e.match}`, {
                    counter: e.counterId ?? '',
                    handle: e.recipientHandle ?? '',
                  })
                : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One ledger date of the Vipps settlement, checked against this journal. */
export function SettlementBody({ view }: { view: SettlementDayView }) {
  const { t } = useTranslation();
  const money = useMoney();
  const dates = useDates();
  const currency: Currency = view.currency ?? 'NOK';
  return (
    <article
      className="settlement"
      aria-label={t('settlement.heading', { date: dates.date(view.ledgerDate) })}
    >
      <h3>{t('settlement.heading', { date: dates.date(view.ledgerDate) })}</h3>
      <Verdict view={view} />
      {view.ledgerId && (
        <>
          <Totals view={view} currency={currency} />
          <Checks view={view} currency={currency} />
          <section>
            <h4>{t('settlement.unsettled.title', { hours: view.graceHours })}</h4>
            {view.unsettled.length === 0 ? (
              <p>{t('settlement.unsettled.none')}</p>
            ) : (
              <ul className="open-items">
                {view.unsettled.map((u) => (
                  <li key={`${u.reference}-${u.kind}-${u.at}`} className="open-item">
                    <strong>
                      {t(`settlement.unsettled.${u.state}`, {
                        date: u.bookedOn ? dates.date(u.bookedOn) : '',
                      })}
                    </strong>{' '}
                    {t(`settlement.unsettled.kind.${u.kind}`)} <span className="ref">{u.reference}</span> —{' '}
                    <span className="num">{money(u.amount, currency)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h4>{t('settlement.entries.title', { count: view.funds.length })}</h4>
            {view.funds.length === 0 ? (
              <p>{t('settlement.entries.none')}</p>
            ) : (
              <EntryRows entries={view.funds} currency={currency} />
            )}
          </section>
          <section>
            <h4>{t('settlement.fees.title', { amount: money(view.totals.feesCharged, currency) })}</h4>
            {view.fees.length > 0 && (
              <details>
                <summary>{t('settlement.fees.show', { count: view.fees.length })}</summary>
                <EntryRows entries={view.fees} currency={currency} />
              </details>
            )}
          </section>
        </>
      )}
    </article>
  );
}

function SyncLine({ view }: { view: SettlementDayView }) {
  const { t } = useTranslation();
  const dates = useDates();
  const { sync } = view;
  return (
    <p className="hint no-print">
      {sync.lastSuccessAt
        ? t('settlement.sync.last', { time: dates.dateTime(sync.lastSuccessAt), count: sync.entries })
        : t('settlement.sync.never')}
      {sync.lastErrorCode && ` ${t('settlement.sync.failing', { code: sync.lastErrorCode })}`}
    </p>
  );
}

/** Staff area: settlement reconciliation with the Report API (production; training on the simulator). */
export function SettlementView() {
  const { t } = useTranslation();
  const { view, busy, error, load, exportCsv, syncNow } = useSettlementStore();
  const { run, prompt } = useApproval();
  const [date, setDate] = useState(yesterday);
  const [ledgerId, setLedgerId] = useState<string | undefined>(undefined);
  const environment = useAppStore((s) => s.info?.environment);
  // Known before anything is asked: Vipps offers the Report API in production only.
  const noApi = environment === 'test' || view?.availability === 'no-test-api';
  const training = environment === 'training' || view?.availability === 'training';
  return (
    <section className="staff-section" aria-labelledby="settlement-title">
      <h2 id="settlement-title">{t('settlement.title')}</h2>
      <p className="hint">{t('settlement.intro')}</p>
      {training && !noApi && <p className="notice">{t('settlement.training')}</p>}
      {noApi ? (
        <p className="notice" role="status">
          {t('settlement.noTestApi')}
        </p>
      ) : null}
      <form
        className="no-print staff-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run((approval) => load(date, ledgerId, approval));
        }}
      >
        <DateField label={t('settlement.date')} value={date} required onChange={setDate} />
        {view && view.ledgers.length > 1 && (
          <label>
            <span>{t('settlement.ledger')}</span>
            <select value={ledgerId ?? view.ledgerId ?? ''} onChange={(e) => setLedgerId(e.target.value)}>
              {view.ledgers.map((l) => (
                <option key={l.ledgerId} value={l.ledgerId}>
                  {l.ledgerId} {l.currency ?? ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !date || noApi}>
          {t('settlement.show')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !date || noApi}
          onClick={() => void run((approval) => exportCsv(date, ledgerId, approval))}
        >
          {t('settlement.csv')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !date || noApi}
          onClick={() => void run((approval) => syncNow(date, ledgerId, approval))}
        >
          {t('settlement.syncNow')}
        </button>
      </form>
      <ExportNote />
      {prompt}
      {error && <ErrorNotice error={error} />}
      {view && !noApi && <SyncLine view={view} />}
      {view && !noApi && <SettlementBody view={view} />}
    </section>
  );
}
