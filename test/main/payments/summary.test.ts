import { afterEach, describe, expect, it } from 'vitest';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

describe('day summary', () => {
  it('counts and totals what was captured, refunded and cancelled today, per currency', async () => {
    h = await startEngineHarness();
    const a = await h.engine.start({ amount: 10000, flow: 'PUSH_PHONE', phone: '4791234567' });
    h.sim.customer.approve(a.reference);
    await h.waitFor(a.reference, (p) => p.status === 'COMPLETED');
    await h.engine.refund({
      reference: a.reference,
      amount: 2500,
      reason: 'Part',
      requestId: 'refund-sum-0001',
    });
    h.engine.dismiss(a.reference);
    const b = await h.engine.start({ amount: 4000, flow: 'QR' });
    await h.engine.cancel(b.reference);

    const summary = h.engine.summary({});
    expect(summary.currencies).toEqual([
      {
        currency: 'NOK',
        captured: { count: 1, amount: 10000 },
        refunded: { count: 1, amount: 2500 },
        cancelled: { count: 1, amount: 0 },
      },
    ]);
    expect(h.engine.summary({ from: '2001-01-01', to: '2001-01-02' }).currencies).toEqual([]);
    expect(() => h.engine.summary({ from: '2026-02-03', to: '2026-02-01' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
