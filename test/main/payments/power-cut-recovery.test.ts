/**
 * Start-up recovery after a power cut, in one process: the engine's send hooks throw at the chosen
 * step (`<kind>:before` = intent committed, request not sent; `<kind>:after` = Vipps answered, the
 * outcome not written), the engine is stopped, and a new engine on the same journal file recovers
 * against the same simulator. The child-process crash suite (crash-recovery.test.ts) proves the same
 * with SIGKILL; this one is quick and deterministic, so the mutation run can use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OperationRow } from '../../../src/main/journal';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import type { HarnessOptions } from '../../support/engine-harness';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { NO_CLIENT_RETRY } from '../../support/engine-suite';
import { recordingLogger } from '../../support/recording-logger';

const PHONE = '4791234567';

class PowerCut extends Error {}

let sim: Simulator;
const running: EngineHarness[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ expirySweepMs: 0 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  sim.faults.clear();
  for (const h of running.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface FirstRun {
  h: EngineHarness;
  /** Resolves with the operation the power cut hit. */
  cut: Promise<OperationRow>;
}

/** The app's first run, on a fresh journal file, losing power at `cutAt`. */
async function firstRun(cutAt: string, options: HarnessOptions = {}): Promise<FirstRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-power-cut-'));
  dirs.push(dir);
  let armed = true;
  let hit: (op: OperationRow) => void = () => {};
  const cut = new Promise<OperationRow>((resolve) => {
    hit = resolve;
  });
  const at = (step: string) => (op: OperationRow) => {
    if (!armed || `${op.kind}:${step}` !== cutAt) return;
    armed = false;
    hit(op);
    throw new PowerCut(`power cut at ${cutAt}`);
  };
  const h = await startEngineHarness({
    sim,
    dir,
    hooks: { beforeSend: at('before'), afterSend: at('after') },
    ...options,
  });
  running.push(h);
  return { h, cut };
}

/** The app started again on the same journal file; recovery has not run yet. */
async function restart(before: EngineHarness, options: HarnessOptions = {}): Promise<EngineHarness> {
  await before.shutdown();
  const h = await startEngineHarness({ sim, dir: before.dir, recover: false, ...options });
  running.push(h);
  return h;
}

function requestsWithKey(key: string) {
  return sim.requests.list().filter((r) => r.idempotencyKey === key);
}

function operation(h: EngineHarness, reference: string, kind: OperationRow['kind']): OperationRow {
  const op = h.journal.operations.forReference(reference).find((o) => o.kind === kind);
  if (!op) throw new Error(`no ${kind} operation for ${reference}`);
  return op;
}

/** A sale the customer approved and the engine captured in full. */
async function completedSale(h: EngineHarness, amount: number): Promise<string> {
  const { reference } = await h.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'COMPLETED');
  return reference;
}

