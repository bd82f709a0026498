import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { UNKNOWN_CUSTOMER_PHONE } from '../../../src/main/simulator';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { paymentQuery } from '../journal/fixtures';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const PHONE = '4791234567';

function statuses(reference: string): string[] {
  const seen = h.payments.filter((p) => p.reference === reference).map((p) => p.status);
  return seen.filter((s, i) => s !== seen[i - 1]);
}

describe('a push sale', () => {
  it('is created with the write-ahead key, approved, captured in full and completed', async () => {
    h = await startEngineHarness();
    const started = await h.engine.start({
      amount: 14950,
      flow: 'PUSH_PHONE',
      phone: PHONE,
      description: 'Groceries',
    });
    expect(started.status).toBe('WAITING');
    expect(started.reference).toMatch(/^lane1-\d{8}-\d{6}-[a-z0-9]{4}$/);
    expect(started.phoneMasked).toBe('•••• 4567');

    const sim = h.sim.payments.get(started.reference)!;
    expect(sim.customerInteraction).toBe('CUSTOMER_PRESENT');
    expect(sim.userFlow).toBe('PUSH_MESSAGE');
    expect(sim.customer).toEqual({ phoneNumber: PHONE });
    const create = h.journal.operations.forReference(started.reference)[0]!;
    expect(create).toMatchObject({ kind: 'create', status: 'succeeded', requestBody: null, attempts: 1 });
    expect(sim.events[0]!.idempotencyKey).toBe(create.idempotencyKey);

    h.sim.customer.approve(started.reference);
    const done = await h.waitFor(started.reference, (v) => v.status === 'COMPLETED');
    expect(done.aggregate).toEqual({ authorized: 14950, captured: 14950, refunded: 0, cancelled: 0 });
    expect(done.refundable).toBe(14950);
    expect(done.attention).toBeNull();
    expect(statuses(started.reference)).toEqual([
      'CREATING',
      'WAITING',
      'RESERVED',
      'CAPTURING',
      'COMPLETED',
    ]);
    expect(h.sim.ledger.forReference(started.reference).map((e) => [e.kind, e.amount])).toEqual([
      ['authorize', 14950],
      ['capture', 14950],
    ]);
    // The journal never holds the full phone number.
    const dump = JSON.stringify([
      h.journal.payments.get(started.reference),
      h.journal.operations.forReference(started.reference),
    ]);
    expect(dump).not.toContain(PHONE);

    const detail = await h.engine.get(started.reference);
    expect(detail.events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    expect(detail.operations.map((o) => [o.kind, o.status])).toEqual([
      ['create', 'succeeded'],
      ['capture', 'succeeded'],
    ]);

    // A partial refund moves exactly the amount asked, with the key of its committed intent.
    const refunded = await h.engine.refund({
      reference: started.reference,
      amount: 4950,
      reason: 'Returned one item',
      requestId: 'lifecycle-refund-1',
    });
    expect(refunded.aggregate.refunded).toBe(4950);
    expect(refunded.refundable).toBe(10000);
    const refundOp = h.journal.operations.forReference(started.reference).find((o) => o.kind === 'refund')!;
    expect(h.sim.ledger.forReference(started.reference).at(-1)).toMatchObject({
      kind: 'refund',
      amount: 4950,
      idempotencyKey: refundOp.idempotencyKey,
    });
    expect(h.writeAhead.checked.refund).toBe(1);
  });

  it('is REJECTED when the customer declines, and nothing moves', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.reject(reference);
    const v = await h.waitFor(reference, (p) => p.status === 'REJECTED');
    expect(v.vippsState).toBe('ABORTED');
    expect(h.sim.ledger.forReference(reference)).toEqual([]);
    expect(h.engine.active()?.reference).toBe(reference);
    h.engine.dismiss(reference);
    expect(h.engine.active()).toBeNull();
  });

  it('is EXPIRED when the customer does nothing until Vipps gives up', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.clock.advance(11 * 60_000);
    const v = await h.waitFor(reference, (p) => p.status === 'EXPIRED');
    expect(v.vippsState).toBe('EXPIRED');
    expect(h.sim.ledger.forReference(reference)).toEqual([]);
  });

  it('is FAILED (and the error says why) when Vipps refuses to create it', async () => {
    h = await startEngineHarness();
    await expect(
      h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: UNKNOWN_CUSTOMER_PHONE }),
    ).rejects.toMatchObject({
      details: expect.objectContaining({ vippsErrorCode: '7010' }),
    });
    const [row] = h.journal.payments.search(paymentQuery({ limit: 5 })).rows;
    expect(row?.status).toBe('FAILED');
    expect(h.journal.operations.forReference(row!.reference)[0]).toMatchObject({
      status: 'failed',
      requestBody: null,
    });
    // A failed sale does not block the counter.
    await expect(h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE })).resolves.toMatchObject({
      status: 'WAITING',
    });
  });
});

