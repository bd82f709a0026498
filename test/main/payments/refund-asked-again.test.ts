/**
 * A refund request repeated with the same requestId (the cashier presses again, or the screen retries)
 * never becomes a second refund: a refusal is repeated as it was, a refund turned away for now is sent
 * again with its own Idempotency-Key, and the sale stays held while that re-send is on the wire.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
// The client gives up at once: each refusal reaches the engine.
import { NO_CLIENT_RETRY } from '../../support/engine-suite';
import { heldOrEnded, holdFirstCall } from '../../support/engine-wire';

const PHONE = '4791234567';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

async function completedSale(amount: number): Promise<string> {
  const { reference } = await h.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'COMPLETED');
  return reference;
}

function refundsSent(reference: string) {
  return h.sim.requests
    .list()
    .filter((r) => r.operation === 'refundPayment' && r.path.includes(reference))
    .map((r) => r.idempotencyKey);
}

describe('a refund asked for again with the same requestId', () => {
  it('after Vipps refused it: refused again with Vipps’ code and words, not sent again', async () => {
    h = await startEngineHarness();
    const reference = await completedSale(6000);
    h.sim.faults.add({ kind: 'status', status: 400, match: { operation: 'refundPayment' }, times: 1 });
    const req: RefundRequest = { reference, amount: 1000, reason: 'Returned', requestId: 'refund-refused-1' };
    const first = await h.engine.refund(req).then(
      () => undefined,
      (error: { code: string; message: string }) => error,
    );
    expect(first).toMatchObject({ code: 'VALIDATION', details: { reference } });

    await expect(h.engine.refund(req)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: first!.message,
      details: { reference },
    });
    expect(refundsSent(reference)).toHaveLength(1);
    expect(h.sim.ledger.total('refund', reference)).toBe(0);
  });

  it('after a rate limit: re-sent with its key, a second refusal is the cashier’s error, and the sale is held while it is on the wire', async () => {
    const refund = holdFirstCall('refundPayment');
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY, variant: refund.variant });
    const reference = await completedSale(7000);
    h.sim.faults.add({ kind: 'status', status: 429, match: { operation: 'refundPayment' }, times: 2 });
    const req: RefundRequest = { reference, amount: 1500, reason: 'Returned', requestId: 'refund-limited-1' };
    const limited = { code: 'RATE_LIMITED', details: { reference } };
    await expect(h.engine.refund(req)).rejects.toMatchObject(limited);
    await expect(h.engine.refund(req)).rejects.toMatchObject(limited);
    expect(h.view(reference)).toMatchObject({ status: 'COMPLETED', refundable: 7000 });

    refund.arm();
    const third = h.engine.refund(req);
    await heldOrEnded(refund.calling, third);
    await expect(
      h.engine.refund({ reference, amount: 500, reason: 'Returned', requestId: 'refund-other-1' }),
    ).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A refund is already running for this sale.',
    });
    refund.release();
    await expect(third).resolves.toMatchObject({ aggregate: { refunded: 1500 }, refundable: 5500 });

    const op = h.journal.operations.forReference(reference).find((o) => o.kind === 'refund')!;
    expect(op).toMatchObject({ status: 'succeeded', attempts: 3, amount: 1500 });
    expect(refundsSent(reference)).toEqual([op.idempotencyKey, op.idempotencyKey, op.idempotencyKey]);
    expect(h.sim.ledger.total('refund', reference)).toBe(1500);
  });
});
