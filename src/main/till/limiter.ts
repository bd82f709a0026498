/**
 * Wrong tokens and pairing codes, counted per client address in a sliding window: past the budget
 * the address is refused without any check (and without filling the audit log) until the window
 * has passed, so a token or code cannot be guessed at speed.
 */
export interface AuthLimiter {
  /** Milliseconds until the address may try again, or 0 when it may try now. */
  blockedFor(address: string): number;
  /** Counts a failure; true when this one used up the budget. */
  failed(address: string): boolean;
}

export function createAuthLimiter(options: {
  budget: number;
  windowMs: number;
  now: () => number;
}): AuthLimiter {
  const failures = new Map<string, number[]>();
  const recent = (address: string) => {
    const since = options.now() - options.windowMs;
    const kept = (failures.get(address) ?? []).filter((at) => at > since);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  };
  return {
    blockedFor(address) {
      const kept = recent(address);
      if (kept.length < options.budget) return 0;
      return Math.max(1, kept[0]! + options.windowMs - options.now());
    },
    failed(address) {
      const kept = recent(address);
      kept.push(options.now());
      failures.set(address, kept);
      return kept.length === options.budget;
    },
  };
}
