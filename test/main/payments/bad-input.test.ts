import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
let completed: string;
let reserved: string;

/** Every row of every table, read through a second connection: what is really on disk. */
function journalDump(): string {
  const db = new Database(h.file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
  const a = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: '4791234567' });
  h.sim.customer.approve(a.reference);
  await h.waitFor(a.reference, (p) => p.status === 'RESERVED');
  await h.engine.capture({ reference: a.reference });
  completed = a.reference;
  const b = await h.engine.start({ amount: 3000, flow: 'QR' });
  h.sim.customer.approve(b.reference);
  await h.waitFor(b.reference, (p) => p.status === 'RESERVED');
  reserved = b.reference;
});
afterAll(async () => {
  await h?.close();
});

/** `reads`: Vipps reads the call may make (a lookup); nothing that changes anything. */
async function refused(call: () => unknown, code: ErrorCode, field?: string, reads = 0): Promise<void> {
  const before = journalDump();
  const requests = h.sim.requests.count();
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ code });
  if (field) expect(error).toMatchObject({ details: expect.objectContaining({ field }) });
  expect((error as Error).message).not.toMatch(/4791234567|at \w+ \(/);
  expect(journalDump()).toBe(before);
  expect(h.sim.requests.count()).toBe(requests + reads);
}

describe('bad input changes nothing and gets a clear code', () => {
  // `reserved` occupies the counter, so start() checks run before the one-sale rule would.
  const amounts: Array<[string, unknown]> = [
    ['zero', 0],
    ['negative', -100],
    ['fractional', 10.5],
    ['too large', 65_000_001],
    ['not a number', '100'],
    ['NaN', Number.NaN],
    ['below the NOK minimum', 99],
  ];
  for (const [name, amount] of amounts) {
    it(`start with a ${name} amount → VALIDATION`, () =>
      refused(
        () => h.engine.start({ amount: amount as number, flow: 'PUSH_PHONE', phone: '4791234567' }),
        'VALIDATION',
        'amount',
      ));
  }

  it('an amount below the minimum names the minimum and its currency, for the cashier’s words', async () => {
    await refused(() => h.engine.start({ amount: 99, flow: 'QR' }), 'VALIDATION', 'amount');
    await expect(h.engine.start({ amount: 99, flow: 'QR' })).rejects.toMatchObject({
      details: { field: 'amount', minimum: 100, currency: 'NOK' },
    });
  });

  it('a line with a VAT rate the market does not have → VALIDATION', () =>
    refused(
      () =>
        h.engine.start({
          amount: 1000,
          flow: 'QR',
          lines: [{ name: 'Milk', unitPrice: 1000, quantity: 1, taxRate: 2400 }],
        }),
      'VALIDATION',
      'lines[0]',
    ));

  for (const phone of ['12345', 'abcdefghijk', '', '47 912 345 67 89 01 23', undefined]) {
    it(`start with phone ${JSON.stringify(phone)} → VALIDATION`, () =>
      refused(
        () => h.engine.start({ amount: 1000, flow: 'PUSH_PHONE', ...(phone === undefined ? {} : { phone }) }),
        'VALIDATION',
        'phone',
      ));
  }

  it('start with an unknown flow → VALIDATION', () =>
    refused(() => h.engine.start({ amount: 1000, flow: 'CASH' as never }), 'VALIDATION', 'flow'));
  it('start with a missing personal QR → VALIDATION', () =>
    refused(() => h.engine.start({ amount: 1000, flow: 'PERSONAL_QR' }), 'VALIDATION', 'personalQr'));
  it('start with a two-letter description → VALIDATION', () =>
    refused(
      () => h.engine.start({ amount: 1000, flow: 'QR', description: 'ab' }),
      'VALIDATION',
      'description',
    ));
  it('start with order lines that do not add up → VALIDATION', () =>
    refused(
      () =>
        h.engine.start({ amount: 1000, flow: 'QR', lines: [{ name: 'Milk', unitPrice: 900, quantity: 1 }] }),
      'VALIDATION',
      'lines',
    ));
  it('start while another sale is open → ACTIVE_PAYMENT_EXISTS', () =>
    refused(() => h.engine.start({ amount: 1000, flow: 'QR' }), 'ACTIVE_PAYMENT_EXISTS'));

  it('unknown reference → NOT_FOUND', async () => {
    await refused(() => h.engine.get('lane1-20990101-000000-zzzz'), 'NOT_FOUND');
    // An action on a reference this journal does not have asks Vipps whether it is another
    // counter's sale (payments/lookup.ts): one read, and Vipps' 404 changes nothing here either.
    const reads = () => h.sim.requests.list().filter((r) => r.operation === 'getPayment').length;
    const before = reads();
    await refused(() => h.engine.cancel('lane1-20990101-000000-zzzz'), 'NOT_FOUND', undefined, 1);
    await refused(
      () => h.engine.capture({ reference: 'lane1-20990101-000000-zzzz' }),
      'NOT_FOUND',
      undefined,
      1,
    );
    await refused(
      () =>
        h.engine.refund({
          reference: 'lane1-20990101-000000-zzzz',
          amount: 100,
          reason: 'x',
          requestId: 'refund-zzzz-0001',
        }),
      'NOT_FOUND',
      undefined,
      1,
    );
    expect(reads() - before).toBe(3);
  });

  it('malformed reference → VALIDATION', async () => {
    await refused(() => h.engine.cancel("x'; DROP TABLE payments; --"), 'VALIDATION', 'reference');
    await refused(() => h.engine.dismiss('short'), 'VALIDATION', 'reference');
  });

  it('refund of a sale that was never captured → INVALID_STATE', () =>
    refused(
      () =>
        h.engine.refund({ reference: reserved, amount: 100, reason: 'No', requestId: 'refund-nocap-0001' }),
      'INVALID_STATE',
    ));

  it('refund over the captured amount → AMOUNT_EXCEEDS_REMAINING', () =>
    refused(
      () =>
        h.engine.refund({
          reference: completed,
          amount: 5001,
          reason: 'Too much',
          requestId: 'refund-over-0001',
        }),
      'AMOUNT_EXCEEDS_REMAINING',
      'amount',
    ));

  for (const [name, amount] of amounts.slice(0, 4)) {
    it(`refund with a ${name} amount → VALIDATION`, () =>
      refused(
        () =>
          h.engine.refund({
            reference: completed,
            amount: amount as number,
            reason: 'r',
            requestId: 'refund-bad-0001',
          }),
        'VALIDATION',
        'amount',
      ));
  }

  it('refund without a reason or request id → VALIDATION', async () => {
    await refused(
      () => h.engine.refund({ reference: completed, amount: 100, reason: ' ', requestId: 'refund-r-0001' }),
      'VALIDATION',
      'reason',
    );
    await refused(
      () => h.engine.refund({ reference: completed, amount: 100, reason: 'ok', requestId: 'x' }),
      'VALIDATION',
      'requestId',
    );
  });

  it('capture more than reserved, or of a completed sale → refused', async () => {
    await refused(
      () => h.engine.capture({ reference: reserved, amount: 3001 }),
      'AMOUNT_EXCEEDS_REMAINING',
      'amount',
    );
    await refused(() => h.engine.capture({ reference: reserved, amount: 0.5 }), 'VALIDATION', 'amount');
    await refused(() => h.engine.capture({ reference: completed }), 'INVALID_STATE');
  });

  it('cancel of a finished sale, resolve with an unknown action → refused', async () => {
    await refused(() => h.engine.cancel(completed), 'INVALID_STATE');
    await refused(
      () => h.engine.resolve({ reference: reserved, action: 'maybe' as never }),
      'VALIDATION',
      'action',
    );
    await refused(() => h.engine.resolve({ reference: completed, action: 'release' }), 'INVALID_STATE');
  });

  it('bad search filters → VALIDATION', async () => {
    await refused(() => h.engine.search({ cursor: 'not-a-cursor' }), 'VALIDATION', 'cursor');
    await refused(() => h.engine.search({ phoneLast4: '12a4' }), 'VALIDATION', 'phoneLast4');
    await refused(() => h.engine.search({ from: '25.11.2026' }), 'VALIDATION', 'from');
    await refused(() => h.engine.search({ limit: 0 }), 'VALIDATION', 'limit');
    await refused(() => h.engine.search({ status: 'PAID' as never }), 'VALIDATION', 'status');
  });
});

