import { useTranslation } from 'react-i18next';
import { useBrandName } from '../lib/hooks';
import { useAppStore } from '../stores/app';

export function TrainingBanner() {
  const { t } = useTranslation();
  const training = useAppStore((s) => s.info?.training ?? false);
  if (!training) return null;
  return (
    <div className="banner banner-training" role="note">
      {t('app.training')}
    </div>
  );
}

/** While Vipps cannot be reached, new payments are blocked; nothing is queued to be sent later. */
export function ConnectivityBanner() {
  const { t } = useTranslation();
  const online = useAppStore((s) => s.online);
  const reason = useAppStore((s) => s.offlineReason);
  const brand = useBrandName();
  if (online) return null;
  return (
    <div className="banner banner-offline" role="alert">
      <strong>{t('app.offline', { brand })}</strong>
      {reason && <span className="banner-reason"> {reason}</span>}
    </div>
  );
}

export function RecoveryBanner() {
  const { t } = useTranslation();
  const recovery = useAppStore((s) => s.info?.recovery ?? null);
  if (!recovery || recovery.needsAttention === 0) return null;
  return (
    <div className="banner banner-warn" role="status">
      {t('app.recovered', { checked: recovery.checked, needsAttention: recovery.needsAttention })}
    </div>
  );
}