describe('cut during create', () => {
  it('before the request went out: the unanswered intent is shown unknown, then sent once with its key', async () => {
    const { h: first, cut } = await firstRun('create:before');
    await expect(first.engine.start({ amount: 12_000, flow: 'QR' })).rejects.toBeInstanceOf(PowerCut);
    const { reference, idempotencyKey } = await cut;
    expect(sim.payments.get(reference)).toBeUndefined();

    const h = await restart(first);
    expect(operation(h, reference, 'create')).toMatchObject({ status: 'pending', attempts: 1 });
    // Recovery first writes what the journal alone tells: no answer came, so the outcome is unknown.
    const statuses: string[] = [];
    h.engine.on('payment', (v) => {
      if (v.reference === reference) statuses.push(v.status);
    });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(statuses[0]).toBe('UNKNOWN');
    expect(statuses.at(-1)).toBe('WAITING');
    expect(requestsWithKey(idempotencyKey).map((r) => r.operation)).toEqual(['createPayment']);
    expect(sim.payments.get(reference)?.events[0]?.idempotencyKey).toBe(idempotencyKey);
    expect(operation(h, reference, 'create')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      requestBody: null,
      lastError: null,
    });
    // The cashier had left the counter by then: the sale is watched, and an approval is theirs to decide.
    const row = h.journal.payments.get(reference)!;
    expect(row).toMatchObject({ status: 'WAITING', vippsState: 'CREATED', givenUp: true, attention: null });
    sim.customer.approve(reference);
    const late = await h.waitFor(reference, (p) => p.status === 'DECISION_NEEDED');
    expect(late.attention).toBe('LATE_APPROVAL');
    expect(sim.ledger.total('capture', reference)).toBe(0);
  });

  it('before the request went out, too long ago to send now: failed, nothing sent, nothing at Vipps', async () => {
    const { h: first, cut } = await firstRun('create:before');
    await expect(first.engine.start({ amount: 5000, flow: 'QR' })).rejects.toBeInstanceOf(PowerCut);
    const { reference, idempotencyKey } = await cut;
    const h = await restart(first, { polling: { createResendWindowMs: 0 } });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(requestsWithKey(idempotencyKey)).toEqual([]);
    expect(sim.payments.get(reference)).toBeUndefined();
    expect(operation(h, reference, 'create')).toMatchObject({
      status: 'failed',
      requestBody: null,
      lastError: {
        code: 'NOT_FOUND',
        message: 'Vipps never received this payment request; nothing was charged.',
        retryable: false,
      },
    });
    expect(h.view(reference)).toMatchObject({ status: 'FAILED', attention: null });
    // A sale that never reached Vipps has no payment or event log to read again.
    expect(sim.requests.list().filter((r) => r.operation === 'getPaymentEventLog')).toEqual([]);
    expect(sim.requests.list().filter((r) => r.path.includes(reference))).toHaveLength(1);
  });

  it('after Vipps created it: found there and not created again; the next start is accepted', async () => {
    const { h: first, cut } = await firstRun('create:after');
    await expect(first.engine.start({ amount: 7000, flow: 'QR' })).rejects.toBeInstanceOf(PowerCut);
    const { reference, idempotencyKey } = await cut;
    const h = await restart(first);
    await expect(h.engine.start({ amount: 100, flow: 'QR' })).rejects.toMatchObject({ code: 'RECOVERING' });
    await expect(h.engine.resolve({ reference, action: 'complete' })).rejects.toMatchObject({
      code: 'RECOVERING',
      message: 'Checking unfinished payments first.',
      retryable: true,
    });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(requestsWithKey(idempotencyKey).map((r) => r.operation)).toEqual(['createPayment']);
    expect(operation(h, reference, 'create')).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      requestBody: null,
    });
    expect(h.view(reference)).toMatchObject({ status: 'WAITING', vippsState: 'CREATED' });
    // Still followed after recovery: Vipps' own decision reaches the journal.
    sim.customer.reject(reference);
    await h.waitFor(reference, (p) => p.status === 'REJECTED');
    await expect(h.engine.start({ amount: 100, flow: 'QR' })).resolves.toMatchObject({ status: 'WAITING' });
  });

  it('after the customer approved while the app was down: the cashier decides, nothing is captured', async () => {
    const { h: first, cut } = await firstRun('create:after');
    await expect(
      first.engine.start({ amount: 4400, flow: 'PUSH_PHONE', phone: PHONE }),
    ).rejects.toBeInstanceOf(PowerCut);
    const { reference } = await cut;
    await first.shutdown();
    sim.customer.approve(reference);
    const h = await restart(first);
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 1 });
    expect(h.view(reference)).toMatchObject({
      status: 'DECISION_NEEDED',
      attention: 'LATE_APPROVAL',
      capturable: 4400,
    });
    expect(sim.ledger.total('capture', reference)).toBe(0);
    expect(h.alerts.map((a) => [a.code, a.reference])).toContainEqual(['LATE_APPROVAL', reference]);
  });
});