describe('other flows', () => {
  it('QR: the app gets the target URL to draw the code itself', async () => {
    h = await startEngineHarness();
    const v = await h.engine.start({ amount: 2500, flow: 'QR' });
    expect(v.qr?.kind).toBe('url');
    expect(v.qr?.value).toMatch(/^https?:\/\//);
    expect(h.sim.payments.get(v.reference)!.userFlow).toBe('QR');
    h.sim.customer.approve(v.reference);
    await h.waitFor(v.reference, (p) => p.status === 'COMPLETED');
  });

  it('PERSONAL_QR: scanned text that is not a personal QR is refused by Vipps with 4060, nothing started', async () => {
    h = await startEngineHarness();
    const refused = await h.engine
      .start({ amount: 2500, flow: 'PERSONAL_QR', personalQr: 'hello-not-a-qr' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { vippsErrorCode: '4060' } });
    expect(h.sim.payments.list()).toHaveLength(0);
    expect(h.engine.active()?.status ?? 'FAILED').toBe('FAILED');
  });

  it('PERSONAL_QR: the scanned text is sent untouched as customer.personalQr', async () => {
    h = await startEngineHarness();
    const scanned = 'https://qr.vipps.no/28/2/01/031/4791234567?v=1';
    const v = await h.engine.start({ amount: 2500, flow: 'PERSONAL_QR', personalQr: scanned });
    const sim = h.sim.payments.get(v.reference)!;
    expect(sim.customer).toEqual({ personalQr: scanned });
    expect(sim.userFlow).toBe('PUSH_MESSAGE');
    expect(JSON.stringify(h.journal.operations.forReference(v.reference))).not.toContain(scanned);
  });
});

describe('one sale per counter', () => {
  it('refuses a second sale while one is open, and allows it after the first is final', async () => {
    h = await startEngineHarness();
    const first = await h.engine.start({ amount: 1000, flow: 'QR' });
    await expect(h.engine.start({ amount: 2000, flow: 'QR' })).rejects.toMatchObject({
      code: 'ACTIVE_PAYMENT_EXISTS',
    });
    await h.engine.cancel(first.reference);
    await h.waitFor(first.reference, (p) => p.status === 'CANCELLED');
    const second = await h.engine.start({ amount: 2000, flow: 'QR' });
    expect(h.engine.active()?.reference).toBe(second.reference);
  });
});

describe('reserve-only policy', () => {
  it('keeps the reservation, captures part, releases the rest and ends COMPLETED', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 10000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    const reserved = await h.waitFor(reference, (p) => p.status === 'RESERVED');
    expect(reserved.attention).toBe('RESERVATION_NOT_CAPTURED');
    expect(h.engine.attention().map((p) => p.reference)).toContain(reference);

    await expect(h.engine.capture({ reference, amount: 10001 })).rejects.toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
    });
    const part = await h.engine.capture({ reference, amount: 6000 });
    expect(part).toMatchObject({ status: 'RESERVED', capturable: 4000 });
    const released = await h.engine.cancel(reference);
    expect(released.status).toBe('COMPLETED');
    expect(released.aggregate).toEqual({ authorized: 10000, captured: 6000, refunded: 0, cancelled: 4000 });
    expect(h.sim.ledger.forReference(reference).map((e) => [e.kind, e.amount])).toEqual([
      ['authorize', 10000],
      ['capture', 6000],
      ['cancel', 4000],
    ]);
  });

  it('releases a whole reservation as RELEASED', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 10000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    const v = await h.engine.resolve({ reference, action: 'release' });
    expect(v.status).toBe('RELEASED');
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
    expect(h.sim.ledger.total('cancel', reference)).toBe(10000);
  });
});

