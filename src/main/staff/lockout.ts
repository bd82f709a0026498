/**
 * PIN guessing brake: after FREE_FAILURES wrong PINs in a row, PINs are refused for a while, and
 * every further failure doubles the wait (30 s, 1 min, 2 min … up to 15 min). One budget covers
 * sign-in and manager approval at this counter. A wrong PIN does not say whose PIN it was meant to
 * be, so it counts against everyone, the managers first: only a manager's correct PIN resets the
 * count (a cashier's own PIN, at sign-in or typed into the manager prompt, gives back just its own
 * attempt, so guesses cannot be laundered between sign-ins), and an hour without any PIN entry
 * clears it (the cashiers' own slips do not pile up for days). The state lives in the journal, so
 * restarting the app does not reset the count.
 *
 * Every attempt is counted as a failure *before* its PIN is hashed (reserve), and given back only
 * when the PIN turns out right (release). So however many guesses arrive at once, at most the
 * budget left is ever verified; the rest are refused without being compared.
 */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** No PIN entered for this long (and no lock running): the count starts over. */
export const QUIET_RESET_MS = 60 * 60_000;

export interface LockoutState {
  /** Wrong PINs in a row, counting attempts still being verified. */
  failures: number;
  lockedUntil: string | null;
  /** Attempts reserved and not yet settled (being verified right now). */
  pending: number;
  /** The last PIN entry (reserved or settled), or null when there was none. */
  updatedAt: string | null;
}

export const UNLOCKED: LockoutState = { failures: 0, lockedUntil: null, pending: 0, updatedAt: null };

export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES));
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

/** Takes one attempt from the budget, as if it failed; `locks` when this attempt starts a lock. */
function quiet(state: LockoutState, now: Date): boolean {
  return (
    state.pending === 0 &&
    state.updatedAt !== null &&
    now.getTime() - new Date(state.updatedAt).getTime() >= QUIET_RESET_MS
  );
}

export function reserve(state: LockoutState, now: Date): { next: LockoutState; locks: boolean } {
  const from = quiet(state, now) ? UNLOCKED : state;
  const failures = from.failures + 1;
  const wait = lockDurationMs(failures);
  return {
    next: {
      failures,
      lockedUntil: wait > 0 ? new Date(now.getTime() + wait).toISOString() : from.lockedUntil,
      pending: from.pending + 1,
      updatedAt: now.toISOString(),
    },
    locks: wait > 0,
  };
}

/**
 * A manager's right PIN resets the count, except for the attempts still being verified next to it:
 * they were reserved as failures and stay so until they settle themselves.
 */
export function release(state: LockoutState, now: Date): LockoutState {
  const pending = Math.max(0, state.pending - 1);
  const failures = pending;
  return {
    failures,
    pending,
    lockedUntil: failures >= FREE_FAILURES ? state.lockedUntil : null,
    updatedAt: now.toISOString(),
  };
}

/**
 * Anyone else's right PIN gives back only its own attempt (`reservedAs` is the count its reservation
 * made): the failures before it stay counted. A lock its own reservation set is lifted (none was
 * running when it was checked); one that attempts made next to it may hold stays.
 */
export function releaseOwn(state: LockoutState, now: Date, reservedAs: number): LockoutState {
  const pending = Math.max(0, state.pending - 1);
  const alone = state.failures === reservedAs && state.pending === 1;
  return {
    failures: Math.max(pending, state.failures - 1),
    pending,
    lockedUntil: alone ? null : state.lockedUntil,
    updatedAt: now.toISOString(),
  };
}

/** A wrong PIN was already counted when it was reserved; it only stops being pending. */
export function settleFailure(state: LockoutState, now: Date): LockoutState {
  return { ...state, pending: Math.max(0, state.pending - 1), updatedAt: now.toISOString() };
}

/** At start nothing is being verified: attempts cut short by a crash stay counted as failures. */
export function afterRestart(state: LockoutState): LockoutState {
  return { ...state, pending: 0 };
}
