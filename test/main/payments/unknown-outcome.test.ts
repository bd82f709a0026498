/**
 * While the app runs: a money call whose answer never came is shown UNKNOWN ("checking with Vipps —
 * do not charge again") and settled by asking Vipps, re-sending only with the operation's own key.
 * And the poller that follows a waiting sale tells the counter when Vipps cannot be reached. The
 * faults are the simulator's (a lost answer, a dropped request, a 503); the client does not retry,
 * so the engine itself must sort out each outcome. Waits are on conditions, never on the clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectivityEvent } from '../../../src/preload/contract';
import { type EngineHarness, type HarnessOptions, startEngineHarness } from '../../support/engine-harness';
import { NO_CLIENT_RETRY } from '../../support/engine-suite';
import { failJournalWrite, heldOrEnded, holdFirstCall } from '../../support/engine-wire';
import { recordingLogger } from '../../support/recording-logger';

const PHONE = '4791234567';
/** The poller never looks by itself: only the path under test can move the sale on. */
const NO_POLLING = { firstDelayMs: 3_600_000, intervalMs: 3_600_000 };

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

async function harness(options: HarnessOptions = {}): Promise<EngineHarness> {
  h = await startEngineHarness({ retry: NO_CLIENT_RETRY, ...options });
  return h;
}

function sent(operation: string, reference?: string) {
  return h.sim.requests
    .list()
    .filter((r) => r.operation === operation && (!reference || r.path.includes(reference)));
}

describe('a create whose answer was lost', () => {
  it('is found at Vipps, followed by the poller and captured once approved', async () => {
    await harness();
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 8000, flow: 'PUSH_PHONE', phone: PHONE });
    expect(v).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    await h.waitFor(v.reference, (p) => p.status === 'WAITING');
    const create = h.journal.operations.forReference(v.reference)[0]!;
    expect(create).toMatchObject({ status: 'succeeded', requestBody: null, attempts: 1 });
    expect(sent('createPayment')).toHaveLength(1);
    h.sim.customer.approve(v.reference);
    await h.waitFor(v.reference, (p) => p.status === 'COMPLETED');
    expect(h.sim.ledger.total('capture', v.reference)).toBe(8000);
  });

  it('approved before the check: the check itself captures it (capture-now)', async () => {
    await harness({ polling: NO_POLLING });
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 6100, flow: 'PUSH_PHONE', phone: PHONE });
    expect(v.status).toBe('UNKNOWN');
    h.sim.customer.approve(v.reference);
    const done = await h.waitFor(v.reference, (p) => p.status === 'COMPLETED');
    expect(done.attention).toBeNull();
    expect(h.sim.ledger.total('capture', v.reference)).toBe(6100);
    expect(sent('capturePayment')).toHaveLength(1);
  });

  it('stays UNKNOWN while Vipps cannot be asked, and never sends the create again meanwhile', async () => {
    await harness({ polling: NO_POLLING });
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    const down = h.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPayment' } });
    const v = await h.engine.start({ amount: 3300, flow: 'QR' });
    await expect.poll(() => down.fired(), { timeout: 10_000 }).toBeGreaterThan(2);
    expect(h.view(v.reference)).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    expect(sent('createPayment')).toHaveLength(1);
    down.remove();
    await h.waitFor(v.reference, (p) => p.status === 'WAITING');
    expect(sent('createPayment')).toHaveLength(1);
  });
});

describe('a create that never reached Vipps', () => {
  it('is re-sent with its own key and body once Vipps says it has no such payment', async () => {
    await harness();
    h.sim.faults.add({ kind: 'drop', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 4500, flow: 'QR' });
    expect(v).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    await h.waitFor(v.reference, (p) => p.status === 'WAITING');
    const keys = sent('createPayment').map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys)).toEqual(
      new Set([h.journal.operations.forReference(v.reference)[0]!.idempotencyKey]),
    );
    expect(h.sim.payments.list().filter((p) => p.reference === v.reference)).toHaveLength(1);
    expect(h.journal.operations.forReference(v.reference)[0]).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
  });

  it('a re-send Vipps answers with a conflict (the original may be arriving) stays unknown, then is found', async () => {
    await harness();
    h.sim.faults.add({ kind: 'drop', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 4700, flow: 'QR' });
    expect(v.status).toBe('UNKNOWN');
    const conflict = h.sim.faults.add({
      kind: 'status',
      status: 409,
      match: { operation: 'createPayment' },
      times: 1,
    });
    const settled = await h.waitFor(v.reference, (p) => p.status === 'WAITING' || p.status === 'FAILED');
    expect(settled.status).toBe('WAITING');
    expect(conflict.fired()).toBe(1);
    const create = h.journal.operations.forReference(v.reference)[0]!;
    expect(create).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(new Set(sent('createPayment').map((r) => r.idempotencyKey))).toEqual(
      new Set([create.idempotencyKey]),
    );
  });

  it('is failed, not re-sent, once it is too old to reach a customer', async () => {
    await harness({ polling: { createResendWindowMs: 0 } });
    h.sim.faults.add({ kind: 'drop', match: { operation: 'createPayment' }, times: 1 });
    const v = await h.engine.start({ amount: 4600, flow: 'QR' });
    expect(v.status).toBe('UNKNOWN');
    const failed = await h.waitFor(v.reference, (p) => p.status === 'FAILED');
    expect(failed.attention).toBeNull();
    expect(sent('createPayment')).toHaveLength(1);
    expect(h.journal.operations.forReference(v.reference)[0]).toMatchObject({
      status: 'failed',
      lastError: {
        code: 'NOT_FOUND',
        message: 'Vipps never received this payment request; nothing was charged.',
      },
    });
    // The counter is free again.
    await expect(h.engine.start({ amount: 100, flow: 'QR' })).resolves.toMatchObject({ status: 'WAITING' });
  });
});