describe('search for staff', () => {
  it('finds sales by reference fragment, amount text, status, phone digits and day', () => {
    expect(h.engine.search({ text: completed.slice(-4) }).items.map((p) => p.reference)).toContain(completed);
    expect(h.engine.search({ text: '50,00' }).items.map((p) => p.reference)).toEqual([completed]);
    expect(h.engine.search({ text: '30,00' }).items.map((p) => p.reference)).toEqual([reserved]);
    // A bare number matches the amount in whole units and reference fragments (which carry the time).
    const bare = h.engine.search({ text: '30' }).items;
    expect(bare.map((p) => p.reference)).toContain(reserved);
    for (const p of bare) expect(p.amount === 3000 || p.reference.includes('30')).toBe(true);
    expect(h.engine.search({ status: 'RESERVED' }).items.map((p) => p.reference)).toEqual([reserved]);
    expect(h.engine.search({ phoneLast4: '4567' }).items.map((p) => p.reference)).toEqual([completed]);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(h.engine.search({ from: day, to: day }).items).toHaveLength(2);
    expect(h.engine.search({ to: '2000-01-01' }).items).toHaveLength(0);
    const first = h.engine.search({ limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = h.engine.search({ limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]?.reference).not.toBe(first.items[0]?.reference);
    expect(second.nextCursor).toBeNull();
  });
});
