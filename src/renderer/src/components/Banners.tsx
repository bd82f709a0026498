import { useTranslation } from 'react-i18next';
import { useBrandName } from '../lib/hooks';
import { useAlertsStore } from '../stores/alerts';
import { useAppStore } from '../stores/app';
import { useHistoryStore } from '../stores/history';

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

/**
 * A customer approved after the cashier gave up: money is reserved and someone must decide. This
 * stays on every screen until it is opened or closed, so it cannot be missed at a busy counter.
 */
export function LateApprovalBanner() {
  const { t } = useTranslation();
  const late = useAlertsStore((s) => s.alerts.find((a) => a.kind === 'LATE_APPROVAL' && a.reference));
  const dismiss = useAlertsStore((s) => s.dismiss);
  const setView = useAppStore((s) => s.setView);
  const open = useHistoryStore((s) => s.open);
  if (!late?.reference) return null;
  const reference = late.reference;
  return (
    <div className="banner banner-warn banner-late" role="alert">
      <span>
        {t('alerts.lateApproval', { reference })} — {t('attention.LATE_APPROVAL')}
      </span>
      <span className="button-row">
        <button
          type="button"
          className="button"
          onClick={async () => {
            dismiss(late.id);
            await open(reference);
            setView('history');
          }}
        >
          {t('alerts.open')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => dismiss(late.id)}>
          {t('app.dismiss')}
        </button>
      </span>
    </div>
  );
}
