/**
 * PIN guessing brake: after FREE_FAILURES wrong PINs in a row, PINs are refused for a while, and
 * every further failure doubles the wait (30 s, 1 min, 2 min … up to 15 min). One budget covers
 * sign-in and manager approval at this counter; a correct PIN resets it. The state lives in the
 * journal, so restarting the app does not reset the count.
 */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export interface LockoutState {
  failures: number;
  lockedUntil: string | null;
}

export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES));
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

export function afterFailure(state: LockoutState, now: Date): LockoutState {
  const failures = state.failures + 1;
  const wait = lockDurationMs(failures);
  return {
    failures,
    lockedUntil: wait > 0 ? new Date(now.getTime() + wait).toISOString() : null,
  };
}

export const UNLOCKED: LockoutState = { failures: 0, lockedUntil: null };
