/**
 * The receipt queue against the real simulator over loopback, with a real journal file: what Vipps
 * ends up holding, what the sale shows, and how retries behave across failures and restarts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiptQueue } from '../../../src/main/receipts';
import { receiptJobsRepo } from '../../../src/main/receipts/jobs-repo';
import { type EngineHarness, startEngineHarness, vippsClientFor } from '../../support/engine-harness';
import { validateRequest } from '../../support/openapi';
import { completedSale, eventually, orderAtVipps, queueFor } from './helpers';

let h: EngineHarness | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await h?.close();
  h = undefined;
});

function track<T extends { close(): Promise<void> }>(value: T): T {
  closers.push(() => value.close());
  return value;
}

describe('receipts go to the payment history after a sale completes', () => {
  it('sends the lines with exact VAT, receipt number and counter; the sale shows "sent"', async () => {
    h = await startEngineHarness();
    const queue = track(queueFor(h));
    queue.start();
    const sale = await completedSale(h, {
      amount: 8_900,
      flow: 'QR',
      description: 'Bakery lane 1',
      lines: [
        { name: 'Bun', unitPrice: 2_500, quantity: 2, taxRate: 1500 },
        { name: 'Coffee', unitPrice: 3_900, quantity: 1, taxRate: 2500 },
      ],
    });
    const view = await eventually(
      () => queue.view(sale.reference),
      (v) => v.status === 'sent',
      'sent',
    );
    expect(view).toMatchObject({
      receiptNumber: 1,
      attempts: 1,
      lastError: null,
      note: null,
      notes: [],
      canRetry: false,
    });
    expect(h.view(sale.reference).receipt).toBe('sent');
    expect(queue.pushed.at(-1)).toMatchObject({ reference: sale.reference, receipt: 'sent' });
    // Vipps holds the receipt now: the journal keeps what staff and support need, not the body.
    expect(receiptJobsRepo(h.journal).get(sale.reference)).toMatchObject({
      status: 'sent',
      body: null,
      receiptNumber: 1,
      note: null,
      sentAt: view.sentAt,
      createdAt: expect.any(String),
      updatedAt: view.sentAt,
    });

    const order = await orderAtVipps(h.sim, h.vipps, sale.reference);
    expect(order.receipt).toMatchObject({
      orderLines: [
        {
          name: 'Bun',
          totalAmount: 5_000,
          totalAmountExcludingTax: 4_348,
          totalTaxAmount: 652,
          taxRate: 1500,
        },
        {
          name: 'Coffee',
          totalAmount: 3_900,
          totalAmountExcludingTax: 3_120,
          totalTaxAmount: 780,
          taxRate: 2500,
        },
      ],
      bottomLine: { currency: 'NOK', posId: 'lane1', receiptNumber: '1' },
    });
    // What we sent is a valid Order Management addReceipt request.
    await expect(
      validateRequest('order-management', {
        method: 'POST',
        path: `/order-management/v2/ECOM/receipts/${sale.reference}`,
        headers: {
          authorization: 'Bearer x',
          'ocp-apim-subscription-key': 'k',
          'merchant-serial-number': '123456',
          'content-type': 'application/json',
        },
        body: order.receipt,
      }),
    ).resolves.toBeTruthy();
  });

  it('numbers receipts per counter and sends one line with the amount at the shop rate when there are no lines', async () => {
    h = await startEngineHarness({ settings: { vatRate: 1500 } });
    const queue = track(queueFor(h));
    queue.start();
    const first = await completedSale(h, { amount: 1_000, flow: 'QR', description: 'Flowers' });
    await eventually(
      () => queue.view(first.reference),
      (v) => v.status === 'sent',
      'first sent',
    );
    h.engine.dismiss(first.reference);
    const second = await completedSale(h, { amount: 2_000, flow: 'QR', description: 'More flowers' });
    await eventually(
      () => queue.view(second.reference),
      (v) => v.status === 'sent',
      'second sent',
    );
    expect(queue.view(second.reference).receiptNumber).toBe(2);
    const order = await orderAtVipps(h.sim, h.vipps, second.reference);
    expect(order.receipt).toMatchObject({
      // 20.00 at 15 %: 2000 × 15 / 115 = 260.87 → 261 øre.
      orderLines: [{ name: 'More flowers', totalAmount: 2_000, totalTaxAmount: 261, taxRate: 1500 }],
    });
  });

  it('treats 409 on the first attempt as "a receipt exists" and says so', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const queue = track(queueFor(h));
    queue.start();
    const started = await h.engine.start({ amount: 3_000, flow: 'QR', description: 'Pre-receipted' });
    h.sim.customer.approve(started.reference);
    await h.waitFor(started.reference, (v) => v.status === 'RESERVED', 'RESERVED');
    // Someone (e.g. the payment's create request) put a receipt there first.
    await h.vipps.addReceipt(started.reference, {
      orderLines: [
        {
          name: 'Other',
          id: 'x',
          totalAmount: 3_000,
          totalAmountExcludingTax: 3_000,
          totalTaxAmount: 0,
          taxRate: 0,
        },
      ],
      bottomLine: { currency: 'NOK' },
    });
    // Not this counter's receipt: the write-ahead witness sees it has no job, which is the point here.
    expect(h.writeAhead.violations).toEqual([expect.stringMatching(/no receipt job committed/)]);
    h.writeAhead.violations.length = 0;
    await h.engine.capture({ reference: started.reference });
    const view = await eventually(
      () => queue.view(started.reference),
      (v) => v.status === 'sent',
      'sent',
    );
    expect(view.attempts).toBe(1);
    expect(view.note).toMatch(/already had a receipt/);
    expect(view.notes).toEqual(['already-there']);
    expect(h.view(started.reference).receipt).toBe('sent');
    expect(await orderAtVipps(h.sim, h.vipps, started.reference)).toMatchObject({
      receipt: { orderLines: [{ name: 'Other' }] },
    });
  });
});

describe('retries', () => {
  it('retries after a 503 with backoff and resumes after a restart on the same journal', async () => {
    h = await startEngineHarness();
    const fault = h.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'addReceipt' } });
    // The client itself gives up after one request, so the queue's own retry is what is tested.
    const oneShot = vippsClientFor(h.sim, { maxAttempts: 1, maxTotalMs: 2000 });
    const first = queueFor(h, oneShot, 60_000);
    first.start();
    const sale = await completedSale(h, { amount: 4_200, flow: 'QR', description: 'Retry me' });
    const pending = await eventually(
      () => first.view(sale.reference),
      (v) => v.attempts >= 1 && v.lastError !== null,
      'first failure',
    );
    expect(pending).toMatchObject({ status: 'pending', lastError: { code: 'UPSTREAM' } });
    expect(pending.nextAttemptAt).not.toBeNull();
    expect(h.view(sale.reference).receipt).toBe('pending');
    await first.close();

    // "Restart": a new queue on the same file, Vipps healthy again, the retry due now.
    fault.remove();
    const again = track(
      createReceiptQueue({ journal: h.journal, vipps: h.vipps, now: () => new Date(Date.now() + 120_000) }),
    );
    again.start();
    const sent = await eventually(
      () => again.view(sale.reference),
      (v) => v.status === 'sent',
      'sent after restart',
    );
    expect(sent.attempts).toBe(2);
    expect(
      h.sim.requests
        .list()
        .filter((r) => r.operation === 'addReceipt')
        .map((r) => r.outcome),
    ).toEqual([503, 201]);
  });

  it('a lost answer followed by 409 counts as our own receipt, never as a second one', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'addReceipt' }, times: 1 });
    const oneShot = vippsClientFor(h.sim, { maxAttempts: 1, maxTotalMs: 2000 }, 500);
    const queue = track(queueFor(h, oneShot));
    queue.start();
    const sale = await completedSale(h, { amount: 5_500, flow: 'QR', description: 'Lost answer' });
    const view = await eventually(
      () => queue.view(sale.reference),
      (v) => v.status === 'sent',
      'sent',
    );
    expect(view.attempts).toBe(2);
    expect(view.note).toMatch(/earlier attempt reached Vipps/);
    expect(view.notes).toEqual(['already-ours']);
    expect(
      h.sim.requests
        .list()
        .filter((r) => r.operation === 'addReceipt')
        .map((r) => r.outcome),
    ).toEqual(['lost-response', 409]);
  });

  it('keeps the body until the receipt is sent: the retry after a lost answer sends the same receipt', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({ kind: 'lost-response', match: { operation: 'addReceipt' }, times: 1 });
    const oneShot = vippsClientFor(h.sim, { maxAttempts: 1, maxTotalMs: 2000 }, 500);
    const first = queueFor(h, oneShot, 60_000);
    first.start();
    const sale = await completedSale(h, { amount: 3_300, flow: 'QR', description: 'Lost, then resent' });
    await eventually(
      () => first.view(sale.reference),
      (v) => v.attempts === 1 && v.lastError !== null,
      'lost answer',
    );
    await first.close();
    const jobs = receiptJobsRepo(h.journal);
    const waiting = jobs.get(sale.reference)!;
    expect(waiting).toMatchObject({ status: 'pending', maybeApplied: true });
    expect(waiting.body).not.toBeNull();
    const body = JSON.parse(waiting.body!);
    expect(body).toMatchObject({ bottomLine: { receiptNumber: '1' } });

    const again = track(
      createReceiptQueue({ journal: h.journal, vipps: oneShot, now: () => new Date(Date.now() + 120_000) }),
    );
    again.start();
    const sent = await eventually(
      () => again.view(sale.reference),
      (v) => v.status === 'sent',
      'sent',
    );
    expect(sent).toMatchObject({
      attempts: 2,
      receiptNumber: 1,
      note: expect.stringMatching(/earlier attempt/),
    });
    expect(jobs.get(sale.reference)).toMatchObject({ status: 'sent', body: null, receiptNumber: 1 });
    expect(await orderAtVipps(h.sim, h.vipps, sale.reference)).toMatchObject({ receipt: body });
  });

  it('does not send lines that cannot be a receipt; staff can send them as one line instead', async () => {
    h = await startEngineHarness();
    const queue = track(queueFor(h));
    queue.start();
    const bad = await h.engine.start({ amount: 1_500, flow: 'QR', description: 'Bad lines' });
    // As if journaled before the start checks existed: a line name longer than a receipt allows.
    const badRow = h.journal.payments.get(bad.reference)!;
    h.journal.payments.save({ ...badRow, lines: [{ name: 'y'.repeat(150), unitPrice: 1_500, quantity: 1 }] });
    h.sim.customer.approve(bad.reference);
    await h.waitFor(bad.reference, (v) => v.status === 'COMPLETED', 'COMPLETED');
    const failed = await eventually(
      () => queue.view(bad.reference),
      (v) => v.status === 'failed',
      'failed',
    );
    expect(failed).toMatchObject({ attempts: 0, canRetry: true, lastError: { code: 'VALIDATION' } });
    expect(failed.lastError?.message).toMatch(/longer than 100 characters/);
    expect(h.view(bad.reference).receipt).toBe('failed');
    const receiptsBefore = h.sim.requests.count('addReceipt');

    const retried = queue.retry(bad.reference);
    expect(retried.status).toBe('pending');
    const sent = await eventually(
      () => queue.view(bad.reference),
      (v) => v.status === 'sent',
      'sent',
    );
    expect(sent.note).toMatch(/one line/);
    expect(sent.notes).toEqual(['one-line']);
    expect(h.sim.requests.count('addReceipt')).toBe(receiptsBefore + 1);
    expect(await orderAtVipps(h.sim, h.vipps, bad.reference)).toMatchObject({
      receipt: { orderLines: [{ name: 'Bad lines', totalAmount: 1_500 }] },
    });
    expect(() => queue.retry(bad.reference)).toThrow(/Only a receipt that could not be sent/);
  });
});

describe('a crash in the middle of an attempt', () => {
  it('the attempt that was on the wire counts as maybe delivered: a 409 afterwards is our own receipt', async () => {
    h = await startEngineHarness();
    // The app dies right after sending: the job is journaled as in flight and Vipps has the receipt.
    h.sim.faults.add({ kind: 'drop', match: { operation: 'addReceipt' } });
    const oneShot = vippsClientFor(h.sim, { maxAttempts: 1, maxTotalMs: 2000 });
    const crashed = queueFor(h, oneShot, 60_000);
    crashed.start();
    const sale = await completedSale(h, { amount: 2_500, flow: 'QR', description: 'Crash' });
    await eventually(
      () => crashed.view(sale.reference),
      (v) => v.attempts === 1 && v.lastError !== null,
      'attempt',
    );
    await crashed.close();
    const jobs = receiptJobsRepo(h.journal);
    const job = jobs.get(sale.reference)!;
    jobs.save({
      ...job,
      inFlight: true,
      maybeApplied: false,
      lastError: null,
      nextAttemptAt: new Date(0).toISOString(),
    });
    h.sim.faults.clear();
    const body = JSON.parse(job.body!);
    await h.vipps.addReceipt(sale.reference, body);

    const restarted = track(createReceiptQueue({ journal: h.journal, vipps: h.vipps }));
    restarted.start();
    const sent = await eventually(
      () => restarted.view(sale.reference),
      (v) => v.status === 'sent',
      'sent',
    );
    expect(sent.note).toMatch(/earlier attempt reached Vipps/);
    expect(await orderAtVipps(h.sim, h.vipps, sale.reference)).toMatchObject({ receipt: body });
  });
});
