/**
 * Cancel and release, pinned where the other suites only check the outcome: who the audit log says
 * did it, and what a cashier is told for each state a cancel is refused in. Written against
 * surviving mutants of src/main/payments (npm run mutation).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const PHONE = '4791234567';
const auditOf = (reference: string) =>
  h.journal.audit.forReference(reference).map(({ actor, action, amount }) => ({ actor, action, amount }));

describe('the audit log names who cancelled and released', () => {
  it('a cancel while waiting: the cashier, no amount', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    await h.engine.cancel(reference);
    expect(auditOf(reference)).toContainEqual({ actor: 'cashier', action: 'cancel', amount: null });
  });

  it('a release of a reservation: the cashier and the amount released', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 10000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    await h.engine.capture({ reference, amount: 2500 });
    await h.engine.cancel(reference);
    expect(auditOf(reference)).toContainEqual({ actor: 'cashier', action: 'release', amount: 7500 });
    expect(h.sim.ledger.total('cancel', reference)).toBe(7500);
  });
});

describe('what a refused cancel says', () => {
  it('a finished sale is "already finished", and nothing is sent', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    const before = h.sim.requests.count();
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'This sale is already finished.',
    });
    expect(h.sim.requests.count()).toBe(before);
  });
});
