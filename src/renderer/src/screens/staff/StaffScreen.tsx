import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStaffStore } from '../../stores/staff';
import { AuditView } from './AuditView';
import { DayReportView } from './DayReportView';
import { MembersPanel } from './MembersPanel';
import { ReservationsView } from './ReservationsView';
import { SessionPanel } from './SessionPanel';
import { SupportPanel } from './SupportPanel';
import './staff.css';

/** Everything besides selling: who is signed in, end of day, reservations, audit, support. */
export function StaffScreen() {
  const { error, loadSession } = useStaffStore();
  useEffect(() => {
    void loadSession();
  }, [loadSession]);
  return (
    <div className="staff-screen">
      <SessionPanel />
      {error && <ErrorNotice error={error} onClose={() => useStaffStore.setState({ error: null })} />}
      <DayReportView />
      <ReservationsView />
      <AuditView />
      <MembersPanel />
      <SupportPanel />
    </div>
  );
}
