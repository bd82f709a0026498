import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffStore } from '../stores/staff';

/** The one key that signs the current person out, from any screen. */
export const SIGN_OUT_KEY = 'F8';
/** Input is reported to main at most this often; the idle time is minutes, so this is plenty. */
export const ACTIVITY_EVERY_MS = 20_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps the session in step with main: reports input while someone is signed in, and asks again
 * when the session is due to end, and when the window comes back (the OS may have locked).
 */
function useSessionUpkeep(): void {
  const { session, loadSession, activity } = useStaffStore();
  const signedIn = session?.staff != null;
  const expiresAt = session?.expiresAt ?? null;

  useEffect(() => {
    void loadSession();
    const refresh = () => {
      if (document.visibilityState === 'visible') void loadSession();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [loadSession]);

  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void activity();
    };
    window.addEventListener('keydown', onInput, true);
    window.addEventListener('pointerdown', onInput, true);
    return () => {
      window.removeEventListener('keydown', onInput, true);
      window.removeEventListener('pointerdown', onInput, true);
    };
  }, [signedIn, activity]);

  useEffect(() => {
    if (!expiresAt) return;
    // setTimeout takes at most 2^31−1 ms; a longer wait is asked again by focus or input anyway.
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(expiresAt) - Date.now()) + 500);
    const timer = setTimeout(() => void loadSession(), wait);
    return () => clearTimeout(timer);
  }, [expiresAt, loadSession]);
}

/** Who is signed in at this counter, in the header at all times, with a one-key sign-out (F8). */
export function StaffBadge({ onOpenStaff }: { onOpenStaff: () => void }) {
  const { t } = useTranslation();
  const { session, signOut } = useStaffStore();
  useSessionUpkeep();
  const staff = session?.staff ?? null;

  useEffect(() => {
    if (!staff) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === SIGN_OUT_KEY && !event.repeat) {
        event.preventDefault();
        void signOut();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [staff, signOut]);

  if (!session) return null;
  if (!staff) {
    return (
      <button type="button" className="staff-badge button button-quiet" onClick={onOpenStaff}>
        {t('staff.header.nobody')}
      </button>
    );
  }
  return (
    <span className="staff-badge" data-role={staff.role}>
      <span className="staff-badge-who">
        {t('staff.signedInAs', { name: staff.name, role: t(`staff.role.${staff.role}`) })}
      </span>
      <button
        type="button"
        className="button button-quiet"
        aria-keyshortcuts={SIGN_OUT_KEY}
        onClick={() => void signOut()}
      >
        {t('staff.header.signOut', { key: SIGN_OUT_KEY })}
      </button>
    </span>
  );
}
