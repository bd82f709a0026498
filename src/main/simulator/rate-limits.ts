/**
 * The simulator answers as Vipps does when a payment is asked about too often: 429 with
 * Retry-After, per reference (see ../vipps/rate-limits.ts for the documented limits). On by
 * default; a test that deliberately hammers one reference may turn it off, explicitly.
 */
import { createRateWindow } from '../vipps/rate-limits';
import type { SimClock } from './clock';
import { SimError } from './sim-error';

export interface SimRateLimits {
  /** Throws a 429 SimError when this request is over the limit; otherwise counts it. */
  admit(operation: string, reference: string | undefined): void;
  /** Requests refused with 429 so far (tests assert the app never causes one). */
  refused(): number;
}

export function createSimRateLimits(clock: SimClock, enabled: boolean): SimRateLimits {
  const window = createRateWindow();
  let refusals = 0;
  return {
    admit(operation, reference) {
      if (!enabled || !reference || !window.limited(operation)) return;
      const now = clock.now();
      const wait = window.wait(operation, reference, now);
      if (wait > 0) {
        refusals += 1;
        throw new SimError(429, 'Too Many Requests', 'Rate limit exceeded for this payment. Slow down.', [], {
          'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
        });
      }
      window.take(operation, reference, now);
    },
    refused: () => refusals,
  };
}
