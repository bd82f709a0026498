import { useTranslation } from 'react-i18next';
import type { AlertEvent } from '../../../preload/contract';
import { useDates } from './dates';

/** An alert in the UI language from main's code and parameters; main's English only for codes this version lacks. */
export function useAlertText(): (alert: AlertEvent) => string {
  const { t } = useTranslation();
  const dates = useDates();
  return (alert) => {
    // Alerts with a kind of their own are worded from the kind; the others from main's code.
    if (alert.kind === 'UPDATE_READY') return t('alerts.updateReady', { version: alert.version });
    if (alert.kind === 'PARKED') return t('alerts.parked');
    if (!alert.code) return alert.message;
    const params = alert.params ?? {};
    const checks = typeof params.checks === 'string' ? params.checks.split(',') : [];
    return t(`alerts.codes.${alert.code}`, {
      ...params,
      until: typeof params.until === 'string' ? dates.date(params.until) : '',
      checks: checks.map((id) => t(`ops.selftest.check.${id}`)).join(', '),
    });
  };
}
