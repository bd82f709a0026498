/**
 * The proof checks itself: the write-ahead witness and the money oracle are run on the real engine
 * (they must pass) and on deliberately broken variants of it (they must fail, naming the bug).
 * The variants are injected through what the engine is given; src is never edited.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReceipt } from '../../../src/main/receipts/build';
import { createReceiptQueue, type ReceiptQueue } from '../../../src/main/receipts/queue';
import type { OperationKind } from '../../../src/preload/contract';
import { type EngineHarness, type EngineVariant, startEngineHarness } from '../../support/engine-harness';
import { type AskBook, createAskBook, saleDescription } from '../../support/reliability/asks';
import { compareWithLedger } from '../../support/reliability/ledger-check';
import { refundEverything, sendBeforeCommit } from '../../support/reliability/mutants';

const PHONE = '4791234567';
let h: EngineHarness | undefined;
let queue: ReceiptQueue | undefined;
afterEach(async () => {
  await queue?.close();
  queue = undefined;
  await h?.close();
  h = undefined;
});

async function harness(variant?: EngineVariant, broken = Boolean(variant)): Promise<EngineHarness> {
  h = await startEngineHarness({ ...(variant ? { variant } : {}), brokenOnPurpose: broken });
  return h;
}

/** A sale asked for, approved and captured on approval (capture-now). */
async function completedSale(e: EngineHarness, asks: AskBook, amount: number): Promise<string> {
  const ask = asks.record({ kind: 'sale', amount, reference: null, requestId: null });
  const { reference } = await e.engine.start({
    amount,
    flow: 'PUSH_PHONE',
    phone: PHONE,
    description: saleDescription(ask),
  });
  e.sim.customer.approve(reference);
  await e.waitFor(reference, (v) => v.status === 'COMPLETED', 'COMPLETED');
  return reference;
}

async function refund(e: EngineHarness, asks: AskBook, reference: string, amount: number, requestId: string) {
  asks.record({ kind: 'refund', amount, reference, requestId });
  await e.engine.refund({ reference, amount, reason: 'Returned goods', requestId });
}

/** Every money path once: create, capture (on approval), refund, and a cancelled second sale. */
async function everyPath(e: EngineHarness, asks: AskBook): Promise<void> {
  const sold = await completedSale(e, asks, 1000);
  await refund(e, asks, sold, 300, 'refund-0001');
  const ask = asks.record({ kind: 'sale', amount: 2500, reference: null, requestId: null });
  const { reference } = await e.engine.start({
    amount: 2500,
    flow: 'PUSH_PHONE',
    phone: PHONE,
    description: saleDescription(ask),
  });
  asks.record({ kind: 'cancel', amount: null, reference, requestId: null });
  await e.engine.cancel(reference);
  await e.waitFor(reference, (v) => v.status === 'CANCELLED', 'CANCELLED');
}