describe('cut during capture', () => {
  async function cutCapture(step: 'before' | 'after') {
    const { h: first, cut } = await firstRun(`capture:${step}`);
    const { reference } = await first.engine.start({ amount: 9900, flow: 'PUSH_PHONE', phone: PHONE });
    sim.customer.approve(reference);
    const op = await cut;
    return { first, reference, op };
  }

  it('before the request went out: the journaled capture is sent once with its key', async () => {
    const { first, reference, op } = await cutCapture('before');
    expect(sim.ledger.total('capture', reference)).toBe(0);
    const h = await restart(first);
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(requestsWithKey(op.idempotencyKey).map((r) => r.operation)).toEqual(['capturePayment']);
    expect(sim.ledger.total('capture', reference)).toBe(9900);
    expect(operation(h, reference, 'capture')).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(h.view(reference)).toMatchObject({ status: 'COMPLETED', attention: null, kept: 9900 });
  });

  it('after Vipps captured: read from the event log, not captured again, and the log is kept', async () => {
    const { first, reference, op } = await cutCapture('after');
    expect(sim.ledger.total('capture', reference)).toBe(9900);
    const h = await restart(first);
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(requestsWithKey(op.idempotencyKey)).toHaveLength(1);
    expect(sim.ledger.total('capture', reference)).toBe(9900);
    expect(operation(h, reference, 'capture')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(h.view(reference)).toMatchObject({ status: 'COMPLETED', aggregate: { captured: 9900 } });
    const events = h.journal.events.forReference(reference);
    expect(events.find((e) => e.idempotencyKey === op.idempotencyKey)).toMatchObject({
      name: 'CAPTURED',
      amount: 9900,
      success: true,
    });
  });

  it('Vipps logged the capture as failed: failed, not re-sent, and the reservation is the cashier’s', async () => {
    const { first, reference, op } = await cutCapture('before');
    const h = await restart(first, {
      // Vipps' event log carries a refused capture with our key (the simulator never refuses one).
      variant: (deps) => ({
        ...deps,
        vipps: {
          ...deps.vipps,
          getEvents: async (ref) => {
            const events = await deps.vipps.getEvents(ref);
            const base = events.at(-1)!;
            return [
              ...events,
              {
                ...base,
                name: 'CAPTURED',
                amount: { ...base.amount, value: 9900 },
                idempotencyKey: op.idempotencyKey,
                success: false,
              },
            ];
          },
        },
      }),
    });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 1 });
    expect(requestsWithKey(op.idempotencyKey)).toEqual([]);
    expect(operation(h, reference, 'capture')).toMatchObject({
      status: 'failed',
      lastError: { code: 'CONFLICT', message: 'Vipps recorded this operation as failed.', retryable: false },
    });
    expect(h.view(reference)).toMatchObject({
      status: 'RESERVED',
      attention: 'CAPTURE_FAILED',
      vippsState: 'AUTHORIZED',
      aggregate: { authorized: 9900, captured: 0 },
    });
    expect(h.alerts).toContainEqual({
      kind: 'ATTENTION',
      code: 'CAPTURE_FAILED',
      reference,
      message: 'The approved amount could not be captured. Try again or release it.',
    });
    // Vipps' record of the refused capture is kept for the detail view.
    expect(h.journal.events.forReference(reference)).toContainEqual(
      expect.objectContaining({ name: 'CAPTURED', idempotencyKey: op.idempotencyKey, success: false }),
    );
    // The detail view shows why, without the journal's internals.
    const detail = await h.engine.get(reference);
    expect(detail.operations.find((o) => o.kind === 'capture')?.lastError).toEqual({
      code: 'CONFLICT',
      message: 'Vipps recorded this operation as failed.',
    });
  });
});

describe('cut during cancel and refund', () => {
  it('cancel before the request went out: sent once with its key, the sale ends CANCELLED', async () => {
    const { h: first, cut } = await firstRun('cancel:before');
    const { reference } = await first.engine.start({ amount: 3000, flow: 'QR' });
    await expect(first.engine.cancel(reference)).rejects.toBeInstanceOf(PowerCut);
    const op = await cut;
    const h = await restart(first);
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(requestsWithKey(op.idempotencyKey).map((r) => r.operation)).toEqual(['cancelPayment']);
    expect(h.view(reference)).toMatchObject({ status: 'CANCELLED', vippsState: 'TERMINATED' });
    expect(operation(h, reference, 'cancel').status).toBe('succeeded');
  });

  it('refund after Vipps refunded: found in the event log, refunded once', async () => {
    const { h: first, cut } = await firstRun('refund:after');
    const reference = await completedSale(first, 6000);
    await expect(
      first.engine.refund({ reference, amount: 2500, reason: 'Returned', requestId: 'refund-cut-0001' }),
    ).rejects.toBeInstanceOf(PowerCut);
    const op = await cut;
    const h = await restart(first);
    const statuses: string[] = [];
    h.engine.on('payment', (v) => statuses.push(v.status));
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(statuses).toEqual(['UNKNOWN', 'COMPLETED']);
    expect(requestsWithKey(op.idempotencyKey)).toHaveLength(1);
    expect(sim.ledger.total('refund', reference)).toBe(2500);
    expect(h.view(reference)).toMatchObject({ shown: 'PARTLY_REFUNDED', refundable: 3500 });
  });
});

