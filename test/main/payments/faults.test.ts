import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../src/main/simulator';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
// The client gives up after one attempt, so the engine itself must sort out the unknown outcome.
import { NO_CLIENT_RETRY } from '../../support/engine-suite';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const PHONE = '4791234567';

function moves(reference: string): Array<[LedgerEntry['kind'], number]> {
  return h.sim.ledger.forReference(reference).map((e) => [e.kind, e.amount]);
}

function sawStatus(reference: string, status: string): boolean {
  return h.payments.some((p) => p.reference === reference && p.status === status);
}

async function completedSale(amount: number): Promise<string> {
  const { reference } = await h.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'COMPLETED');
  return reference;
}

describe('lost responses: the money moved, the answer did not arrive', () => {
  it('create: UNKNOWN, then found at Vipps and followed to COMPLETED, created once', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 8000, flow: 'PUSH_PHONE', phone: PHONE });
    expect(v).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    await expect(h.engine.start({ amount: 100, flow: 'QR' })).rejects.toMatchObject({
      code: 'ACTIVE_PAYMENT_EXISTS',
    });
    await h.waitFor(v.reference, (p) => p.status === 'WAITING');
    expect(h.sim.payments.list().filter((p) => p.reference === v.reference)).toHaveLength(1);
    h.sim.customer.approve(v.reference);
    await h.waitFor(v.reference, (p) => p.status === 'COMPLETED');
    expect(moves(v.reference)).toEqual([
      ['authorize', 8000],
      ['capture', 8000],
    ]);
    const create = h.journal.operations.forReference(v.reference)[0]!;
    expect(create).toMatchObject({ status: 'succeeded', requestBody: null });
  });

  it('create: the client re-sends with the same key and Vipps creates the payment once', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 8000, flow: 'PUSH_PHONE', phone: PHONE });
    expect(v.status).toBe('WAITING');
    const creates = h.sim.requests.list().filter((r) => r.operation === 'createPayment');
    expect(creates).toHaveLength(2);
    expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(h.sim.payments.list()).toHaveLength(1);
  });

  it('capture: UNKNOWN until the event log shows our key, then COMPLETED; captured once', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'capturePayment' }, times: 1 });
    const { reference } = await h.engine.start({ amount: 9900, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    const done = await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(sawStatus(reference, 'UNKNOWN')).toBe(true);
    expect(done.attention).toBeNull();
    expect(moves(reference)).toEqual([
      ['authorize', 9900],
      ['capture', 9900],
    ]);
    const capture = h.journal.operations.forReference(reference).find((o) => o.kind === 'capture')!;
    expect(capture.status).toBe('succeeded');
    expect(h.sim.requests.list().filter((r) => r.operation === 'capturePayment')).toHaveLength(1);
  });

  it('refund: the cashier sees UNKNOWN ("do not refund again"), then the single refund', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    const reference = await completedSale(6000);
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'refundPayment' }, times: 1 });
    const v = await h.engine.refund({
      reference,
      amount: 6000,
      reason: 'Returned',
      requestId: 'refund-lost-0001',
    });
    expect(v).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    // Retrying the same dialog does not send a second refund.
    await h.engine.refund({ reference, amount: 6000, reason: 'Returned', requestId: 'refund-lost-0001' });
    const done = await h.waitFor(reference, (p) => p.status === 'COMPLETED' && p.aggregate.refunded === 6000);
    expect(done.refundable).toBe(0);
    expect(h.sim.ledger.total('refund', reference)).toBe(6000);
    expect(h.sim.requests.list().filter((r) => r.operation === 'refundPayment')).toHaveLength(1);
  });
});

