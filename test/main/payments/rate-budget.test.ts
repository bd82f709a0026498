/**
 * Vipps' per-reference rate limits (5 a minute for capture, 120 for get and the event log) hold in
 * the worst case: a network that keeps dropping the capture, so the client retries and the
 * reconciler checks the event log and re-sends with the same key again and again. The simulator
 * enforces the limits (429 + Retry-After) and counts every refusal; the app must cause none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS } from '../../../src/main/vipps/rate-limits';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const PHONE = '4791234567';

/** Most requests of one operation for one payment inside any one-minute window. */
function busiestMinute(operation: string, reference: string): number {
  const times = h.sim.requests
    .list()
    .filter((r) => r.operation === operation && r.path.includes(reference))
    .map((r) => r.at);
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + RATE_WINDOW_MS).length));
}

async function flappingCapture(perReferenceLimits: boolean): Promise<string> {
  h = await startEngineHarness({ perReferenceLimits });
  // Flapping: the capture's connection drops, or a gateway answers 502, again and again.
  h.sim.faults.add({ kind: 'drop', match: { operation: 'capturePayment' }, probability: 0.5 });
  h.sim.faults.add({ kind: 'status', status: 502, match: { operation: 'capturePayment' } });
  const { reference } = await h.engine.start({ amount: 4200, flow: 'PUSH_PHONE', phone: PHONE });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'UNKNOWN');
  // Let the reconciler and the client's retries run against the flapping network for a while.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  return reference;
}

describe('per-reference rate limits', () => {
  it('a capture on a flapping network stays within 5 a minute, reads within 120; nothing moved twice', async () => {
    const reference = await flappingCapture(true);
    expect(busiestMinute('capturePayment', reference)).toBeLessThanOrEqual(5);
    expect(busiestMinute('capturePayment', reference)).toBeGreaterThanOrEqual(3);
    expect(busiestMinute('getPayment', reference)).toBeLessThanOrEqual(120);
    expect(busiestMinute('getPaymentEventLog', reference)).toBeLessThanOrEqual(120);
    expect(h.sim.rateLimited()).toBe(0);
    // Every capture request carried the one stored key; the sale still says "checking".
    const keys = h.sim.requests.list().filter((r) => r.operation === 'capturePayment');
    expect(new Set(keys.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(h.view(reference).status).toBe('UNKNOWN');
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });

  it('the simulator refuses a breach with 429 (the same scenario without the client keeping to the limits)', async () => {
    const reference = await flappingCapture(false);
    expect(busiestMinute('capturePayment', reference)).toBeGreaterThan(5);
    expect(h.sim.rateLimited()).toBeGreaterThan(0);
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });
});
