import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../stores/app';
import { GoLivePanel } from './GoLivePanel';
import { SelfTestPanel } from './SelfTestPanel';
import { WebhooksPanel } from './WebhooksPanel';

/** The settings page's tools: self-test, go-live evidence and webhooks. */
export function OpsPanel() {
  const { t } = useTranslation();
  const environment = useAppStore((s) => s.info?.environment ?? 'training');
  return (
    <section className="ops" aria-labelledby="ops-title">
      <h1 id="ops-title">{t('ops.title')}</h1>
      <SelfTestPanel />
      <GoLivePanel environment={environment} />
      <WebhooksPanel />
    </section>
  );
}
