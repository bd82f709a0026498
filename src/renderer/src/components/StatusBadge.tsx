import { useTranslation } from 'react-i18next';
import type { ShownStatus } from '../../../preload/contract';

/** Groups states by what they mean for the money, which is what the badge colour tells. */
export function statusTone(status: ShownStatus): 'ok' | 'pending' | 'none' | 'warn' | 'refund' {
  switch (status) {
    case 'COMPLETED':
      return 'ok';
    case 'PARTLY_REFUNDED':
    case 'REFUNDED':
      return 'refund';
    case 'REJECTED':
    case 'EXPIRED':
    case 'CANCELLED':
    case 'RELEASED':
    case 'FAILED':
      return 'none';
    case 'UNKNOWN':
    case 'DECISION_NEEDED':
      return 'warn';
    default:
      return 'pending';
  }
}

export function StatusBadge({ status }: { status: ShownStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${statusTone(status)}`}>{t(`badge.${status}`)}</span>;
}

/** Marks a go-live evidence payment (a test for Vipps' checklist), wherever a sale is listed. */
export function GoLiveBadge() {
  const { t } = useTranslation();
  return <span className="badge badge-golive">{t('badge.GO_LIVE')}</span>;
}
