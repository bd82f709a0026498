/**
 * PIN guessing brake: after FREE_FAILURES wrong PINs in a row, PINs are refused for a while, and
 * every further failure doubles the wait (30 s, 1 min, 2 min … up to 15 min). One budget covers
 * sign-in and manager approval at this counter; a correct PIN resets it. The state lives in the
 * journal, so restarting the app does not reset the count.
 *
 * Every attempt is counted as a failure *before* its PIN is hashed (reserve), and given back only
 * when the PIN turns out right (release). So however many guesses arrive at once, at most the
 * budget left is ever verified; the rest are refused without being compared.
 */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export interface LockoutState {
  /** Wrong PINs in a row, counting attempts still being verified. */
  failures: number;
  lockedUntil: string | null;
  /** Attempts reserved and not yet settled (being verified right now). */
  pending: number;
}

export const UNLOCKED: LockoutState = { failures: 0, lockedUntil: null, pending: 0 };

export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES));
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

/** Takes one attempt from the budget, as if it failed; `locks` when this attempt starts a lock. */
export function reserve(state: LockoutState, now: Date): { next: LockoutState; locks: boolean } {
  const failures = state.failures + 1;
  const wait = lockDurationMs(failures);
  return {
    next: {
      failures,
      lockedUntil: wait > 0 ? new Date(now.getTime() + wait).toISOString() : state.lockedUntil,
      pending: state.pending + 1,
    },
    locks: wait > 0,
  };
}

/**
 * A right PIN resets the count, except for the attempts still being verified next to it: they
 * were reserved as failures and stay so until they settle themselves.
 */
export function release(state: LockoutState): LockoutState {
  const pending = Math.max(0, state.pending - 1);
  const failures = pending;
  return { failures, pending, lockedUntil: failures >= FREE_FAILURES ? state.lockedUntil : null };
}

/** A wrong PIN was already counted when it was reserved; it only stops being pending. */
export function settleFailure(state: LockoutState): LockoutState {
  return { ...state, pending: Math.max(0, state.pending - 1) };
}

/** At start nothing is being verified: attempts cut short by a crash stay counted as failures. */
export function afterRestart(state: LockoutState): LockoutState {
  return { ...state, pending: 0 };
}