describe('a capture or refund whose outcome is unknown', () => {
  async function approvedSale(amount: number): Promise<string> {
    const { reference } = await h.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    return reference;
  }

  it('a lost capture answer: the event log shows our key, COMPLETED, captured once', async () => {
    await harness();
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'capturePayment' }, times: 1 });
    const reference = await approvedSale(9900);
    await h.waitFor(reference, (p) => p.status === 'UNKNOWN');
    const done = await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(done.attention).toBeNull();
    expect(sent('capturePayment')).toHaveLength(1);
    expect(h.sim.ledger.total('capture', reference)).toBe(9900);
    const capture = h.journal.operations.forReference(reference).find((o) => o.kind === 'capture')!;
    expect(capture).toMatchObject({ status: 'succeeded', attempts: 1, lastError: null });
  });

  it('a dropped capture: no trace at Vipps, so it is re-sent with the same key and applied once', async () => {
    await harness();
    h.sim.faults.add({ kind: 'drop', match: { operation: 'capturePayment' }, times: 1 });
    const reference = await approvedSale(7700);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    const keys = sent('capturePayment').map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(h.sim.ledger.total('capture', reference)).toBe(7700);
  });

  it('while the event log cannot be read, nothing is re-sent; afterwards the refund is found once', async () => {
    await harness();
    const reference = await approvedSale(6000);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'refundPayment' }, times: 1 });
    const down = h.sim.faults.add({
      kind: 'status',
      status: 503,
      match: { operation: 'getPaymentEventLog' },
    });
    const v = await h.engine.refund({
      reference,
      amount: 1500,
      reason: 'Returned',
      requestId: 'refund-unk-0001',
    });
    expect(v).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    await expect.poll(() => down.fired(), { timeout: 10_000 }).toBeGreaterThan(2);
    expect(h.view(reference).status).toBe('UNKNOWN');
    expect(sent('refundPayment')).toHaveLength(1);
    down.remove();
    const done = await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(done).toMatchObject({ shown: 'PARTLY_REFUNDED', refundable: 4500 });
    expect(sent('refundPayment')).toHaveLength(1);
    expect(h.sim.ledger.total('refund', reference)).toBe(1500);
  });
});

describe('while the engine asks Vipps about a sale', () => {
  it('the cashier cannot start another operation on it, and can once the check is done', async () => {
    // Vipps takes its time with the event log: the check is under way until the test lets it answer.
    const eventLog = holdFirstCall('getEvents');
    await harness({ settings: { capturePolicy: 'reserve-only' }, variant: eventLog.variant });
    const { reference } = await h.engine.start({ amount: 8800, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'capturePayment' }, times: 1 });
    eventLog.arm();
    await expect(h.engine.capture({ reference })).resolves.toMatchObject({ status: 'UNKNOWN' });
    await eventLog.calling;
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A check with Vipps is already running for this sale.',
    });
    eventLog.release();
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    await expect(
      h.engine.refund({ reference, amount: 800, reason: 'Returned', requestId: 'refund-after-check-1' }),
    ).resolves.toMatchObject({ aggregate: { refunded: 800 } });
    expect(sent('capturePayment')).toHaveLength(1);
  });
});

