/**
 * Capture, as journaled and as Vipps receives it: the intent's amount and stored body, the amount
 * and key on the wire, who the audit names; the checks against a fresh aggregate from Vipps (another
 * counter may have moved the money since); and the automatic capture of the capture-now policy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationRow } from '../../../src/main/journal';
import { createLogger } from '../../../src/main/log';
import {
  type EngineHarness,
  FAST_RETRY,
  type HarnessOptions,
  startEngineHarness,
} from '../../support/engine-harness';
import { holdSends, requestsTo } from '../../support/engine-wire';

let h: EngineHarness | undefined;
let other: EngineHarness | undefined;
afterEach(async () => {
  await other?.close();
  await h?.close();
  h = other = undefined;
});

async function reserved(options: HarnessOptions = {}, amount = 10_000) {
  h = await startEngineHarness({
    ...options,
    settings: { capturePolicy: 'reserve-only', ...options.settings },
  });
  const { reference } = await h.engine.start({ amount, flow: 'QR' });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'RESERVED', 'RESERVED');
  return { h, reference };
}

const ops = (hh: EngineHarness, reference: string, kind: OperationRow['kind']) =>
  hh.journal.operations.forReference(reference).filter((o) => o.kind === kind);

describe('a capture the cashier asks for', () => {
  it('part of a reservation: the intent, its stored body, the key and amount Vipps got, and the audit', async () => {
    const { h, reference } = await reserved();
    const seen = requestsTo(h, 'capturePayment', 'cancelPayment', 'refundPayment');
    const view = await h.engine.capture({ reference, amount: 6_000 });
    expect(view).toMatchObject({ status: 'RESERVED', capturable: 4_000 });
    const [op, ...more] = ops(h, reference, 'capture');
    expect(more).toEqual([]);
    expect(op).toMatchObject({ amount: 6_000, status: 'succeeded', attempts: 1, lastError: null });
    expect(JSON.parse(op!.requestBody!)).toEqual({ amount: 6_000 });
    expect(seen).toEqual([
      {
        operation: 'capturePayment',
        key: op!.idempotencyKey,
        body: { modificationAmount: { value: 6_000, currency: 'NOK' } },
      },
    ]);
    expect(h.journal.audit.forReference(reference).filter((a) => a.action === 'capture')).toEqual([
      expect.objectContaining({ actor: 'cashier', amount: 6_000, details: {} }),
    ]);
  });

  it('without an amount: everything still reserved', async () => {
    const { h, reference } = await reserved();
    await h.engine.capture({ reference, amount: 2_500 });
    const view = await h.engine.capture({ reference });
    expect(view).toMatchObject({ status: 'COMPLETED', capturable: 0 });
    expect(ops(h, reference, 'capture').map((o) => o.amount)).toEqual([2_500, 7_500]);
    expect(h.sim.ledger.total('capture', reference)).toBe(10_000);
  });

  it('exactly what is reserved is fine; one øre more is refused with the reason, nothing sent', async () => {
    const { h, reference } = await reserved();
    const before = h.sim.requests.count();
    await expect(h.engine.capture({ reference, amount: 10_001 })).rejects.toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
      message: 'That is more than what is still reserved.',
      details: { reference, field: 'amount' },
    });
    expect(h.sim.requests.count()).toBe(before);
    await h.engine.capture({ reference, amount: 10_000 });
    expect(h.sim.ledger.total('capture', reference)).toBe(10_000);
  });

  it('a sale with nothing reserved is refused with the reason', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5_000, flow: 'QR' });
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Nothing is reserved on this sale to capture.',
      details: { reference },
    });
    expect(ops(h, reference, 'capture')).toEqual([]);
  });

  it('checked again against Vipps: what another counter captured or released meanwhile counts', async () => {
    const { h, reference } = await reserved();
    other = await startEngineHarness({
      sim: h.sim,
      settings: { counterId: 'lane2', capturePolicy: 'reserve-only' },
    });
    await other.engine.capture({ reference, amount: 7_000 });
    // This journal still says 10 000 is reserved; Vipps says 3 000.
    expect(h.journal.payments.get(reference)?.aggregate.captured).toBe(0);
    await expect(h.engine.capture({ reference, amount: 3_001 })).rejects.toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
      details: { reference, field: 'amount' },
    });
    expect(ops(h, reference, 'capture')).toEqual([]);
    await other.engine.cancel(reference);
    expect(h.journal.payments.get(reference)?.aggregate.cancelled).toBe(0);
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Nothing is reserved on this sale to capture.',
    });
    expect(ops(h, reference, 'capture')).toEqual([]);
    expect(h.sim.ledger.total('capture', reference)).toBe(7_000);
  });

  it('Vipps cannot be asked first: the read’s error with the sale’s reference, nothing journaled or sent', async () => {
    const { h, reference } = await reserved({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 503, times: 1, match: { operation: 'getPayment' } });
    await expect(h.engine.capture({ reference, amount: 1_000 })).rejects.toMatchObject({
      code: 'UPSTREAM',
      details: { reference },
    });
    expect(ops(h, reference, 'capture')).toEqual([]);
    expect(h.sim.requests.count('capturePayment')).toBe(0);
  });

  it('Vipps refuses it: the refusal with the sale’s reference, the intent failed with the error', async () => {
    const { h, reference } = await reserved({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'capturePayment' } });
    const error = await h.engine.capture({ reference, amount: 1_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: false, details: { reference } });
    expect(ops(h, reference, 'capture')).toMatchObject([
      {
        status: 'failed',
        attempts: 1,
        lastError: { code: 'CONFLICT', message: (error as Error).message, retryable: false },
      },
    ]);
  });

  it('while the last operation is unconfirmed: refused until Vipps has decided it', async () => {
    const { h, reference } = await reserved({
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      polling: { reconcileDelayMs: 60_000 },
    });
    const lost = h.sim.faults.add({
      kind: 'lost-response',
      times: 1,
      match: { operation: 'capturePayment' },
    });
    const view = await h.engine.capture({ reference, amount: 1_000 });
    lost.remove();
    expect(view.reference).toBe(reference);
    expect(ops(h, reference, 'capture')).toMatchObject([{ status: 'unknown' }]);
    await expect(h.engine.capture({ reference, amount: 1_000 })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'Vipps has not confirmed the last operation on this sale yet.',
      retryable: true,
      details: { reference },
    });
    expect(h.sim.requests.count('capturePayment')).toBe(1);
  });
});

describe('one capture at a time', () => {
  it('while a capture checks Vipps first, a second one is told a capture is running', async () => {
    const { h, reference } = await reserved();
    h.sim.faults.add({ kind: 'latency', ms: 200, times: 1, match: { operation: 'getPayment' } });
    let reading!: () => void;
    const atVipps = new Promise<void>((r) => {
      reading = r;
    });
    h.sim.observe({ request: (req) => req.operation === 'getPayment' && reading() });
    const first = h.engine.capture({ reference, amount: 1_000 });
    await atVipps;
    await expect(h.engine.capture({ reference, amount: 1_000 })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A capture is already running for this sale.',
      retryable: true,
      details: { reference },
    });
    await first;
    expect(h.sim.ledger.total('capture', reference)).toBe(1_000);
  });

  it('while the engine’s own capture is on its way, the cashier’s is told a capture is running', async () => {
    const { hooks, sending, release } = holdSends('capture');
    h = await startEngineHarness({ hooks });
    const { reference } = await h.engine.start({ amount: 8_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await sending;
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A capture is already running for this sale.',
    });
    release();
    await h.waitFor(reference, (p) => p.status === 'COMPLETED', 'COMPLETED');
    expect(h.sim.ledger.total('capture', reference)).toBe(8_000);
  });
});

describe('capture-now: the engine captures an approved sale itself', () => {
  it('the whole amount once, audited as the engine’s, with its body stored', async () => {
    h = await startEngineHarness();
    const seen = requestsTo(h, 'capturePayment', 'cancelPayment', 'refundPayment');
    const { reference } = await h.engine.start({ amount: 8_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED', 'COMPLETED');
    const [op, ...more] = ops(h, reference, 'capture');
    expect(more).toEqual([]);
    expect(op).toMatchObject({ amount: 8_000, status: 'succeeded' });
    expect(JSON.parse(op!.requestBody!)).toEqual({ amount: 8_000 });
    expect(seen).toEqual([
      {
        operation: 'capturePayment',
        key: op!.idempotencyKey,
        body: { modificationAmount: { value: 8_000, currency: 'NOK' } },
      },
    ]);
    expect(h.journal.audit.forReference(reference).filter((a) => a.action === 'auto-capture')).toEqual([
      expect.objectContaining({ actor: 'engine', amount: 8_000, details: {} }),
    ]);
  });

  it('a go-live payment is not captured by the policy: its scenario decides (the AUTHORIZED one stays reserved)', async () => {
    h = await startEngineHarness();
    const reference = 'golive-20261130-authorized';
    await h.engine.goLive.start({
      scenario: 'AUTHORIZED',
      reference,
      amount: 1_000,
      currency: 'NOK',
      phone: '4791234567',
    });
    h.sim.customer.approve(reference);
    // The policy's capture would be journaled in the same step that records the approval.
    const seen = await h.waitFor(reference, (p) => p.vippsState === 'AUTHORIZED', 'AUTHORIZED');
    expect(seen).toMatchObject({ status: 'RESERVED', capturable: 1_000 });
    expect(ops(h, reference, 'capture')).toEqual([]);
    expect(h.sim.requests.count('capturePayment')).toBe(0);
  });

  it('a failed auto-capture is left to the cashier: the sale stays reserved, the cashier completes it', async () => {
    h = await startEngineHarness({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'capturePayment' } });
    const { reference } = await h.engine.start({ amount: 8_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(
      reference,
      () => ops(h!, reference, 'capture').some((o) => o.status === 'failed'),
      'a failed auto-capture',
    );
    expect(h.view(reference)).toMatchObject({ status: 'RESERVED', capturable: 8_000 });
    const done = await h.engine.capture({ reference });
    expect(done).toMatchObject({ status: 'COMPLETED' });
    expect(ops(h, reference, 'capture').map((o) => [o.status, o.amount])).toEqual([
      ['failed', 8_000],
      ['succeeded', 8_000],
    ]);
  });

  it('an auto-capture that breaks down in the app is logged for support, with the sale and the error', async () => {
    let logged!: (line: Record<string, unknown>) => void;
    const failure = new Promise<Record<string, unknown>>((r) => {
      logged = r;
    });
    h = await startEngineHarness({
      logger: createLogger(
        (line) => {
          const parsed = JSON.parse(line);
          if (parsed.msg === 'auto-capture failed') logged(parsed);
        },
        'test',
        'debug',
      ),
      hooks: {
        beforeSend: (op) => {
          if (op.kind === 'capture') throw new Error('disk unplugged');
        },
      },
    });
    const { reference } = await h.engine.start({ amount: 8_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    expect(await failure).toMatchObject({
      level: 'error',
      scope: 'test.payments',
      reference,
      error: 'disk unplugged',
    });
    expect(h.sim.requests.count('capturePayment')).toBe(0);
  });
});
