/**
 * Any reference, any counter (issue 13): two counters, each with its own journal file, on one
 * simulator. A sale made on counter A is looked up on counter B at Vipps (nothing journaled), and
 * acting on it adopts it into B's journal first — one row, its origin, an audit entry saying whose
 * sale it was — then the action runs with B's own intent and key, as for B's own sales.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeReference } from '../../../src/main/payments/reference';
import { receiptJobsRepo } from '../../../src/main/receipts/jobs-repo';
import { dayReportBuilder } from '../../../src/main/reports/day-report';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { APP_REFERENCE } from '../../../src/preload/contract';
import { runEngineChild } from '../../support/crash';
import {
  type EngineHarness,
  type HarnessOptions,
  startEngineHarness,
  vippsClientFor,
} from '../../support/engine-harness';
import { queueFor } from '../receipts/helpers';

const PHONE = '4791234567';
let sim: Simulator;
const open: EngineHarness[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function counter(counterId: string, options: HarnessOptions = {}): Promise<EngineHarness> {
  const h = await startEngineHarness({ sim, ...options, settings: { counterId, ...options.settings } });
  open.push(h);
  return h;
}

/** A sale on counter A that the customer approved (and A captured, unless it only reserves). */
async function saleOn(a: EngineHarness, amount: number, description = 'Jakke, str. M'): Promise<string> {
  const { reference } = await a.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE, description });
  sim.customer.approve(reference);
  const wanted = a.settings.capturePolicy === 'capture-now' ? 'COMPLETED' : 'RESERVED';
  await a.waitFor(reference, (v) => v.status === wanted);
  return reference;
}

function audit(h: EngineHarness, reference: string) {
  return h.journal.audit.forReference(reference);
}

describe('which text History looks up by itself', () => {
  it('every reference this app makes has the shape the renderer recognises (contract APP_REFERENCE)', () => {
    for (const counterId of ['lane1', 'kasse-2', 'a-very-long-counter-id-x']) {
      expect(makeReference(counterId, new Date('2026-11-30T23:59:59Z'))).toMatch(APP_REFERENCE);
    }
    expect('lane1-20261130').not.toMatch(APP_REFERENCE);
  });
});