describe('recovery run again while a request is on the wire', () => {
  it('leaves that request to its own answer: nothing is sent a second time', async () => {
    const capture = holdFirstCall('capturePayment');
    await harness({ settings: { capturePolicy: 'reserve-only' }, variant: capture.variant });
    const { reference } = await h.engine.start({ amount: 6600, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    capture.arm();
    const captured = h.engine.capture({ reference });
    await heldOrEnded(capture.calling, captured);
    // The recovery gate retries a failed start-up recovery while the engine already works.
    const reads = sent('getPayment', reference).length;
    const report = await h.engine.recover();
    expect(report).toMatchObject({ checked: 1, resolved: 0 });
    expect(sent('capturePayment')).toEqual([]);
    // Not even read: the answer on its way decides the sale.
    expect(sent('getPayment', reference)).toHaveLength(reads);
    capture.release();
    await expect(captured).resolves.toMatchObject({ status: 'COMPLETED' });
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(sent('capturePayment')).toHaveLength(1);
    expect(h.sim.ledger.total('capture', reference)).toBe(6600);
  });
});

describe('a journal write failing while an outcome is settled', () => {
  it('is logged and the check is tried again, until the outcome is written', async () => {
    const { logger, said } = recordingLogger();
    const saves = failJournalWrite('operations', 'save');
    await harness({ logger, settings: { capturePolicy: 'reserve-only' }, variant: saves.variant });
    const { reference } = await h.engine.start({ amount: 3900, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'capturePayment' }, times: 1 });
    await expect(h.engine.capture({ reference })).resolves.toMatchObject({ status: 'UNKNOWN' });
    saves.arm();
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(saves.armed).toBe(false);
    expect(said('warn')).toContainEqual([
      'reconcile failed',
      { reference, error: 'The payment journal could not be written: disk I/O error' },
    ]);
    expect(sent('capturePayment')).toHaveLength(1);
  });
});

describe('a client that ends in a way it does not know', () => {
  it('is an unknown outcome (never "failed"), checked with Vipps and sent again with the same key', async () => {
    let broken = true;
    await harness({
      settings: { capturePolicy: 'reserve-only' },
      // A fault of the client itself (a bug, not a Vipps error): it ends before anything is sent.
      variant: (deps) => ({
        ...deps,
        vipps: {
          ...deps.vipps,
          capturePayment: (...args) => {
            if (!broken) return deps.vipps.capturePayment(...args);
            broken = false;
            return Promise.reject(new TypeError('cannot read properties of undefined'));
          },
        },
      }),
    });
    const { reference } = await h.engine.start({ amount: 5500, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    const v = await h.engine.capture({ reference });
    expect(v).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    const capture = h.journal.operations.forReference(reference).find((o) => o.kind === 'capture')!;
    expect(capture).toMatchObject({
      status: 'unknown',
      lastError: {
        code: 'OUTCOME_UNKNOWN',
        message: 'The request to Vipps ended unexpectedly.',
        retryable: true,
      },
    });
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    const keys = sent('capturePayment').map((r) => r.idempotencyKey);
    expect(keys).toEqual([capture.idempotencyKey]);
    expect(h.sim.ledger.total('capture', reference)).toBe(5500);
  });
});

describe('the poller', () => {
  it('tells the counter when Vipps cannot be reached, and when it can again', async () => {
    const { logger, said } = recordingLogger();
    await harness({ logger });
    const states: ConnectivityEvent[] = [];
    h.engine.on('connectivity', (s) => states.push(s));
    const down = h.sim.faults.add({ kind: 'drop', match: { operation: 'getPayment' } });
    const { reference } = await h.engine.start({ amount: 2500, flow: 'QR' });
    await expect.poll(() => states.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(states[0]).toMatchObject({ online: false });
    expect((states[0] as { reason: string }).reason).toMatch(
      /^The connection to Vipps was lost during getPayment|^Could not reach Vipps for getPayment/,
    );
    const polls = down.fired();
    await expect.poll(() => down.fired(), { timeout: 10_000 }).toBeGreaterThan(polls + 1);
    // Still offline: said once, not on every failed poll.
    expect(states).toHaveLength(1);
    expect(said('warn')).toContainEqual(['poll failed', { reference, code: 'NETWORK' }]);
    down.remove();
    await expect.poll(() => states.length, { timeout: 10_000 }).toBe(2);
    expect(states[1]).toEqual({ online: true });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(states).toHaveLength(2);
  });

  it('a 503 while polling is not "offline", and polling goes on until Vipps decides', async () => {
    await harness();
    const states: ConnectivityEvent[] = [];
    h.engine.on('connectivity', (s) => states.push(s));
    const busy = h.sim.faults.add({
      kind: 'status',
      status: 503,
      match: { operation: 'getPayment' },
      times: 3,
    });
    const { reference } = await h.engine.start({ amount: 2600, flow: 'QR' });
    await expect.poll(() => busy.fired(), { timeout: 10_000 }).toBe(3);
    h.sim.customer.reject(reference);
    await h.waitFor(reference, (p) => p.status === 'REJECTED');
    expect(states).toEqual([]);
  });

  it('stops following a sale once Vipps decided it', async () => {
    await harness();
    const { reference } = await h.engine.start({ amount: 2700, flow: 'QR' });
    h.sim.customer.expire(reference);
    await h.waitFor(reference, (p) => p.status === 'EXPIRED');
    const reads = sent('getPayment', reference).length;
    // Another sale's polls pass by; the expired one is not read again.
    const other = await h.engine.start({ amount: 2800, flow: 'QR' }).catch(async () => {
      h.engine.dismiss(reference);
      return h.engine.start({ amount: 2800, flow: 'QR' });
    });
    await expect
      .poll(() => sent('getPayment', other.reference).length, { timeout: 10_000 })
      .toBeGreaterThan(3);
    expect(sent('getPayment', reference)).toHaveLength(reads);
  });
});
