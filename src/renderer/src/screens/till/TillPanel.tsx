import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Approval,
  PosError,
  Result,
  TillBind,
  TillPairingCode,
  TillStatus,
} from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { pos, settle } from '../../lib/pos';

const BINDS: TillBind[] = ['loopback', 'lan'];

/**
 * Settings → Till integration: a manager turns on the local API the shop's cash register drives the
 * counter with, chooses where it listens, makes one-time pairing codes and revokes tills. Every
 * change may need a manager's PIN (main decides); the code is shown once and never stored here.
 */
export function TillPanel() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<TillStatus | null>(null);
  const [bind, setBind] = useState<TillBind>('loopback');
  const [code, setCode] = useState<TillPairingCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const { run, prompt } = useApproval();

  useEffect(() => {
    void settle(() => pos().till.status()).then((result) => {
      if (!result.ok) return;
      setStatus(result.value);
      setBind(result.value.bind);
    });
  }, []);

  async function apply<T>(call: (approval?: Approval) => Promise<Result<T>>, done: (value: T) => void) {
    setBusy(true);
    setError(null);
    const result = await run((approval) => settle(() => call(approval)));
    setBusy(false);
    if (result.ok) done(result.value);
    else setError(result.error);
  }

  const configure = (enabled: boolean) =>
    apply(
      (approval) => pos().till.configure({ enabled, bind, ...(approval ? { approval } : {}) }),
      (next) => {
        setStatus(next);
        setBind(next.bind);
        if (!enabled) setCode(null);
      },
    );
  const time = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <section className="till" aria-labelledby="till-title">
      <h2 id="till-title">{t('till.title')}</h2>
      <p>{t('till.explain')}</p>
      {status && (
        <>
          <p className="field-hint" data-testid="till-state">
            {status.enabled
              ? status.url
                ? t('till.listening', { url: status.url })
                : t('till.notListening')
              : t('till.off')}
          </p>
          {status.problem && <p role="alert">{status.problem}</p>}
          {status.fingerprint && (
            <p>
              {t('till.fingerprint')} <code>{status.fingerprint}</code>
            </p>
          )}
          <fieldset className="field">
            <legend>{t('till.bind.label')}</legend>
            {BINDS.map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="till-bind"
                  value={value}
                  checked={bind === value}
                  onChange={() => setBind(value)}
                />
                {t(`till.bind.${value}`)}
              </label>
            ))}
          </fieldset>
          <button type="button" className="button" disabled={busy} onClick={() => void configure(true)}>
            {status.enabled ? t('till.apply') : t('till.turnOn')}
          </button>
          {status.enabled && (
            <>
              <button type="button" className="button" disabled={busy} onClick={() => void configure(false)}>
                {t('till.turnOff')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void apply((approval) => pos().till.pair(approval ? { approval } : {}), setCode)
                }
              >
                {t('till.newCode')}
              </button>
            </>
          )}
          {code && (
            <p aria-live="polite">
              {t('till.code', { until: time(code.expiresAt) })}{' '}
              <strong className="till-code">{code.code}</strong>
            </p>
          )}
          <h3>{t('till.tills')}</h3>
          {status.tills.length === 0 ? (
            <p>{t('till.none')}</p>
          ) : (
            <ul>
              {status.tills.map((till) => (
                <li key={till.id}>
                  {till.name} —{' '}
                  {till.lastUsedAt
                    ? t('till.lastUsed', { at: time(till.lastUsedAt) })
                    : t('till.paired', { at: time(till.createdAt) })}{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() =>
                      void apply(
                        (approval) => pos().till.revoke({ id: till.id, ...(approval ? { approval } : {}) }),
                        setStatus,
                      )
                    }
                  >
                    {t('till.revoke', { name: till.name })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      {prompt}
    </section>
  );
}
