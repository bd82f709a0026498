/**
 * A go-live payment is one of the sale's own kind (src/main/payments/golive.ts): its journal row
 * starts as a fresh sale's (no order lines, so the receipt gets its one line; no receipt yet; not
 * given up), and reading it from Vipps holds the sale's lock like any other step, so the runner
 * cannot capture it while that read is under way, and is told what is running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngineHarness({ polling: { firstDelayMs: 3_600_000 } });
});
afterAll(async () => {
  await h.close();
});

describe('a go-live payment', () => {
  it('starts as a fresh sale row: no order lines, no receipt, not given up, not cancelled', async () => {
    const reference = 'golive-lock-1-authorized';
    await h.engine.goLive.start({
      scenario: 'AUTHORIZED',
      reference,
      amount: 1_500,
      currency: 'NOK',
      phone: '4791234567',
    });
    expect(h.journal.payments.get(reference)).toMatchObject({
      lines: [],
      receipt: 'none',
      givenUp: false,
      cancelRequested: false,
      aggregate: { authorized: 0, captured: 0, refunded: 0, cancelled: 0 },
    });
  });

  it('is not captured while it is being read from Vipps: the second step is told what is running', async () => {
    const reference = 'golive-lock-2-captured';
    await h.engine.goLive.start({
      scenario: 'CAPTURED',
      reference,
      amount: 2_500,
      currency: 'NOK',
      phone: '4791234567',
    });
    h.sim.customer.approve(reference);
    const refreshing = h.engine.goLive.refresh(reference);
    await expect(h.engine.goLive.capture(reference, 2_500)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A check with Vipps is already running for this sale.',
      details: { reference },
    });
    await expect(refreshing).resolves.toMatchObject({ status: 'RESERVED' });
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
    await expect(h.engine.goLive.capture(reference, 2_500)).resolves.toMatchObject({ status: 'COMPLETED' });
  });
});