describe('requests that never arrived or were refused on the way', () => {
  it('a dropped refund is re-sent with its own key and applied once', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    const reference = await completedSale(6000);
    h.sim.faults.add({ kind: 'drop', match: { operation: 'refundPayment' }, times: 1 });
    await h.engine.refund({ reference, amount: 2000, reason: 'Dropped', requestId: 'refund-drop-0001' });
    await h.waitFor(reference, (p) => p.aggregate.refunded === 2000 && p.status === 'COMPLETED');
    const keys = h.sim.requests
      .list()
      .filter((r) => r.operation === 'refundPayment')
      .map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(h.sim.ledger.total('refund', reference)).toBe(2000);
  });

  it('5xx and 429 on capture are retried with the same key; captured once', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'capturePayment' }, times: 1 });
    h.sim.faults.add({ kind: 'rate-limit', match: { operation: 'capturePayment' }, times: 1 });
    const { reference } = await h.engine.start({ amount: 4200, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    const keys = h.sim.requests
      .list()
      .filter((r) => r.operation === 'capturePayment')
      .map((r) => r.idempotencyKey);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(new Set(keys).size).toBe(1);
    expect(h.sim.ledger.total('capture', reference)).toBe(4200);
  });

  it('a 429 on capture is a refusal: repeated with the same key after Retry-After, never unknown', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({
      kind: 'rate-limit',
      match: { operation: 'capturePayment' },
      times: 1,
      retryAfterSeconds: 0,
    });
    const { reference } = await h.engine.start({ amount: 4200, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(sawStatus(reference, 'UNKNOWN')).toBe(false);
    const captures = h.sim.requests.list().filter((r) => r.operation === 'capturePayment');
    expect(captures.map((r) => r.outcome)).toEqual([429, 200]);
    expect(new Set(captures.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(h.sim.ledger.total('capture', reference)).toBe(4200);
  });

  it('a capture still refused by 429 when the client gives up was not applied: RESERVED, no event-log check', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    h.sim.faults.add({
      kind: 'rate-limit',
      match: { operation: 'capturePayment' },
      times: 1,
      retryAfterSeconds: 0,
    });
    const { reference } = await h.engine.start({ amount: 4200, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    const failed = await h.waitFor(reference, (p) => p.attention === 'CAPTURE_FAILED');
    expect(failed.status).toBe('RESERVED');
    expect(sawStatus(reference, 'UNKNOWN')).toBe(false);
    expect(h.journal.operations.forReference(reference).find((o) => o.kind === 'capture')?.status).toBe(
      'failed',
    );
    expect(h.sim.requests.count('getPaymentEventLog')).toBe(0);
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });

  it('a capture Vipps refuses leaves the sale RESERVED with CAPTURE_FAILED; the cashier retries', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    h.sim.faults.add({ kind: 'status', status: 400, match: { operation: 'capturePayment' }, times: 1 });
    const { reference } = await h.engine.start({ amount: 4200, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    const failed = await h.waitFor(reference, (p) => p.attention === 'CAPTURE_FAILED');
    expect(failed.status).toBe('RESERVED');
    expect(h.alerts).toContainEqual(expect.objectContaining({ reference, kind: 'ATTENTION' }));
    const done = await h.engine.capture({ reference });
    expect(done.status).toBe('COMPLETED');
    expect(h.sim.ledger.total('capture', reference)).toBe(4200);
  });

  it('polling slows down on 429 and still follows the sale', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({
      kind: 'rate-limit',
      match: { operation: 'getPayment' },
      times: 3,
      retryAfterSeconds: 0,
    });
    const { reference } = await h.engine.start({ amount: 4200, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(h.sim.ledger.total('capture', reference)).toBe(4200);
  });

  it('a cancel Vipps refuses keeps watching; a later approval is a late approval', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    const { reference } = await h.engine.start({ amount: 3000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.faults.add({ kind: 'status', status: 400, match: { operation: 'cancelPayment' }, times: 1 });
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { reference },
    });
    expect(h.view(reference).status).toBe('WAITING');
    h.sim.customer.approve(reference);
    const v = await h.waitFor(reference, (p) => p.status === 'DECISION_NEEDED');
    expect(v.attention).toBe('LATE_APPROVAL');
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });

  it('a cancel Vipps refuses (4xx) leaves a waiting sale that can be cancelled again', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    const { reference } = await h.engine.start({ amount: 3000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.faults.add({ kind: 'status', status: 400, match: { operation: 'cancelPayment' }, times: 1 });
    const refused = await h.engine.cancel(reference).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { reference, status: 400 } });
    expect(h.view(reference).status).toBe('WAITING');
    const again = await h.engine.cancel(reference);
    expect(again.status).toBe('CANCELLED');
    expect(h.sim.payments.get(reference)?.state).toBe('TERMINATED');
  });

  it('a cancel whose answer is lost is checked, never reported cancelled early', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY });
    const { reference } = await h.engine.start({ amount: 3000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'cancelPayment' }, times: 1 });
    const v = await h.engine.cancel(reference);
    expect(v.status).toBe('UNKNOWN');
    await h.waitFor(reference, (p) => p.status === 'CANCELLED');
    expect(h.journal.operations.forReference(reference).find((o) => o.kind === 'cancel')?.status).toBe(
      'succeeded',
    );
  });

  it('a capture that times out while Vipps is slow is settled once', async () => {
    h = await startEngineHarness({ retry: NO_CLIENT_RETRY, timeoutMs: 150 });
    h.sim.faults.add({ kind: 'latency', ms: 400, match: { operation: 'capturePayment' }, times: 1 });
    const { reference } = await h.engine.start({ amount: 5100, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(sawStatus(reference, 'UNKNOWN')).toBe(true);
    expect(h.sim.ledger.total('capture', reference)).toBe(5100);
  });
});
