/**
 * A refund request is journaled as the cashier asked it, and the same request (its requestId) never
 * becomes a second refund: asked again, it answers from the journal (done, checking, on its way),
 * repeats Vipps' refusal, or re-sends with the stored key when the first try never got an answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationRow } from '../../../src/main/journal';
import type { EngineHooks } from '../../../src/main/payments/engine';
import type { PollingOptions } from '../../../src/main/payments/options';
import type { RetryPolicy } from '../../../src/main/vipps/retry';
import { type EngineHarness, FAST_RETRY, startEngineHarness } from '../../support/engine-harness';
import { heldOrEnded, holdSends } from '../../support/engine-wire';

let h: EngineHarness | undefined;
let other: EngineHarness | undefined;
afterEach(async () => {
  await other?.close();
  await h?.close();
  h = other = undefined;
});

async function paidSale(
  options: { hooks?: EngineHooks; retry?: Partial<RetryPolicy>; polling?: Partial<PollingOptions> } = {},
) {
  h = await startEngineHarness(options);
  const { reference } = await h.engine.start({ amount: 10_000, flow: 'QR' });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'COMPLETED', 'COMPLETED');
  return { h, reference };
}

const refundOps = (hh: EngineHarness, reference: string): OperationRow[] =>
  hh.journal.operations.forReference(reference).filter((o) => o.kind === 'refund');
const refundCalls = (hh: EngineHarness) =>
  hh.sim.requests.list().filter((r) => r.operation === 'refundPayment');

describe('a refund is journaled as asked', () => {
  it('intent with amount, body, reason and request id; Vipps gets that key and amount; the audit says who', async () => {
    const { h, reference } = await paidSale();
    const view = await h.engine.refund({
      reference,
      amount: 2_500,
      reason: '  Torn bag ',
      requestId: 'rf-a-0001',
    });
    expect(view).toMatchObject({ reference, refundable: 7_500, kept: 7_500 });

    const [op, ...more] = refundOps(h, reference);
    expect(more).toEqual([]);
    expect(op).toMatchObject({
      kind: 'refund',
      amount: 2_500,
      requestId: 'rf-a-0001',
      reason: 'Torn bag',
      status: 'succeeded',
      attempts: 1,
      lastError: null,
    });
    expect(JSON.parse(op!.requestBody!)).toEqual({ amount: 2_500 });
    expect(refundCalls(h).map((r) => r.idempotencyKey)).toEqual([op!.idempotencyKey]);
    expect(h.sim.ledger.total('refund', reference)).toBe(2_500);
    expect(h.journal.audit.forReference(reference).filter((a) => a.action === 'refund')).toEqual([
      expect.objectContaining({
        actor: 'cashier',
        amount: 2_500,
        details: { reason: 'Torn bag', requestId: 'rf-a-0001' },
      }),
    ]);
  });

  it('a refund over what is left is refused before Vipps is asked, also when only Vipps knows it is less', async () => {
    const { h, reference } = await paidSale();
    await h.engine.refund({ reference, amount: 3_000, reason: 'Part', requestId: 'rf-b-0001' });
    await expect(
      h.engine.refund({ reference, amount: 7_001, reason: 'Rest', requestId: 'rf-b-0002' }),
    ).rejects.toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
      message: 'That is more than what can still be refunded.',
      details: { reference, field: 'amount' },
    });
    // Another counter refunds 3 000 more: this journal still says 7 000 is left, Vipps says 4 000.
    other = await startEngineHarness({ sim: h.sim, settings: { counterId: 'lane2' } });
    await other.engine.refund({ reference, amount: 3_000, reason: 'At lane 2', requestId: 'rf-b-0003' });
    expect(h.journal.payments.get(reference)?.aggregate.refunded).toBe(3_000);
    const before = refundCalls(h).length;
    await expect(
      h.engine.refund({ reference, amount: 4_001, reason: 'Rest', requestId: 'rf-b-0004' }),
    ).rejects.toMatchObject({ code: 'AMOUNT_EXCEEDS_REMAINING', details: { reference, field: 'amount' } });
    expect(refundCalls(h).length).toBe(before);
    expect(refundOps(h, reference)).toHaveLength(1);
    // Exactly what is left is fine.
    await h.engine.refund({ reference, amount: 4_000, reason: 'Rest', requestId: 'rf-b-0005' });
    expect(h.sim.ledger.total('refund', reference)).toBe(10_000);
  });

  it('only captured money can be refunded: a reservation is refused with the reason', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 5_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    await expect(
      h.engine.refund({ reference, amount: 100, reason: 'No', requestId: 'rf-c-0001' }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Only captured money can be refunded.',
      details: { reference },
    });
    expect(refundCalls(h)).toEqual([]);
  });
});

describe('the same refund request again', () => {
  it('after it succeeded: the sale as it is, nothing sent, no second intent', async () => {
    const { h, reference } = await paidSale();
    await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-d-0001' });
    const requests = h.sim.requests.count();
    const again = await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-d-0001' });
    expect(again).toMatchObject({ reference, refundable: 7_500 });
    expect(h.sim.requests.count()).toBe(requests);
    expect(refundOps(h, reference)).toHaveLength(1);
    expect(h.sim.ledger.total('refund', reference)).toBe(2_500);
  });

  it('with another amount: a conflict on the request id, nothing sent', async () => {
    const { h, reference } = await paidSale();
    await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-e-0001' });
    const requests = h.sim.requests.count();
    await expect(
      h.engine.refund({ reference, amount: 2_600, reason: 'Torn', requestId: 'rf-e-0001' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This refund request was already made with another amount.',
      details: { reference, field: 'requestId' },
    });
    expect(h.sim.requests.count()).toBe(requests);
    expect(refundOps(h, reference)).toHaveLength(1);
  });

  it('while its request is on the wire: answered at once from the journal, not sent twice', async () => {
    const { hooks, sending, release } = holdSends('refund');
    const { h, reference } = await paidSale({ hooks });
    const first = h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-f-0001' });
    await heldOrEnded(sending, first);
    const again = await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-f-0001' });
    expect(again).toMatchObject({ reference, refundable: 10_000 });
    // Another refund meanwhile is told what is running (the sale's lock).
    await expect(
      h.engine.refund({ reference, amount: 1_000, reason: 'Other', requestId: 'rf-f-0002' }),
    ).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A refund is already running for this sale.',
      retryable: true,
      details: { reference },
    });
    release();
    await first;
    expect(refundCalls(h)).toHaveLength(1);
    expect(refundOps(h, reference)).toMatchObject([{ status: 'succeeded', attempts: 1 }]);
    expect(h.sim.ledger.total('refund', reference)).toBe(2_500);
  });

  it('while its outcome is unknown: answered from the journal, not sent again', async () => {
    // No re-check during the test: the outcome stays unknown until the test lets it be reconciled.
    const { h, reference } = await paidSale({
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      polling: { reconcileDelayMs: 60_000 },
    });
    const lost = h.sim.faults.add({ kind: 'lost-response', match: { operation: 'refundPayment' } });
    const first = await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-g-0001' });
    lost.remove();
    expect(first).toMatchObject({ reference });
    expect(refundOps(h, reference)).toMatchObject([{ status: 'unknown', attempts: 1 }]);
    const again = await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-g-0001' });
    expect(again.reference).toBe(reference);
    expect(refundCalls(h)).toHaveLength(1);
    expect(refundOps(h, reference)).toMatchObject([{ status: 'unknown', attempts: 1 }]);
  });

  it('after Vipps refused it: the same refusal again, from the journal, nothing sent', async () => {
    const { h, reference } = await paidSale({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 400, times: 1, match: { operation: 'refundPayment' } });
    const refusal = await h.engine
      .refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-h-0001' })
      .then(
        () => expect.fail('the refund should be refused'),
        (e: unknown) => e as { code: string; message: string; retryable: boolean; details: unknown },
      );
    expect(refusal).toMatchObject({ code: 'VALIDATION', retryable: false, details: { reference } });
    const [op] = refundOps(h, reference);
    expect(op).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: { code: 'VALIDATION', message: refusal.message, retryable: false },
    });
    const requests = h.sim.requests.count();
    await expect(
      h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-h-0001' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: refusal.message, details: { reference } });
    expect(h.sim.requests.count()).toBe(requests);
    expect(h.sim.ledger.total('refund', reference)).toBe(0);
  });

  it('after a refusal worth repeating (429): sent again with the same key, and it goes through', async () => {
    const { h, reference } = await paidSale({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({
      kind: 'rate-limit',
      retryAfterSeconds: 0,
      times: 2,
      match: { operation: 'refundPayment' },
    });
    await expect(
      h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-i-0001' }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { reference } });
    expect(refundOps(h, reference)).toMatchObject([
      { status: 'failed', attempts: 1, lastError: { code: 'RATE_LIMITED', retryable: true } },
    ]);
    // Refused again on the re-send: the cashier is told so, with the sale's reference.
    await expect(
      h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-i-0001' }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { reference } });
    expect(refundOps(h, reference)).toMatchObject([{ status: 'failed', attempts: 2 }]);
    const view = await h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-i-0001' });
    expect(view).toMatchObject({ reference, refundable: 7_500 });
    const [op] = refundOps(h, reference);
    expect(op).toMatchObject({ status: 'succeeded', attempts: 3, lastError: null });
    expect(refundCalls(h).map((r) => r.idempotencyKey)).toEqual([
      op!.idempotencyKey,
      op!.idempotencyKey,
      op!.idempotencyKey,
    ]);
    expect(h.sim.ledger.total('refund', reference)).toBe(2_500);
  });

  it('after a try that never left (crash before sending): sent with the stored key', async () => {
    let crash = true;
    const { hooks, sending, release } = holdSends('refund', { crash: () => crash });
    const { h, reference } = await paidSale({ hooks });
    await expect(
      h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-j-0001' }),
    ).rejects.toThrow('power cut before sending');
    expect(refundOps(h, reference)).toMatchObject([{ status: 'pending', attempts: 1 }]);
    expect(refundCalls(h)).toEqual([]);
    crash = false;
    const resend = h.engine.refund({ reference, amount: 2_500, reason: 'Torn', requestId: 'rf-j-0001' });
    await heldOrEnded(sending, resend);
    // The re-send holds the sale like any refund: another one meanwhile is told what runs.
    await expect(
      h.engine.refund({ reference, amount: 1_000, reason: 'Other', requestId: 'rf-j-0002' }),
    ).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A refund is already running for this sale.',
    });
    release();
    const view = await resend;
    expect(view).toMatchObject({ reference, refundable: 7_500 });
    const [op] = refundOps(h, reference);
    expect(op).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(refundCalls(h).map((r) => r.idempotencyKey)).toEqual([op!.idempotencyKey]);
  });
});
