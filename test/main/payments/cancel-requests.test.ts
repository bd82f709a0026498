/**
 * Cancel and release as journaled and as Vipps receives them, what a cancel that did not get through
 * leaves behind (the sale waiting again, watched, never shown as cancelling), and the words a cashier
 * gets for each state in which a cancel is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationRow } from '../../../src/main/journal';
import {
  type EngineHarness,
  FAST_RETRY,
  type HarnessOptions,
  startEngineHarness,
} from '../../support/engine-harness';
import { heldOrEnded, holdSends, requestsTo } from '../../support/engine-wire';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PHONE = '4791234567';

const cancels = (hh: EngineHarness, reference: string): OperationRow[] =>
  hh.journal.operations.forReference(reference).filter((o) => o.kind === 'cancel');

async function waiting(options: HarnessOptions = {}) {
  h = await startEngineHarness(options);
  const { reference } = await h.engine.start({ amount: 5_000, flow: 'PUSH_PHONE', phone: PHONE });
  return { h, reference };
}

describe('a cancel while the customer decides', () => {
  it('is journaled with cancelTransactionOnly and sent so, with the intent’s key; the sale shows cancelling meanwhile', async () => {
    const hold = holdSends('cancel', { firstOnly: true });
    // No polling during the test: every read of Vipps below is the cancel's own.
    const { h, reference } = await waiting({ hooks: hold.hooks, polling: { firstDelayMs: 60_000 } });
    const seen = requestsTo(h, 'cancelPayment');
    const cancelling = h.engine.cancel(reference);
    await heldOrEnded(hold.sending, cancelling);
    expect(h.journal.payments.get(reference)).toMatchObject({ cancelRequested: true });
    expect(h.view(reference).status).toBe('CANCELLING');
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'Vipps is still working on this sale; wait a moment.',
      details: { reference },
    });
    hold.release();
    expect(await cancelling).toMatchObject({ status: 'CANCELLED' });
    // A cancel that went through needs no second look at Vipps.
    expect(h.sim.requests.count('getPayment')).toBe(0);
    const [op] = cancels(h, reference);
    expect(op).toMatchObject({ amount: null, status: 'succeeded', attempts: 1 });
    expect(seen).toEqual([
      { operation: 'cancelPayment', key: op!.idempotencyKey, body: { cancelTransactionOnly: true } },
    ]);
  });

  it('refused while the customer can still approve: waiting again (not cancelling), still watched, the refusal with the reference', async () => {
    const { h, reference } = await waiting({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'cancelPayment' } });
    const error = await h.engine.cancel(reference).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reference } });
    expect(h.journal.payments.get(reference)).toMatchObject({ cancelRequested: false, givenUp: true });
    expect(h.view(reference).status).toBe('WAITING');
    expect(cancels(h, reference)).toMatchObject([{ status: 'failed', lastError: { code: 'CONFLICT' } }]);
    // Still watched: an approval now is seen, and — the cashier having given up — never captured.
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.vippsState === 'AUTHORIZED', 'the late approval seen');
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });

  it('refused, and Vipps cannot be read either: the same, and the cancel’s refusal is what the cashier gets', async () => {
    const { h, reference } = await waiting({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'cancelPayment' } });
    h.sim.faults.add({ kind: 'status', status: 503, times: 1, match: { operation: 'getPayment' } });
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reference },
    });
    expect(h.journal.payments.get(reference)).toMatchObject({ cancelRequested: false, givenUp: true });
    const again = await h.engine.cancel(reference);
    expect(again.status).toBe('CANCELLED');
  });

  it('refused because the customer approved at that moment: the cashier decides, nothing is shown cancelled', async () => {
    const { h, reference } = await waiting({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'cancelPayment' } });
    // The refusal and the approval cross: Vipps is read after the refusal and says AUTHORIZED.
    h.sim.observe({
      reply: (req) => {
        if (req.operation === 'cancelPayment') h!.sim.customer.approve(reference);
      },
    });
    const view = await h.engine.cancel(reference);
    expect(view).toMatchObject({ vippsState: 'AUTHORIZED', capturable: 5_000 });
    expect(view.status).not.toBe('CANCELLED');
  });
});

describe('a release of reserved money', () => {
  it('of a sale approved while the cancel was refused (the cashier decides): cancel again releases it', async () => {
    const { h, reference } = await waiting({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.customer.approve(reference);
    const decision = await h.engine.cancel(reference);
    expect(decision.status).toBe('DECISION_NEEDED');
    const released = await h.engine.cancel(reference);
    expect(released.status).toBe('RELEASED');
    expect(cancels(h, reference).map((o) => [o.status, o.amount])).toEqual([
      ['failed', null],
      ['succeeded', 5_000],
    ]);
    expect(h.sim.ledger.total('cancel', reference)).toBe(5_000);
  });

  it('while it checks Vipps first, a second release is told a release is running', async () => {
    const { h, reference } = await waiting({ settings: { capturePolicy: 'reserve-only' } });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'latency', ms: 200, times: 1, match: { operation: 'getPayment' } });
    let reading!: () => void;
    const atVipps = new Promise<void>((r) => {
      reading = r;
    });
    h.sim.observe({ request: (req) => req.operation === 'getPayment' && reading() });
    const first = h.engine.cancel(reference);
    await atVipps;
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A release is already running for this sale.',
      retryable: true,
      details: { reference },
    });
    expect((await first).status).toBe('RELEASED');
    expect(h.sim.requests.count('cancelPayment')).toBe(1);
  });

  it('while an earlier operation never got its answer (a crash before sending), nothing new starts', async () => {
    let crash = true;
    const { h, reference } = await waiting({
      settings: { capturePolicy: 'reserve-only' },
      hooks: {
        beforeSend: (op) => {
          if (op.kind === 'refund' && crash) throw new Error('power cut before sending');
        },
      },
    });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    await h.engine.capture({ reference, amount: 2_000 });
    await expect(
      h.engine.refund({ reference, amount: 500, reason: 'Torn', requestId: 'rf-open-0001' }),
    ).rejects.toThrow('power cut before sending');
    crash = false;
    const refused = {
      code: 'OPERATION_IN_PROGRESS',
      message: 'Vipps has not confirmed the last operation on this sale yet.',
      details: { reference },
    };
    await expect(h.engine.cancel(reference)).rejects.toMatchObject(refused);
    await expect(h.engine.capture({ reference, amount: 1_000 })).rejects.toMatchObject(refused);
    await expect(
      h.engine.refund({ reference, amount: 500, reason: 'Other', requestId: 'rf-open-0002' }),
    ).rejects.toMatchObject(refused);
    expect(h.sim.requests.count('cancelPayment')).toBe(0);
    expect(h.sim.requests.count('refundPayment')).toBe(0);
    expect(h.sim.ledger.total('capture', reference)).toBe(2_000);
  });

  it('sends a plain cancel (no cancelTransactionOnly) for what is still reserved, journaled with that amount', async () => {
    const { h, reference } = await waiting({ settings: { capturePolicy: 'reserve-only' } });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    await h.engine.capture({ reference, amount: 1_500 });
    const seen = requestsTo(h, 'cancelPayment');
    const view = await h.engine.cancel(reference);
    expect(view).toMatchObject({ status: 'COMPLETED', capturable: 0 });
    const [op] = cancels(h, reference);
    expect(op).toMatchObject({ amount: 3_500, status: 'succeeded', requestBody: '{}' });
    expect(seen).toEqual([{ operation: 'cancelPayment', key: op!.idempotencyKey, body: undefined }]);
    expect(h.sim.ledger.total('cancel', reference)).toBe(3_500);
  });

  it('refused by Vipps: the refusal with the reference, the intent failed', async () => {
    const { h, reference } = await waiting({
      settings: { capturePolicy: 'reserve-only' },
      retry: { ...FAST_RETRY, maxAttempts: 1 },
    });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'cancelPayment' } });
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reference },
    });
    expect(cancels(h, reference)).toMatchObject([{ status: 'failed', amount: 5_000 }]);
    expect(h.view(reference).status).toBe('RESERVED');
  });

  it('nothing left at Vipps (another counter captured it all): refused with the reason, nothing sent', async () => {
    const { h, reference } = await waiting({ settings: { capturePolicy: 'reserve-only' } });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    const other = await startEngineHarness({
      sim: h.sim,
      settings: { counterId: 'lane2', capturePolicy: 'reserve-only' },
    });
    try {
      await other.engine.capture({ reference });
    } finally {
      await other.close();
    }
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Nothing is reserved on this sale to release.',
      details: { reference },
    });
    expect(cancels(h, reference)).toEqual([]);
    expect(h.sim.requests.count('cancelPayment')).toBe(0);
  });
});

describe('what a refused cancel says, by state', () => {
  it('while the sale is being created: still working, try again shortly', async () => {
    const hold = holdSends('create', { firstOnly: true });
    h = await startEngineHarness({ hooks: hold.hooks });
    const starting = h.engine.start({ amount: 5_000, flow: 'QR' });
    await heldOrEnded(hold.sending, starting);
    const reference = h.engine.active()!.reference;
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'Vipps is still working on this sale; wait a moment.',
      retryable: true,
      details: { reference },
    });
    hold.release();
    await starting;
  });

  it('while a capture is on its way: still working', async () => {
    const hold = holdSends('capture', { firstOnly: true });
    const { h, reference } = await waiting({
      hooks: hold.hooks,
      settings: { capturePolicy: 'reserve-only' },
    });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    const capturing = h.engine.capture({ reference });
    await heldOrEnded(hold.sending, capturing);
    expect(h.view(reference).status).toBe('CAPTURING');
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'Vipps is still working on this sale; wait a moment.',
    });
    hold.release();
    await capturing;
    expect(h.sim.requests.count('cancelPayment')).toBe(0);
  });

  it('while the create’s outcome is unknown: wait until it is known', async () => {
    h = await startEngineHarness({
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      polling: { reconcileDelayMs: 60_000 },
    });
    const lost = h.sim.faults.add({ kind: 'lost-response', times: 1, match: { operation: 'createPayment' } });
    const sale = await h.engine.start({ amount: 5_000, flow: 'QR' });
    lost.remove();
    expect(sale.status).toBe('UNKNOWN');
    await expect(h.engine.cancel(sale.reference)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Checking with Vipps what happened; cancel when that is known.',
      retryable: false,
      details: { reference: sale.reference },
    });
    expect(h.sim.requests.count('cancelPayment')).toBe(0);
  });

  it('a sale that is over (cancelled, rejected) is already finished; nothing is sent', async () => {
    const { h, reference } = await waiting();
    await h.engine.cancel(reference);
    h.engine.dismiss(reference);
    const rejected = await h.engine.start({ amount: 1_000, flow: 'QR' });
    h.sim.customer.reject(rejected.reference);
    await h.waitFor(rejected.reference, (p) => p.status === 'REJECTED', 'REJECTED');
    for (const ref of [reference, rejected.reference]) {
      await expect(h.engine.cancel(ref)).rejects.toMatchObject({
        code: 'INVALID_STATE',
        message: 'This sale is already finished.',
        details: { reference: ref },
      });
    }
    expect(h.sim.requests.count('cancelPayment')).toBe(1);
  });

  it('while the engine is still checking unfinished payments: recovering, try again shortly (also capture and refund)', async () => {
    h = await startEngineHarness({ recover: false });
    const recovering = {
      code: 'RECOVERING',
      message: 'Checking unfinished payments first.',
      retryable: true,
    };
    const reference = 'lane1-20261125-101500-k7qz';
    await expect(h.engine.cancel(reference)).rejects.toMatchObject(recovering);
    await expect(h.engine.capture({ reference })).rejects.toMatchObject(recovering);
    await expect(
      h.engine.refund({ reference, amount: 100, reason: 'r', requestId: 'rf-rec-0001' }),
    ).rejects.toMatchObject(recovering);
    expect(h.sim.requests.count()).toBe(0);
  });
});
