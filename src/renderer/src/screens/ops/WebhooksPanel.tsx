import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Approval, PosError, Result, WebhookStatus } from '../../../../preload/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApproval } from '../../lib/approval';
import { pos, settle } from '../../lib/pos';

/**
 * Why polling alone is used at a counter; with a public relay, register or remove webhooks. Both
 * change the merchant's Vipps configuration, so a manager may have to approve (main decides).
 */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<WebhookStatus | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const { run, prompt } = useApproval();

  useEffect(() => {
    void settle(() => pos().webhooks.status()).then((result) => {
      if (result.ok) setStatus(result.value);
    });
  }, []);

  async function apply(call: (approval?: Approval) => Promise<Result<WebhookStatus>>) {
    setBusy(true);
    setError(null);
    const result = await run((approval) => settle(() => call(approval)), { action: 'settings' });
    setBusy(false);
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('ops.webhooks.title')}</h2>
      <p>{t('ops.webhooks.polling')}</p>
      {status && (
        <p className="field-hint">
          {!status.available
            ? `${t('ops.webhooks.explain.pollingOnly')} ${t('ops.webhooks.explain.training')}`
            : status.url
              ? t('ops.webhooks.explain.relay', { url: status.url })
              : t('ops.webhooks.explain.pollingOnly')}
        </p>
      )}
      {status?.available && status.url && (
        <>
          <p>{t('ops.webhooks.registered', { url: status.url })}</p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void apply((approval) => pos().webhooks.unregister(approval ? { approval } : {}))}
          >
            {t('ops.webhooks.unregister')}
          </button>
        </>
      )}
      {status?.available && !status.url && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void apply((approval) =>
              pos().webhooks.register({ url: url.trim(), ...(approval ? { approval } : {}) }),
            );
          }}
        >
          <label className="field">
            <span>{t('ops.webhooks.url')}</span>
            <input className="input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={busy || url.trim() === ''}>
            {t('ops.webhooks.register')}
          </button>
        </form>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      {prompt}
    </section>
  );
}
