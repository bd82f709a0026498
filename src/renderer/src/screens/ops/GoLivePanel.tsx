import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Environment, GoLiveReport, PosError } from '../../../../preload/contract';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { pos, settle } from '../../lib/pos';

/**
 * Runs the checklist scenarios (test environment or training) and shows the evidence table. They
 * make payments on the merchant's sales unit, so a manager may have to approve (main decides).
 */
export function GoLivePanel({ environment }: { environment: Environment }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<GoLiveReport | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const { run: approved, prompt } = useApproval();

  async function run() {
    setRunning(true);
    setError(null);
    const req = environment === 'test' && phone.trim() ? { phone: phone.trim() } : {};
    const result = await approved(
      (approval) => settle(() => pos().golive.run({ ...req, ...(approval ? { approval } : {}) })),
      { action: 'golive' },
    );
    setRunning(false);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  }

  return (
    <section aria-labelledby="golive-title">
      <h2 id="golive-title">{t('ops.golive.title')}</h2>
      <p>{t('ops.golive.text')}</p>
      {environment === 'production' ? (
        <p className="notice notice-warn">{t('ops.golive.production')}</p>
      ) : (
        <>
          {environment === 'test' && (
            <label className="field">
              <span>{t('ops.golive.phone')}</span>
              <input
                className="input"
                inputMode="tel"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
              />
            </label>
          )}
          <ConfirmButton className="button" disabled={running} onConfirm={() => void run()}>
            {running ? t('ops.golive.running') : t('ops.golive.run')}
          </ConfirmButton>
        </>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      {prompt}
      {report && (
        <>
          <p className={report.ok ? 'notice notice-ok' : 'notice notice-warn'}>
            {report.ok ? t('ops.golive.ok') : t('ops.golive.notOk')}
          </p>
          <table className="golive-table">
            <thead>
              <tr>
                <th>{t('ops.golive.scenario')}</th>
                <th>{t('ops.golive.reference')}</th>
                <th>{t('ops.golive.state')}</th>
                <th>{t('ops.golive.result')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.reference}>
                  <td>{row.scenario}</td>
                  <td>{row.reference}</td>
                  <td>{row.state ?? '-'}</td>
                  <td>
                    {row.ok ? (
                      t('ops.golive.rowOk')
                    ) : (
                      <>
                        {t('ops.golive.rowNotOk')}
                        {/* Main's evidence text stays as written for Vipps (English), like the report below. */}
                        {row.problem && (
                          <details>
                            <summary>{t('ops.golive.technical')}</summary>
                            {row.problem}
                          </details>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <pre className="golive-text" data-testid="golive-text">
            {report.text}
          </pre>
        </>
      )}
    </section>
  );
}
