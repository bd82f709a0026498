/**
 * When a money call's outcome is unknown and Vipps shows no trace of it, the engine sends it again
 * with the stored key and body. What the answer to that re-send means is not what it would mean the
 * first time: a 429 says nothing about the lost first request, and a create's 409 may be the first
 * request arriving late — both keep the outcome unknown (checked again), never "failed".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationRow } from '../../../src/main/journal';
import { createLogger } from '../../../src/main/log';
import { type EngineHarness, FAST_RETRY, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ONE_TRY = { ...FAST_RETRY, maxAttempts: 1 };

/** Resolves once the operation has an outcome other than unknown / pending. */
async function decided(
  hh: EngineHarness,
  reference: string,
  kind: OperationRow['kind'],
): Promise<OperationRow> {
  const find = () => hh.journal.operations.forReference(reference).find((o) => o.kind === kind);
  await hh.waitFor(
    reference,
    () => {
      const op = find();
      return op !== undefined && op.status !== 'unknown' && op.status !== 'pending';
    },
    `the ${kind} decided`,
  );
  return find()!;
}

const keysOf = (hh: EngineHarness, operation: 'capturePayment' | 'createPayment') =>
  hh.sim.requests
    .list()
    .filter((r) => r.operation === operation)
    .map((r) => r.idempotencyKey);

describe('a capture whose answer was a 5xx', () => {
  it('is unknown, re-sent with its key; a 429 on the re-send keeps it unknown; the next one captures once', async () => {
    const lines: string[] = [];
    h = await startEngineHarness({
      retry: ONE_TRY,
      settings: { capturePolicy: 'reserve-only' },
      logger: createLogger((line) => lines.push(line), 'test', 'debug'),
    });
    const { reference } = await h.engine.start({ amount: 4_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'status', status: 500, times: 1, match: { operation: 'capturePayment' } });
    h.sim.faults.add({
      kind: 'rate-limit',
      retryAfterSeconds: 0,
      times: 1,
      match: { operation: 'capturePayment' },
    });

    const view = await h.engine.capture({ reference, amount: 4_000 });
    expect(view.reference).toBe(reference);
    const op = await decided(h, reference, 'capture');
    expect(op).toMatchObject({ status: 'succeeded', attempts: 3, lastError: null });
    expect(keysOf(h, 'capturePayment')).toEqual([op.idempotencyKey, op.idempotencyKey, op.idempotencyKey]);
    expect(h.sim.ledger.total('capture', reference)).toBe(4_000);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED', 'COMPLETED');
    // Support reads why: each unconfirmed try is logged with the sale, the kind, the code and the verdict.
    const unconfirmed = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'operation not confirmed');
    expect(unconfirmed).toEqual([
      expect.objectContaining({
        level: 'warn',
        scope: 'test.payments',
        reference,
        kind: 'capture',
        code: 'UPSTREAM',
        unknown: true,
      }),
      expect.objectContaining({
        level: 'warn',
        reference,
        kind: 'capture',
        code: 'RATE_LIMITED',
        unknown: true,
      }),
    ]);
  });

  it('a 429 on the first send is a plain refusal: failed at once, retryable', async () => {
    h = await startEngineHarness({ retry: ONE_TRY, settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 4_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({
      kind: 'rate-limit',
      retryAfterSeconds: 0,
      times: 1,
      match: { operation: 'capturePayment' },
    });
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
    });
    expect(h.journal.operations.forReference(reference).filter((o) => o.kind === 'capture')).toMatchObject([
      { status: 'failed', attempts: 1, lastError: { code: 'RATE_LIMITED', retryable: true } },
    ]);
  });
});

describe('a re-send that Vipps refuses plainly', () => {
  it('a capture: the refusal decides it — failed, and the sale waits for the cashier', async () => {
    h = await startEngineHarness({ retry: ONE_TRY, settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 4_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'status', status: 500, times: 1, match: { operation: 'capturePayment' } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'capturePayment' } });
    await h.engine.capture({ reference, amount: 4_000 });
    const op = await decided(h, reference, 'capture');
    expect(op).toMatchObject({ status: 'failed', attempts: 2, lastError: { code: 'CONFLICT' } });
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
    expect(h.view(reference)).toMatchObject({ status: 'RESERVED', attention: 'CAPTURE_FAILED' });
  });

  it('a create: a 400 on the re-send decides it — the sale FAILED, nothing created', async () => {
    h = await startEngineHarness({ retry: ONE_TRY });
    h.sim.faults.add({ kind: 'status', status: 500, times: 1, match: { operation: 'createPayment' } });
    h.sim.faults.add({ kind: 'status', status: 400, times: 1, match: { operation: 'createPayment' } });
    const sale = await h.engine.start({ amount: 2_500, flow: 'QR' });
    expect(sale.status).toBe('UNKNOWN');
    const op = await decided(h, sale.reference, 'create');
    expect(op).toMatchObject({ status: 'failed', attempts: 2, lastError: { code: 'VALIDATION' } });
    expect(h.view(sale.reference).status).toBe('FAILED');
    expect(h.sim.payments.get(sale.reference)).toBeUndefined();
  });
});

describe('a create whose answer was a 5xx', () => {
  it('Vipps does not know it: re-sent with the stored body; a 409 then is the late original, so it stays unknown; the next re-send creates it once', async () => {
    h = await startEngineHarness({ retry: ONE_TRY });
    h.sim.faults.add({ kind: 'status', status: 500, times: 1, match: { operation: 'createPayment' } });
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'createPayment' } });
    const sale = await h.engine.start({ amount: 2_500, flow: 'QR' });
    expect(sale.status).toBe('UNKNOWN');
    const op = await decided(h, sale.reference, 'create');
    expect(op).toMatchObject({ status: 'succeeded', attempts: 3, lastError: null, requestBody: null });
    expect(keysOf(h, 'createPayment')).toEqual([op.idempotencyKey, op.idempotencyKey, op.idempotencyKey]);
    const waiting = await h.waitFor(sale.reference, (p) => p.status === 'WAITING', 'WAITING');
    expect(waiting.qr).toEqual({ kind: 'url', value: expect.any(String) });
    expect(h.sim.payments.get(sale.reference)?.amount).toEqual({ value: 2_500, currency: 'NOK' });
  });
});

describe('a plain refusal', () => {
  it('is final: never re-checked behind the cashier’s back (a refused release is not followed by the capture-now policy’s capture)', async () => {
    // Re-checks would run at once (delay 0); the test then gives the timers a moment to fire.
    h = await startEngineHarness({
      retry: ONE_TRY,
      settings: { capturePolicy: 'reserve-only' },
      polling: { reconcileDelayMs: 0 },
    });
    const { reference } = await h.engine.start({ amount: 4_000, flow: 'QR' });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    // The manager switches the counter to capture-now while this reservation is being released.
    h.settings.capturePolicy = 'capture-now';
    h.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'cancelPayment' } });
    await expect(h.engine.cancel(reference)).rejects.toMatchObject({ code: 'CONFLICT' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.journal.operations.forReference(reference).map((o) => [o.kind, o.status])).toEqual([
      ['create', 'succeeded'],
      ['cancel', 'failed'],
    ]);
    expect(h.sim.requests.count('capturePayment')).toBe(0);
    expect(h.view(reference).status).toBe('RESERVED');
  });
});
