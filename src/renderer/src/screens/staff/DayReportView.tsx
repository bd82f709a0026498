import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayReport } from '../../../../preload/contract';
import { DateField } from '../../components/DateField';
import { StatusBadge } from '../../components/StatusBadge';
import { useApproval } from '../../lib/approval';
import { useDates } from '../../lib/dates';
import { useMoney } from '../../lib/hooks';
import { useStaffStore } from '../../stores/staff';
import { ExportNote } from './ExportNote';

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The report itself: also what the printable page and the print stylesheet show. */
export function DayReportBody({ report }: { report: DayReport }) {
  const { t } = useTranslation();
  const money = useMoney();
  const dates = useDates();
  return (
    <article
      className="day-report"
      aria-label={t('staff.report.title', { date: dates.date(report.date), counter: report.counterId })}
    >
      <h3>
        {t('staff.report.title', {
          date: dates.date(report.date),
          counter: report.counterId === '*' ? t('staff.report.allCounters') : report.counterId,
        })}
      </h3>
      <section>
        <h4>{t('staff.report.open')}</h4>
        {report.openItems.length === 0 ? (
          <p>{t('staff.report.noOpen')}</p>
        ) : (
          <ul className="open-items">
            {report.openItems.map((item) => (
              <li key={`${item.kind}-${item.reference}`} className="open-item">
                <strong>{t(`staff.report.openKind.${item.kind}`)}</strong>{' '}
                <span className="ref">{item.reference}</span> —{' '}
                <span className="num">{money(item.amount, item.currency)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h4>{t('staff.report.byStatus')}</h4>
        {report.byStatus.length === 0 ? (
          <p>{t('staff.report.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.report.status')}</th>
                <th scope="col" className="num">
                  {t('staff.report.count')}
                </th>
                <th scope="col" className="num">
                  {t('staff.report.amount')}
                </th>
                <th scope="col" className="num">
                  {t('staff.report.kept')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.byStatus.map((s) => (
                <tr key={`${s.status}-${s.currency}`}>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td className="num">{s.count}</td>
                  <td className="num">{money(s.amount, s.currency)}</td>
                  <td className="num">{money(s.kept, s.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h4>{t('staff.report.money')}</h4>
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num">
                {t('staff.report.captured')}
              </th>
              <th scope="col" className="num">
                {t('staff.report.refunded')}
              </th>
              <th scope="col" className="num">
                {t('staff.report.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.money.map((m) => (
              <tr key={m.currency}>
                <th scope="row">{m.currency}</th>
                <td className="num">{money(m.captured, m.currency)}</td>
                <td className="num">{money(m.refunded, m.currency)}</td>
                <td className="num">{money(m.net, m.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {report.refunds.length > 0 && (
        <section>
          <h4>{t('staff.report.refunds')}</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.audit.reference')}</th>
                <th scope="col" className="num">
                  {t('staff.report.amount')}
                </th>
                <th scope="col">{t('staff.report.reason')}</th>
                <th scope="col">{t('staff.report.status')}</th>
              </tr>
            </thead>
            <tbody>
              {report.refunds.map((r) => (
                <tr key={`${r.reference}-${r.at}`}>
                  <td className="ref">{r.reference}</td>
                  <td className="num">{money(r.amount, r.currency)}</td>
                  <td>{r.reason}</td>
                  <td>{t(`staff.report.opStatus.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}

/** End of day: pick a day and counter, see the figures, export CSV or print. */
export function DayReportView() {
  const { t } = useTranslation();
  const { report, busy, loadReport, exportCsv } = useStaffStore();
  const { run, prompt } = useApproval();
  const [date, setDate] = useState(today);
  const [allCounters, setAllCounters] = useState(false);
  const counter = allCounters ? '*' : undefined;
  return (
    <section className="staff-section" aria-labelledby="day-report-title">
      <h2 id="day-report-title">{t('staff.sections.report')}</h2>
      <form
        className="no-print staff-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run((approval) => loadReport(date, counter, approval), { action: 'report' });
        }}
      >
        <DateField label={t('staff.report.date')} value={date} required onChange={setDate} />
        <label className="check">
          <input type="checkbox" checked={allCounters} onChange={(e) => setAllCounters(e.target.checked)} />
          <span>{t('staff.report.allCounters')}</span>
        </label>
        <button type="submit" className="button button-primary" disabled={busy || !date}>
          {t('staff.report.show')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !date}
          onClick={() => void run((approval) => exportCsv(date, counter, approval), { action: 'report' })}
        >
          {t('staff.report.csv')}
        </button>
        {report && (
          <button type="button" className="button" onClick={() => window.print()}>
            {t('staff.report.print')}
          </button>
        )}
      </form>
      <ExportNote />
      {prompt}
      {report && <DayReportBody report={report} />}
    </section>
  );
}
