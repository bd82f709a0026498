import { useTranslation } from 'react-i18next';
import type { SaleStatus } from '../../../preload/contract';

/** Groups states by what they mean for the money, which is what the badge colour tells. */
export function statusTone(status: SaleStatus): 'ok' | 'pending' | 'none' | 'warn' {
  switch (status) {
    case 'COMPLETED':
      return 'ok';
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

export function StatusBadge({ status }: { status: SaleStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${statusTone(status)}`}>{t(`badge.${status}`)}</span>;
}