describe('looking up another counter’s sale', () => {
  it('finds it at Vipps with its amounts, event log and origin, and journals nothing', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const reference = await saleOn(a, 49_900);

    const result = await b.engine.lookup(reference);
    expect(result.found).toBe('vipps');
    if (result.found !== 'vipps') return;
    const { payment, events, operations } = result.detail;
    expect(payment).toMatchObject({
      reference,
      amount: 49_900,
      currency: 'NOK',
      status: 'COMPLETED',
      refundable: 49_900,
      capturable: 0,
      aggregate: { authorized: 49_900, captured: 49_900, refunded: 0, cancelled: 0 },
      flow: 'PUSH_PHONE',
      description: 'Jakke, str. M',
      origin: { counterId: 'lane1', description: 'Jakke, str. M', flow: 'PUSH_PHONE', adoptedAt: null },
    });
    expect(payment.origin?.createdAt).toBe(events.find((e) => e.name === 'CREATED')?.timestamp);
    expect(events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    expect(operations).toEqual([]);
    // Read only: nothing of it in B's journal.
    expect(b.journal.payments.count()).toBe(0);
    expect(b.journal.events.forReference(reference)).toEqual([]);
    expect(audit(b, reference)).toEqual([]);
  });

  it('a sale in this journal is answered from it (own sales keep no origin)', async () => {
    const a = await counter('lane1');
    const reference = await saleOn(a, 12_000);
    const result = await a.engine.lookup(reference);
    expect(result.found).toBe('journal');
    if (result.found === 'journal') {
      expect(result.detail.payment.origin).toBeUndefined();
      expect(result.detail.operations.map((o) => o.kind)).toEqual(['create', 'capture']);
    }
  });

  it('a reference Vipps does not know (404) is answered as such; nothing is journaled, acting on it too', async () => {
    const b = await counter('lane2');
    const reference = 'lane9-20261130-101500-zzzz';
    expect(await b.engine.lookup(reference)).toEqual({ found: 'none', reference });
    await expect(
      b.engine.refund({ reference, amount: 100, reason: 'Kvittering', requestId: 'refund-404-0001' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.engine.capture({ reference })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(b.journal.payments.count()).toBe(0);
    expect(b.journal.operations.open()).toEqual([]);
    expect(audit(b, reference)).toEqual([]);
    expect(sim.requests.list().filter((r) => r.path.includes(reference) && r.method === 'POST')).toEqual([]);
  });

  it('lookups count against the per-reference read limit (120 a minute): the 121st is held back, not sent', async () => {
    const b = await counter('lane2');
    // Made straight at Vipps (no counter polled it), so every read of it in this minute is B's.
    const reference = 'till9-20261130-120000-rate';
    b.writeAhead.exempt((ref) => ref === reference);
    const maker = vippsClientFor(sim);
    await maker.createPayment(
      {
        amount: { value: 5_000, currency: 'NOK' },
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'PUSH_MESSAGE',
        customer: { phoneNumber: PHONE },
      },
      randomUUID(),
    );
    const refusedBefore = sim.rateLimited();
    for (let i = 0; i < 120; i++) expect((await b.engine.lookup(reference)).found).toBe('vipps');
    await expect(b.engine.lookup(reference)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const reads = sim.requests
      .list()
      .filter((r) => r.operation === 'getPayment' && r.path.includes(reference)).length;
    expect(reads).toBe(120);
    expect(sim.rateLimited()).toBe(refusedBefore);
    expect(b.journal.payments.count()).toBe(0);
  });
});

describe('acting on another counter’s sale adopts it first', () => {
  it('a refund on B: the sale row (adopted, with its origin), then the intent with B’s key; audited as A’s sale', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const reference = await saleOn(a, 30_000);

    const refunded = await b.engine.refund({
      reference,
      amount: 10_000,
      reason: 'Byttet i annen kasse',
      requestId: 'refund-adopt-0001',
    });
    expect(refunded).toMatchObject({ status: 'COMPLETED', shown: 'PARTLY_REFUNDED', refundable: 20_000 });
    expect(refunded.origin).toMatchObject({ counterId: 'lane1', flow: 'PUSH_PHONE' });
    expect(refunded.origin?.adoptedAt).toEqual(expect.any(String));

    const row = b.journal.payments.get(reference)!;
    expect(row).toMatchObject({ counterId: 'lane2', dismissed: true, receipt: 'none' });
    expect(row.origin?.counterId).toBe('lane1');
    const ops = b.journal.operations.forReference(reference);
    expect(ops).toMatchObject([{ kind: 'refund', amount: 10_000, status: 'succeeded' }]);
    // Vipps moved it with B's key; A's journal knows nothing of B's refund key.
    const refund = sim.ledger.forReference(reference).find((e) => e.kind === 'refund')!;
    expect(refund.idempotencyKey).toBe(ops[0]!.idempotencyKey);
    expect(a.journal.operations.byKey(ops[0]!.idempotencyKey)).toBeUndefined();
    // The event log came along; the audit says whose sale it was.
    expect(b.journal.events.forReference(reference).length).toBeGreaterThanOrEqual(3);
    const entries = audit(b, reference);
    expect(entries.map((e) => e.action).sort()).toEqual(['adopt', 'refund']);
    expect(entries.find((e) => e.action === 'adopt')?.details).toMatchObject({ adoptedFrom: 'lane1' });
    expect(entries.find((e) => e.action === 'refund')?.details).toMatchObject({
      adoptedFrom: 'lane1',
      requestId: 'refund-adopt-0001',
    });
    // B never makes it its current sale, and never sends a receipt for A's sale.
    expect(b.engine.active()).toBeNull();
    // B's day report: not B's sale, but B's refund (money moved at this counter, in the refund list).
    const now = new Date();
    const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const report = dayReportBuilder(b.journal.connection)({ date, counterId: 'lane2', now });
    expect(report.byStatus).toEqual([]);
    expect(report.money).toMatchObject([{ currency: 'NOK', refunded: 10_000, captured: 0 }]);
    expect(report.refunds.map((r) => r.reference)).toEqual([reference]);
    expect(b.writeAhead.checked.refund).toBeGreaterThan(0);
    // Counter A opening its own sale learns B's refund from Vipps: never "Paid" after a refund.
    const onA = await a.engine.get(reference);
    expect(onA.payment).toMatchObject({ shown: 'PARTLY_REFUNDED', refundable: 20_000 });
    expect(onA.payment.aggregate.refunded).toBe(10_000);
    expect(onA.operations.map((o) => o.kind)).toEqual(['create', 'capture']);
    expect(b.writeAhead.violations).toEqual([]);
  });

  it('adopting twice (or two requests at once) makes one row and one adopt entry', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const reference = await saleOn(a, 8_000);
    const results = await Promise.allSettled([
      b.engine.refund({ reference, amount: 1_000, reason: 'Feil vare', requestId: 'refund-twice-0001' }),
      b.engine.refund({ reference, amount: 1_000, reason: 'Feil vare', requestId: 'refund-twice-0002' }),
    ]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    await b.engine.refund({ reference, amount: 500, reason: 'Rabatt', requestId: 'refund-twice-0003' });
    expect(b.journal.payments.count()).toBe(1);
    expect(audit(b, reference).filter((e) => e.action === 'adopt')).toHaveLength(1);
    const succeeded = b.journal.operations.forReference(reference).filter((o) => o.status === 'succeeded');
    expect(sim.ledger.total('refund', reference)).toBe(succeeded.reduce((sum, o) => sum + o.amount!, 0));
  });

  it('a reserved sale from A is captured on B (never automatically), then A’s journal learns it from Vipps', async () => {
    const a = await counter('lane1', { settings: { capturePolicy: 'reserve-only' } });
    const b = await counter('lane2');
    const reference = await saleOn(a, 15_000);
    const found = await b.engine.lookup(reference);
    expect(found.found === 'vipps' && found.detail.payment).toMatchObject({
      status: 'RESERVED',
      capturable: 15_000,
    });
    // Looking did not adopt, and capture-now on B never captures another counter's sale by itself.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.ledger.total('capture', reference)).toBe(0);

    // B's receipt queue, wired as the app wires it: a completed sale of A's is not B's to send.
    const receipts = queueFor(b);
    receipts.start();
    const captured = await b.engine.capture({ reference });
    expect(captured).toMatchObject({ status: 'COMPLETED', capturable: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await receipts.close();
    expect(receiptJobsRepo(b.journal).get(reference)).toBeUndefined();
    expect(
      sim.requests.list().filter((r) => r.operation === 'addReceipt' && r.path.includes(reference)),
    ).toEqual([]);
    expect(sim.ledger.total('capture', reference)).toBe(15_000);
    expect(audit(b, reference).find((e) => e.action === 'capture')?.details).toMatchObject({
      adoptedFrom: 'lane1',
    });
    // Vipps is the shared truth: A's release now finds nothing left to release.
    await expect(a.engine.cancel(reference)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(a.journal.payments.get(reference)!.aggregate.captured).toBe(15_000);
  });

  it('a release on B of A’s reservation is a release (adopted, audited as A’s sale)', async () => {
    const a = await counter('lane1', { settings: { capturePolicy: 'reserve-only' } });
    const b = await counter('lane2');
    const reference = await saleOn(a, 7_000);
    expect(await b.engine.cancel(reference)).toMatchObject({ status: 'RELEASED' });
    expect(sim.ledger.total('cancel', reference)).toBe(7_000);
    expect(audit(b, reference).find((e) => e.action === 'release')?.details).toMatchObject({
      adoptedFrom: 'lane1',
    });
  });

  it('a sale still waiting for its customer on A is not B’s to act on: refused, nothing journaled', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const { reference } = await a.engine.start({ amount: 4_000, flow: 'PUSH_PHONE', phone: PHONE });
    await a.waitFor(reference, (v) => v.status === 'WAITING');
    const found = await b.engine.lookup(reference);
    expect(found.found === 'vipps' && found.detail.payment.status).toBe('WAITING');
    await expect(b.engine.cancel(reference)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(b.journal.payments.count()).toBe(0);
    expect(
      sim.requests.list().filter((r) => r.operation === 'cancelPayment' && r.path.includes(reference)),
    ).toEqual([]);
  });

  it('two counters refunding the same sale at once: two requests, two keys; Vipps never refunds more than was captured', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const c = await counter('lane3');
    const reference = await saleOn(a, 20_000);
    const ask = (h: EngineHarness, requestId: string) =>
      h.engine.refund({ reference, amount: 20_000, reason: 'Hele kjøpet', requestId });
    const results = await Promise.allSettled([ask(b, 'refund-race-b001'), ask(c, 'refund-race-c001')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'AMOUNT_EXCEEDS_REMAINING' },
    });
    expect(sim.ledger.total('refund', reference)).toBe(20_000);
    // Each counter journaled its own intent with its own key before sending it.
    const keys = [b, c].flatMap((h) =>
      h.journal.operations.forReference(reference).map((o) => o.idempotencyKey),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(b.writeAhead.violations).toEqual([]);
  });
});

describe('crash after adoption, before the refund’s request went out', () => {
  it('recovery re-sends B’s journaled refund with its key: refunded once, the sale stays adopted', async () => {
    const a = await counter('lane1');
    const reference = await saleOn(a, 25_000);
    const dir = mkdtempSync(join(tmpdir(), 'pos-adopt-crash-'));
    dirs.push(dir);
    const child = await runEngineChild({
      JOURNAL_FILE: join(dir, 'journal.db'),
      SIM_URL: sim.url,
      SCENARIO: 'adopt-refund',
      CRASH_AT: 'refund:before',
      REFERENCE: reference,
    });
    expect(child.signal, `${child.stdout}\n${child.stderr}`).toBe('SIGKILL');
    expect(sim.ledger.total('refund', reference)).toBe(0);

    const b = await counter('lane7', { dir, recover: false });
    const row = b.journal.payments.get(reference)!;
    expect(row.origin?.counterId).toBe('lane1');
    expect(b.journal.operations.open()).toMatchObject([{ kind: 'refund', status: 'pending', amount: 2000 }]);
    const [intent] = b.journal.operations.open();

    const report = await b.engine.recover();
    expect(report).toMatchObject({ checked: 1, resolved: 1 });
    expect(sim.ledger.total('refund', reference)).toBe(2000);
    const refunds = sim.ledger.forReference(reference).filter((e) => e.kind === 'refund');
    expect(refunds.map((e) => e.idempotencyKey)).toEqual([intent!.idempotencyKey]);
    expect(b.journal.payments.get(reference)).toMatchObject({
      status: 'COMPLETED',
      aggregate: { captured: 25_000, refunded: 2000 },
    });
    // The cashier pressing refund again (same dialog, same request id) is still one refund.
    await b.engine.refund({
      reference,
      amount: 2000,
      reason: 'Returned at another counter',
      requestId: 'refund-adopt-0001',
    });
    expect(sim.ledger.total('refund', reference)).toBe(2000);
    expect(b.journal.payments.count()).toBe(1);
    expect(b.writeAhead.violations).toEqual([]);
  });
});