describe('Vipps unreachable during recovery', () => {
  it('the sale stays UNKNOWN, recovery ends, and the sale settles once Vipps answers', async () => {
    const { h: first, cut } = await firstRun('capture:after');
    const { reference } = await first.engine.start({ amount: 5100, flow: 'PUSH_PHONE', phone: PHONE });
    sim.customer.approve(reference);
    const op = await cut;
    const h = await restart(first);
    const down = sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPaymentEventLog' } });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 0, needsAttention: 1 });
    expect(h.view(reference)).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    expect(operation(h, reference, 'capture').status).toBe('unknown');
    // Work is accepted again, but not on this sale: its outcome is still being checked.
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'Vipps has not confirmed the last operation on this sale yet.',
      retryable: true,
      details: { reference },
    });
    expect(down.fired()).toBeGreaterThan(0);
    down.remove();
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(requestsWithKey(op.idempotencyKey)).toHaveLength(1);
    expect(operation(h, reference, 'capture').status).toBe('succeeded');
  });

  it('the payment cannot be read after the log showed the capture: checked again later, then COMPLETED', async () => {
    const { h: first, cut } = await firstRun('capture:after');
    const { reference } = await first.engine.start({ amount: 5200, flow: 'PUSH_PHONE', phone: PHONE });
    sim.customer.approve(reference);
    const op = await cut;
    const h = await restart(first);
    const down = sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPayment' } });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 0, needsAttention: 1 });
    expect(operation(h, reference, 'capture').status).toBe('unknown');
    expect(down.fired()).toBeGreaterThan(0);
    down.remove();
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(requestsWithKey(op.idempotencyKey)).toHaveLength(1);
    expect(operation(h, reference, 'capture').status).toBe('succeeded');
  });

  it('a re-sent create gets no answer either: UNKNOWN, left to the later check, nothing else asked', async () => {
    const { h: first, cut } = await firstRun('create:before');
    await expect(first.engine.start({ amount: 2400, flow: 'QR' })).rejects.toBeInstanceOf(PowerCut);
    const { reference } = await cut;
    const h = await restart(first, { retry: NO_CLIENT_RETRY, polling: { reconcileDelayMs: 3_600_000 } });
    sim.faults.add({ kind: 'drop', match: { operation: 'createPayment' }, times: 1 });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 0, needsAttention: 1 });
    expect(h.view(reference)).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    // Vipps was asked once whether it has the payment (404); its answer to the re-send is still owed.
    expect(
      sim.requests.list().filter((r) => r.operation === 'getPayment' && r.path.includes(reference)),
    ).toHaveLength(1);
  });

  it('a re-sent capture gets no answer either: UNKNOWN, and the payment is not read meanwhile', async () => {
    const { h: first, cut } = await firstRun('capture:before');
    const { reference } = await first.engine.start({ amount: 2500, flow: 'PUSH_PHONE', phone: PHONE });
    sim.customer.approve(reference);
    await cut;
    const h = await restart(first, { retry: NO_CLIENT_RETRY, polling: { reconcileDelayMs: 3_600_000 } });
    const reads = sim.requests
      .list()
      .filter((r) => r.operation === 'getPayment' && r.path.includes(reference)).length;
    sim.faults.add({ kind: 'drop', match: { operation: 'capturePayment' }, times: 1 });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 0, needsAttention: 1 });
    expect(operation(h, reference, 'capture')).toMatchObject({ status: 'unknown', attempts: 2 });
    expect(
      sim.requests.list().filter((r) => r.operation === 'getPayment' && r.path.includes(reference)),
    ).toHaveLength(reads);
  });

  it('a reservation left uncaptured (reserve-only) stays the shop’s reservation, not a late approval', async () => {
    const { h: first } = await firstRun('none', { settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await first.engine.start({ amount: 2600, flow: 'PUSH_PHONE', phone: PHONE });
    sim.customer.approve(reference);
    await first.waitFor(reference, (p) => p.status === 'RESERVED');
    const h = await restart(first, { settings: { capturePolicy: 'reserve-only' } });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 1 });
    expect(h.view(reference)).toMatchObject({ status: 'RESERVED', attention: 'RESERVATION_NOT_CAPTURED' });
    expect(h.journal.payments.get(reference)?.givenUp).toBe(false);
  });

  it('a sale left waiting with nothing open is followed again; a late approval is the cashier’s', async () => {
    const { h: first } = await firstRun('none');
    const { reference } = await first.engine.start({ amount: 2300, flow: 'QR' });
    const h = await restart(first);
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(h.view(reference)).toMatchObject({ status: 'WAITING', attention: null });
    sim.customer.approve(reference);
    const late = await h.waitFor(reference, (p) => p.status === 'DECISION_NEEDED');
    expect(late.attention).toBe('LATE_APPROVAL');
  });

  it('a payment read that fails leaves the sale to the poller, which finds it later; the log says so', async () => {
    const first = recordingLogger();
    const { h: before } = await firstRun('none', { logger: first.logger });
    // Nothing to check on an empty journal: nothing logged about recovery.
    expect(first.lines.filter(([, message]) => message.startsWith('recovery'))).toEqual([]);
    const { reference } = await before.engine.start({ amount: 2200, flow: 'QR' });
    const log = recordingLogger();
    const h = await restart(before, { logger: log.logger });
    const down = sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPayment' } });
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(down.fired()).toBeGreaterThan(0);
    expect(log.lines).toContainEqual([
      'warn',
      'recovery could not reach Vipps',
      { reference, code: 'UPSTREAM' },
    ]);
    expect(log.lines).toContainEqual([
      'info',
      'recovery done',
      { checked: 1, resolved: 1, needsAttention: 0 },
    ]);
    down.remove();
    sim.customer.reject(reference);
    await h.waitFor(reference, (p) => p.status === 'REJECTED');
  });
});
