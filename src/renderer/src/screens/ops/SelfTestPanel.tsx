import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, SelfTestOutcome, SelfTestReport } from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDates } from '../../lib/dates';
import { pos, settle } from '../../lib/pos';
import { selfTestWords } from './selftest-words';

const BADGE: Record<SelfTestOutcome, string> = {
  ok: 'badge badge-ok',
  warning: 'badge badge-warn',
  failed: 'badge badge-warn',
  skipped: 'badge badge-none',
};

/** The start-up self-test's result, and a button to run it again. */
export function SelfTestPanel() {
  const { t } = useTranslation();
  const dates = useDates();
  const [report, setReport] = useState<SelfTestReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<PosError | null>(null);

  useEffect(() => {
    void settle(() => pos().selftest.last()).then((result) => {
      if (result.ok && result.value) setReport(result.value);
    });
  }, []);

  async function run() {
    setRunning(true);
    setError(null);
    const result = await settle(() => pos().selftest.run());
    setRunning(false);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  }

  return (
    <section aria-labelledby="selftest-title">
      <h2 id="selftest-title">{t('ops.selftest.title')}</h2>
      {!report && !running && <p className="empty">{t('ops.selftest.never')}</p>}
      {report && (
        <>
          <p className="field-hint">{t('ops.selftest.ranAt', { time: dates.dateTime(report.ranAt) })}</p>
          <ul className="selftest-checks">
            {report.checks.map((check) => {
              const words = selfTestWords(t, check);
              return (
                <li key={check.id}>
                  <strong>{t(`ops.selftest.check.${check.id}`)}</strong>{' '}
                  <span className={BADGE[check.outcome]}>{t(`ops.selftest.outcome.${check.outcome}`)}</span>
                  <div>{words.message}</div>
                  {words.fix && <div className="field-hint">{t('ops.selftest.fix', { fix: words.fix })}</div>}
                  {typeof check.params.detail === 'string' && (
                    <div className="field-hint">
                      {t('ops.selftest.detail', { detail: check.params.detail })}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <button type="button" className="button" disabled={running} onClick={() => void run()}>
        {running ? t('ops.selftest.running') : t('ops.selftest.run')}
      </button>
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </section>
  );
}
