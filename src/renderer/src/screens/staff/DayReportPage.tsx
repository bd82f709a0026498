import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStaffStore } from '../../stores/staff';
import { DayReportBody, today } from './DayReportView';

/** `#/day-report?date=YYYY-MM-DD&counter=ID|*`: the day report alone on a page, ready to print. */
export function dayReportParams(hash: string): { date: string; counter?: string } {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const date = query.get('date');
  const counter = query.get('counter');
  return {
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today(),
    ...(counter ? { counter } : {}),
  };
}

export function DayReportPage() {
  const { t } = useTranslation();
  const { report, error, loadReport } = useStaffStore();
  const { date, counter } = dayReportParams(window.location.hash);
  useEffect(() => {
    void loadReport(date, counter);
  }, [loadReport, date, counter]);
  return (
    <main className="day-report-page">
      <p className="no-print">
        <a href="#/">← {t('app.nav.sale')}</a>{' '}
        <button type="button" className="button" onClick={() => window.print()}>
          {t('staff.report.print')}
        </button>
      </p>
      {error && <ErrorNotice error={error} />}
      {report && <DayReportBody report={report} />}
    </main>
  );
}
