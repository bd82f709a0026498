/**
 * Vipps' per-payment rate limits (docs: ePayment API → Rate limits; ../shared/vipps-api-notes.md):
 * create, capture, cancel and refund 5 a minute per reference, get payment and the event log 120 a
 * minute per reference. The simulator enforces them (429 + Retry-After) and the client keeps to
 * them, whoever calls it (retries, the poller, the reconciler), so a breach is never our doing.
 */
export const RATE_WINDOW_MS = 60_000;

/** Requests per reference per minute, by the client's and the simulator's operation names. */
export const PER_REFERENCE_LIMITS: Readonly<Record<string, number>> = {
  createPayment: 5,
  capturePayment: 5,
  cancelPayment: 5,
  refundPayment: 5,
  getPayment: 120,
  getEvents: 120,
  getPaymentEventLog: 120,
};

/** The event log is one limit under two names (the client's and the simulator's). */
const SAME_LIMIT: Readonly<Record<string, string>> = { getPaymentEventLog: 'getEvents' };

/**
 * A sliding one-minute window per operation and reference. `wait` says how long until one more
 * request fits (0 = now); `take` records one. Times are whatever clock the owner uses.
 */
export function createRateWindow(limits: Readonly<Record<string, number>> = PER_REFERENCE_LIMITS) {
  const sent = new Map<string, number[]>();
  const keyOf = (operation: string, reference: string) =>
    `${SAME_LIMIT[operation] ?? operation}\n${reference}`;

  function recent(key: string, now: number): number[] {
    const times = (sent.get(key) ?? []).filter((at) => at > now - RATE_WINDOW_MS);
    if (times.length === 0) sent.delete(key);
    else sent.set(key, times);
    return times;
  }

  return {
    limited: (operation: string) => limits[operation] !== undefined,
    wait(operation: string, reference: string, now: number): number {
      const limit = limits[operation];
      if (limit === undefined) return 0;
      const times = recent(keyOf(operation, reference), now);
      if (times.length < limit) return 0;
      return times[times.length - limit]! + RATE_WINDOW_MS - now;
    },
    take(operation: string, reference: string, now: number): void {
      if (limits[operation] === undefined) return;
      const key = keyOf(operation, reference);
      sent.set(key, [...recent(key, now), now]);
    },
  };
}

export type RateWindow = ReturnType<typeof createRateWindow>;
