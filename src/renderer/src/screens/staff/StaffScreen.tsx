import type { TFunction } from 'i18next';
import { type ComponentType, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatTime } from '../../lib/dates';
import { useAppStore } from '../../stores/app';
import { useStaffStore } from '../../stores/staff';
import { AuditView } from './AuditView';
import { DayReportView } from './DayReportView';
import { MembersPanel } from './MembersPanel';
import { PolicyPanel } from './PolicyPanel';
import { ReservationsView } from './ReservationsView';
import { SessionPanel } from './SessionPanel';
import { SettlementView } from './SettlementView';
import { SupportPanel } from './SupportPanel';
import { STAFF_SECTIONS, type StaffSection, staffHash } from './sections';
import { useStaffSection } from './use-staff-section';

const SECTION_VIEWS: Record<StaffSection, ComponentType> = {
  report: DayReportView,
  settlement: SettlementView,
  reservations: ReservationsView,
  audit: AuditView,
  members: MembersPanel,
  policy: PolicyPanel,
  support: SupportPanel,
};

function sectionTitle(t: TFunction, section: StaffSection): string {
  if (section === 'policy') return t('staff.policy.title');
  if (section === 'settlement') return t('settlement.title');
  return t(`staff.sections.${section}`);
}

/**
 * A PIN refusal is about the person at the counter, not about Vipps: say "wrong PIN" or when the
 * lockout ends; anything else gets the usual cashier wording.
 */
function StaffError() {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const error = useStaffStore((s) => s.error);
  const close = () => useStaffStore.setState({ error: null });
  if (!error) return null;
  const retryAt = error.details?.retryAt;
  if (error.code === 'RATE_LIMITED' && retryAt) {
    return (
      <p className="notice notice-error" role="alert">
        {t('staff.locked', { time: formatTime(retryAt, language) })}
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

/** The back office: who is signed in on top, then one section at a time, chosen from the side list. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { error, loadSession } = useStaffStore();
  // Signing in or out replaces the form that had focus: focus goes on to the section's heading.
  const signedIn = useStaffStore((s) => s.session?.staff?.id ?? null);
  const { section, visit } = useStaffSection();
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void loadSession();
  }, [loadSession]);
  // Opening a section (by the list, a link or the address) or signing in puts focus on its heading,
  // so the next Tab lands in that section and a screen reader says where the manager is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the section is what this follows
  useEffect(() => {
    const heading = content.current?.querySelector<HTMLElement>('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, [section, visit, signedIn]);
  const Section = SECTION_VIEWS[section];
  return (
    <div className="staff-screen">
      <SessionPanel />
      {error && <StaffError />}
      <div className="staff-layout">
        <nav className="staff-nav" aria-label={t('staff.sections.menu')}>
          <ul>
            {STAFF_SECTIONS.map((name) => (
              <li key={name}>
                <a href={staffHash(name)} aria-current={name === section ? 'page' : undefined}>
                  {sectionTitle(t, name)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="staff-content" ref={content}>
          <Section />
        </div>
      </div>
    </div>
  );
}