describe('write-ahead order, witnessed at the simulator through its own SQLite connection', () => {
  it('the real engine: every create, capture, refund and cancel finds its intent committed first', async () => {
    const e = await harness();
    const asks = createAskBook();
    await everyPath(e, asks);
    expect(e.writeAhead.checked).toMatchObject({ create: 2, capture: 1, refund: 1, cancel: 1 });
    expect(e.writeAhead.violations).toEqual([]);
    const agreement = compareWithLedger(e.sim, [e.file], { asks: asks.list() });
    expect([agreement.lost, agreement.wrongMoney, agreement.statusDisagrees, agreement.mismatched]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect(agreement).toMatchObject({ moneyMovements: 3, approvals: 1 });
  });

  it.each<OperationKind>(['create', 'capture', 'refund', 'cancel'])(
    'a %s sent before its intent is committed is caught',
    async (kind) => {
      const e = await harness(sendBeforeCommit([kind]));
      await everyPath(e, createAskBook());
      expect(e.writeAhead.violations.length).toBeGreaterThan(0);
      expect(e.writeAhead.violations.every((v) => v.startsWith(`${kind} `))).toBe(true);
      expect(e.writeAhead.violations[0]).toMatch(/not committed in any journal/);
    },
  );

  /** The receipt queue as the app runs it: a job per completed sale, made when the sale completes. */
  function receipts(e: EngineHarness, sendFirst: boolean): ReceiptQueue {
    const q = createReceiptQueue({ journal: e.journal, vipps: e.vipps, backoff: { baseDelayMs: 10 } });
    e.engine.on('payment', (view) => {
      if (view.status !== 'COMPLETED' || view.receipt !== 'none') return;
      if (!sendFirst) {
        setImmediate(() => q.enqueue(view.reference));
        return;
      }
      // The broken variant: sends the receipt straight away, and makes the job once Vipps has it.
      const built = buildReceipt({
        lines: view.lines,
        amount: view.aggregate.captured,
        description: view.description,
        currency: view.currency,
        counterId: 'lane1',
        receiptNumber: 1,
        vatRate: 2500,
      });
      if (built.ok)
        void e.vipps.addReceipt(view.reference, built.receipt).then(() => q.enqueue(view.reference));
    });
    q.start();
    return q;
  }

  it.each([
    ['the real queue: the job (with the very body) is committed before the receipt is sent', false],
    ['a receipt sent before its job is committed is caught', true],
  ])('%s', async (_name, sendFirst) => {
    const e = await harness(undefined, sendFirst);
    queue = receipts(e, sendFirst);
    const reference = await completedSale(e, createAskBook(), 1000);
    await e.waitFor(reference, (v) => v.receipt === 'sent', 'receipt sent');
    expect(e.writeAhead.checked.receipt).toBeGreaterThan(0);
    if (sendFirst)
      expect(e.writeAhead.violations).toEqual([expect.stringMatching(/^receipt .*no receipt job committed/)]);
    else expect(e.writeAhead.violations).toEqual([]);
  });
});

describe('the money oracle', () => {
  it('catches a refund that sends "everything still refundable" instead of the amount asked', async () => {
    const e = await harness(refundEverything);
    const asks = createAskBook();
    const reference = await completedSale(e, asks, 1000);
    await refund(e, asks, reference, 300, 'refund-0001');
    const agreement = compareWithLedger(e.sim, [e.file], { asks: asks.list() });
    // What the old, key-only oracle looked at is all clean: the bug hid there.
    expect([agreement.lost, agreement.duplicates, agreement.mismatched, agreement.unsettled]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect(agreement.wrongMoney).toEqual(
      expect.arrayContaining([
        `${reference} refund moved 1000; its intent says 300`,
        `${reference} refund 1000: refunded, the cashier asked 300`,
        `${reference} refund intents add up to 300, Vipps holds 1000`,
      ]),
    );
  });

  it('catches a refund sent before its intent is committed (the witness half of the oracle)', async () => {
    const e = await harness(sendBeforeCommit(['refund']));
    const asks = createAskBook();
    const reference = await completedSale(e, asks, 1000);
    await refund(e, asks, reference, 300, 'refund-0001');
    const agreement = compareWithLedger(e.sim, [e.file], { asks: asks.list() });
    // Without a crash in between, the ledger alone cannot tell: the witness does.
    expect([agreement.lost, agreement.wrongMoney, agreement.mismatched]).toEqual([[], [], []]);
    expect(e.writeAhead.violations).toEqual([
      expect.stringMatching(/^refund .*not committed in any journal/),
    ]);
  });

  it('catches a sale created for another amount than the cashier asked, and money no one asked for', async () => {
    const e = await harness();
    const asks = createAskBook();
    const ask = asks.record({ kind: 'sale', amount: 1000, reference: null, requestId: null });
    const { reference } = await e.engine.start({
      amount: 1200,
      flow: 'PUSH_PHONE',
      phone: PHONE,
      description: saleDescription(ask),
    });
    e.sim.customer.approve(reference);
    await e.waitFor(reference, (v) => v.status === 'COMPLETED');
    const unasked = await e.engine.start({ amount: 500, flow: 'PUSH_PHONE', phone: PHONE });
    await e.engine.cancel(unasked.reference);
    await e.waitFor(unasked.reference, (v) => v.status === 'CANCELLED');
    const { wrongMoney } = compareWithLedger(e.sim, [e.file], { asks: asks.list() });
    expect(wrongMoney).toEqual(
      expect.arrayContaining([
        `${reference} created for 1200, the cashier asked 1000`,
        `${reference} authorize 1200: approved, the cashier asked 1000`,
        `${reference} capture 1200: captured, the cashier asked 1000`,
        `${unasked.reference} at Vipps, but no cashier asked for this sale`,
        `${unasked.reference} cancel 500: no cashier asked for this sale`,
      ]),
    );
  });

  it('catches a POS status that Vipps contradicts: a captured sale shown released, held money without a reason', async () => {
    const e = await harness();
    const asks = createAskBook();
    const captured = await completedSale(e, asks, 1000);
    const ask = asks.record({ kind: 'sale', amount: 700, reference: null, requestId: null });
    const held = await e.engine.start({
      amount: 700,
      flow: 'PUSH_PHONE',
      phone: PHONE,
      description: saleDescription(ask),
    });
    await e.shutdown();
    e.sim.customer.approve(held.reference);
    const db = new Database(e.file);
    db.prepare("UPDATE payments SET status = 'RELEASED' WHERE reference = ?").run(captured);
    db.prepare(
      "UPDATE payments SET status = 'RESERVED', attention = NULL, vipps_state = 'AUTHORIZED', authorized = 700 WHERE reference = ?",
    ).run(held.reference);
    db.close();
    const { statusDisagrees } = compareWithLedger(e.sim, [e.file], { asks: asks.list() });
    expect(statusDisagrees).toEqual([
      expect.stringContaining(`${captured} shown RELEASED, Vipps AUTHORIZED`),
      expect.stringContaining(`${held.reference} shown RESERVED, Vipps AUTHORIZED`),
    ]);
  });
});
