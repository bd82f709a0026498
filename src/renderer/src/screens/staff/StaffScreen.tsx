import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStaffStore } from '../../stores/staff';
import { AuditView } from './AuditView';
import { DayReportView } from './DayReportView';
import { MembersPanel } from './MembersPanel';
import { ReservationsView } from './ReservationsView';
import { SessionPanel } from './SessionPanel';
import { SupportPanel } from './SupportPanel';

/**
 * A PIN refusal is about the person at the counter, not about Vipps: say "wrong PIN" or when the
 * lockout ends; anything else gets the usual cashier wording.
 */
function StaffError() {
  const { t, i18n } = useTranslation();
  const error = useStaffStore((s) => s.error);
  const close = () => useStaffStore.setState({ error: null });
  if (!error) return null;
  const retryAt = error.details?.retryAt;
  if (error.code === 'RATE_LIMITED' && retryAt) {
    return (
      <p className="notice notice-error" role="alert">
        {t('staff.locked', { time: new Date(retryAt).toLocaleTimeString(i18n.language) })}
      </p>
    );
  }
  if (error.code === 'FORBIDDEN' && error.details?.field === 'pin') {
    return (
      <p className="notice notice-error" role="alert">
        {t('staff.wrongPin')}
      </p>
    );
  }
  return <ErrorNotice error={error} onClose={close} />;
}

/** Everything besides selling: who is signed in, end of day, reservations, audit, support. */
export function StaffScreen() {
  const { error, loadSession } = useStaffStore();
  useEffect(() => {
    void loadSession();
  }, [loadSession]);
  return (
    <div className="staff-screen">
      <SessionPanel />
      {error && <StaffError />}
      <DayReportView />
      <ReservationsView />
      <AuditView />
      <MembersPanel />
      <SupportPanel />
    </div>
  );
}
