/**
 * The simulator's notion of "now". Payments expire, tokens lapse and events are stamped on this
 * clock, so tests and training can move time forward without waiting ten real minutes.
 */
export interface SimClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Moves time forward; listeners run afterwards (the simulator expires payments there). */
  advance(ms: number): void;
  onAdvance(listener: (now: number) => void): () => void;
}

export interface SimClockOptions {
  /** Freeze time at this instant; only advance() moves it. Default: real time plus offset. */
  frozenAt?: number;
}

export function createSimClock(options: SimClockOptions = {}): SimClock {
  let offset = 0;
  const listeners = new Set<(now: number) => void>();
  const base = options.frozenAt;
  const now = () => (base === undefined ? Date.now() : base) + offset;
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance needs a non-negative number');
      offset += ms;
      const t = now();
      for (const listener of listeners) listener(t);
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
