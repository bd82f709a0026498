/**
 * Report API: the app's client against the simulator's settlement ledger, over loopback. Every
 * request and answer is also held to report-api-2.0.yaml by the run-wide traffic check
 * (test/setup/spec-traffic.ts); here each exchange is validated against the spec directly as well.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportEntry, ReportTopic } from '../../../src/main/vipps';
import { validateRequest, validateResponse } from '../../support/openapi';
import {
  capturedSale,
  HOUR,
  reference,
  type SettlementRig,
  startSettlementRig,
} from '../../support/settlement';

let rig: SettlementRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function allFeed(r: SettlementRig, ledgerId: string, topic: ReportTopic): Promise<ReportEntry[]> {
  const out: ReportEntry[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await r.report.feed(ledgerId, topic, cursor);
    out.push(...page.items);
    if (page.tryLater) return out;
    cursor = page.cursor ?? undefined;
  }
  throw new Error('feed never ended');
}

describe('Report API client and simulator', () => {
  it('lists the ledger that settles for the sales unit', async () => {
    rig = await startSettlementRig();
    const page = await rig.report.ledgers();
    expect(page.items).toEqual([
      expect.objectContaining({
        ledgerId: '302321',
        currency: 'NOK',
        settlesForRecipientHandles: ['api:123456'],
      }),
    ]);
    expect(page.cursor).toBeNull();
  });

  it('answers 404 until the ledger date closes, then captures, refunds, fees and the payout to the øre', async () => {
    rig = await startSettlementRig({ feeBasisPoints: 175, feeFixed: 0 });
    const a = await capturedSale(rig, 10_000);
    const b = await capturedSale(rig, 25_000, { refund: 5_000 });
    expect(await rig.report.ledgerDate('302321', 'funds', '2026-03-02')).toBeNull();

    rig.sim.clock.advance(15 * HOUR); // 01:00 on the 3rd in Oslo
    const funds = await rig.report.ledgerDate('302321', 'funds', '2026-03-02');
    const fees = await rig.report.ledgerDate('302321', 'fees', '2026-03-02');
    expect(funds?.hasMore).toBe(false);
    const rows = (funds?.items ?? []).map((e) => [e.entryType, e.reference ?? null, e.amount]);
    const feeA = 175; // 1.75 % of 100.00
    const feeB = 438; // 1.75 % of 250.00 = 437.5, rounded
    expect(rows).toEqual([
      ['capture', a, 10_000],
      ['capture', b, 25_000],
      ['refund', b, -5_000],
      ['fees-retained', null, -(feeA + feeB)],
      ['scheduled-for-payout', null, -(10_000 + 25_000 - 5_000 - feeA - feeB)],
    ]);
    // Balances run on from entry to entry and end at zero after the payout.
    const items = funds?.items ?? [];
    items.forEach((e, i) => {
      expect(e.balanceAfter).toBe(e.balanceBefore + e.amount);
      if (i > 0) expect(e.balanceBefore).toBe(items[i - 1]?.balanceAfter);
      expect(e.ledgerDate).toBe('2026-03-02');
    });
    expect(items.at(-1)?.balanceAfter).toBe(0);
    // A capture and its fee share the pspReference, which is the capture event's.
    const captureA = items.find((e) => e.reference === a && e.entryType === 'capture');
    const events = await rig.vipps.getEvents(a);
    expect(events.find((e) => e.name === 'CAPTURED')?.pspReference).toBe(captureA?.pspReference);
    expect(
      fees?.items.map((e) => [e.entryType, e.amount, e.pspReference === captureA?.pspReference]),
    ).toEqual([
      ['capture-fee', feeA, true],
      ['capture-fee', feeB, false],
      ['fees-retained', -(feeA + feeB), false],
    ]);
  });

  it('books by the cut-off hour: with 04:00, a capture at 02:30 belongs to the day before', async () => {
    rig = await startSettlementRig({ cutoffHour: 4 }, { at: Date.parse('2026-03-03T01:30:00.000Z') });
    const late = await capturedSale(rig, 4_200);
    rig.sim.clock.advance(2 * HOUR); // 04:30 local: the 2nd is closed
    const day = await rig.report.ledgerDate('302321', 'funds', '2026-03-02');
    expect(day?.items.find((e) => e.entryType === 'capture')?.reference).toBe(late);
    expect(await rig.report.ledgerDate('302321', 'funds', '2026-03-03')).toBeNull();
  });

  it('pages the feed with a cursor, ends with tryLater and picks up new entries from the same cursor', async () => {
    rig = await startSettlementRig({ pageSize: 2 });
    for (const amount of [1_000, 2_000, 3_000]) await capturedSale(rig, amount);
    const first = await allFeed(rig, '302321', 'funds');
    expect(first.map((e) => e.amount)).toEqual([1_000, 2_000, 3_000]);

    let cursor: string | undefined;
    for (;;) {
      const page = await rig.report.feed('302321', 'funds', cursor);
      cursor = page.cursor ?? undefined;
      if (page.tryLater) break;
    }
    await capturedSale(rig, 4_000);
    const next = await rig.report.feed('302321', 'funds', cursor);
    expect(next.items.map((e) => e.amount)).toEqual([4_000]);
    expect(next.tryLater).toBe(false);
  });

  it('pages a closed date with hasMore and a cursor', async () => {
    rig = await startSettlementRig({ pageSize: 2 });
    for (let i = 0; i < 5; i++) await capturedSale(rig, 1_000 + i);
    rig.sim.clock.advance(24 * HOUR);
    const seen: ReportEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await rig.report.ledgerDate('302321', 'funds', '2026-03-02', cursor);
      seen.push(...(page?.items ?? []));
      cursor = page?.hasMore ? (page.cursor ?? undefined) : undefined;
    } while (cursor);
    expect(seen.map((e) => e.entryType)).toEqual([
      ...Array(5).fill('capture'),
      'fees-retained',
      'scheduled-for-payout',
    ]);
  });

  it('lists movements booked outside the app (a Vippsnummer on the same ledger)', async () => {
    rig = await startSettlementRig();
    rig.sim.settlement.bookOutside({
      currency: 'NOK',
      kind: 'capture',
      amount: 7_700,
      reference: 'vippsnummer-1',
      recipientHandle: 'NO:555111',
    });
    const feed = await allFeed(rig, '302321', 'funds');
    expect(feed).toEqual([
      expect.objectContaining({ reference: 'vippsnummer-1', recipientHandle: 'NO:555111' }),
    ]);
  });

  it('refuses bad input before sending, and types the errors Vipps answers', async () => {
    rig = await startSettlementRig();
    const before = rig.sim.requests.list().length;
    await expect(rig.report.ledgerDate('302321', 'funds', '2.3.2026')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(rig.report.feed('302321', 'sales' as ReportTopic)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(rig.report.feed('a b', 'funds')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(rig.sim.requests.list().length).toBe(before);
    await expect(rig.report.feed('999999', 'funds')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rig.report.feed('302321', 'funds', 'not-a-cursor')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it("reads the Report API's own 401 and 500 bodies into typed errors with Vipps' code and context id", async () => {
    rig = await startSettlementRig();
    rig.sim.faults.add({ kind: 'status', status: 500, match: { operation: 'getLedgers' }, times: 10 });
    const server = await rig.report.ledgers().catch((e: unknown) => e);
    expect(server).toMatchObject({ code: 'UPSTREAM', status: 500, vippsErrorCode: '100001' });
    expect((server as { traceId?: string }).traceId).toMatch(/^[0-9a-f-]{36}$/);
    rig.sim.faults.clear();
    rig.sim.faults.add({ kind: 'status', status: 401, match: { operation: 'getLedgers' }, times: 10 });
    const unauthorized = await rig.report.ledgers().catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ code: 'AUTH', status: 401 });
    expect((unauthorized as { problem?: object }).problem).toMatchObject({
      detail: 'Injected fault: the service did not process the request.',
    });
  });

  it('retries server errors and rate limits with the same request, and renews an expired token', async () => {
    rig = await startSettlementRig();
    await capturedSale(rig, 1_500);
    rig.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getReportFeed' }, times: 2 });
    rig.sim.faults.add({
      kind: 'rate-limit',
      retryAfterSeconds: 1,
      match: { operation: 'getReportFeed' },
      times: 1,
    });
    const page = await rig.report.feed('302321', 'funds');
    expect(page.items).toHaveLength(1);
    rig.sim.clock.advance(2 * HOUR); // the simulator's token lives one hour
    const again = await rig.report.feed('302321', 'funds');
    expect(again.items).toHaveLength(1);
  });

  it('sends requests the spec allows and gets answers the spec allows', async () => {
    rig = await startSettlementRig({ pageSize: 1 });
    const seen: Array<{
      method: string;
      path: string;
      query: Record<string, string>;
      headers: Record<string, string>;
      status?: number;
      body?: unknown;
    }> = [];
    rig.sim.observe({
      request: (req) =>
        seen.push({
          method: req.method,
          path: req.path,
          query: Object.fromEntries(req.query),
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        }),
      reply: (req, reply) => {
        const x = seen.findLast((s) => s.path === req.path);
        if (x) Object.assign(x, { status: reply.status, body: reply.body });
      },
    });
    await capturedSale(rig, 2_000);
    await capturedSale(rig, 3_000);
    await rig.report.ledgers();
    await rig.report.feed('302321', 'funds');
    const page = await rig.report.feed('302321', 'fees');
    await rig.report.feed('302321', 'fees', page.cursor ?? undefined);
    await rig.report.ledgerDate('302321', 'funds', '2026-03-02');
    rig.sim.clock.advance(24 * HOUR);
    await rig.report.ledgerDate('302321', 'funds', '2026-03-02');
    const reportCalls = seen.filter((x) => /^\/(report|settlement)\//.test(x.path));
    expect(reportCalls.length).toBeGreaterThanOrEqual(6);
    const ids = new Set<string>();
    for (const x of reportCalls) {
      const id = await validateRequest('report', x);
      ids.add(id);
      expect(x.headers['merchant-serial-number']).toBeUndefined();
      expect(x.headers['vipps-system-name']).toBe('vipps-counter');
      // 401: the simulator's one-hour token lapsed when the clock moved a day; the client renews it.
      if (x.status === 200 || x.status === 401) await validateResponse('report', id, x.status, x.body);
      else expect(x.status).toBe(404);
    }
    expect([...ids].sort()).toEqual(['getLedgers', 'getReportByDate', 'getReportFeed']);
  });
});

describe('simulator settlement', () => {
  it('never books an idempotent replay twice', async () => {
    rig = await startSettlementRig();
    const ref = reference();
    await rig.vipps.createPayment(
      {
        amount: { value: 9_900, currency: 'NOK' },
        paymentMethod: { type: 'WALLET' },
        customer: { phoneNumber: '4791234567' },
        reference: ref,
        userFlow: 'PUSH_MESSAGE',
      },
      'create-key-1',
    );
    rig.sim.customer.approve(ref);
    await rig.vipps.capturePayment(ref, { value: 9_900, currency: 'NOK' }, 'capture-key-1');
    await rig.vipps.capturePayment(ref, { value: 9_900, currency: 'NOK' }, 'capture-key-1');
    const funds = rig.sim.settlement.entries('302321', 'funds');
    expect(funds.filter((e) => e.reference === ref)).toHaveLength(1);
  });
});