describe('parking a reservation (reserve-only)', () => {
  it('frees the counter, keeps the money reserved and listed, and says so in an alert', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 10000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    const requestsBefore = h.sim.requests.count();

    h.engine.dismiss(reference);

    expect(h.engine.active()).toBeNull();
    expect(h.view(reference)).toMatchObject({ status: 'RESERVED', capturable: 10000 });
    expect(h.engine.attention().map((p) => p.reference)).toContain(reference);
    expect(h.alerts).toContainEqual(expect.objectContaining({ kind: 'PARKED', reference }));
    expect(h.journal.audit.forReference(reference).map((e) => e.action)).toContain('park');
    expect(h.sim.requests.count()).toBe(requestsBefore);

    // The next sale starts at once; the parked one is captured later from the list.
    const next = await h.engine.start({ amount: 500, flow: 'QR' });
    expect(h.engine.active()?.reference).toBe(next.reference);
    const done = await h.engine.capture({ reference, amount: 7000 });
    expect(done).toMatchObject({ status: 'RESERVED', capturable: 3000 });
    expect(h.sim.ledger.total('capture', reference)).toBe(7000);
  });
});

describe('cancel while waiting', () => {
  it('ends CANCELLED (TERMINATED at Vipps) with cancelTransactionOnly', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    const v = await h.engine.cancel(reference);
    expect(v.status).toBe('CANCELLED');
    expect(v.vippsState).toBe('TERMINATED');
    const cancel = h.journal.operations.forReference(reference).find((o) => o.kind === 'cancel');
    expect(cancel).toMatchObject({ status: 'succeeded', requestBody: '{"cancelTransactionOnly":true}' });
    expect(h.sim.requests.list().filter((r) => r.operation === 'cancelPayment')).toHaveLength(1);
    expect(h.sim.ledger.total('authorize', reference)).toBe(0);
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });
});

describe('privacy', () => {
  it('no phone number, scanned QR or credential reaches the logs, the journal or an error', async () => {
    const lines: string[] = [];
    h = await startEngineHarness({
      logger: createLogger((line) => lines.push(line), 'test', 'debug'),
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 2000 },
    });
    const errors: unknown[] = [];
    await h.engine
      .start({ amount: 5000, flow: 'PUSH_PHONE', phone: UNKNOWN_CUSTOMER_PHONE })
      .catch((e) => errors.push(e));
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    h.engine.dismiss(reference);
    const scanned = `https://qr.vipps.no/28/2/01/031/${PHONE}?v=1`;
    const qr = await h.engine.start({ amount: 5000, flow: 'PERSONAL_QR', personalQr: scanned });
    await h.engine.cancel(qr.reference);
    await h.engine.stop();

    const file = new Database(h.file, { readonly: true });
    const tables = ['payments', 'operations', 'vipps_events', 'audit_log'].map((t) =>
      file.prepare(`SELECT * FROM ${t}`).all(),
    );
    file.close();
    expect(tables[1]).toHaveLength(5);
    const db = JSON.stringify([tables, h.payments]);
    const everything = [
      lines.join('\n'),
      db,
      JSON.stringify(errors),
      errors.map((e) => (e as Error).message).join(),
    ].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [
      PHONE,
      UNKNOWN_CUSTOMER_PHONE,
      scanned,
      h.sim.credentials.clientSecret,
      h.sim.credentials.subscriptionKey,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
