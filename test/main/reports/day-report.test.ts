import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { dayReportCsv } from '../../../src/main/reports/csv';
import { localDate } from '../../../src/main/reports/local-day';
import { COUNTER_ACTOR } from '../../../src/main/staff/actor';
import { openStaffTools, type StaffTools } from '../../../src/main/staff/tools';
import type { PaymentView } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness | undefined;
let tools: StaffTools | undefined;
afterEach(async () => {
  tools?.stop();
  await h?.close();
  h = tools = undefined;
});

async function paid(harness: EngineHarness, amount: number, until: PaymentView['status'] = 'COMPLETED') {
  const sale = await harness.engine.start({ amount, flow: 'QR' });
  harness.sim.customer.approve(sale.reference);
  return harness.waitFor(sale.reference, (v) => v.status === until, until);
}

describe('day report (engine + simulator + SQLite journal)', () => {
  it('counts sales per status, totals money per currency, lists refunds and highlights open items', async () => {
    let loseRefunds = false;
    h = await startEngineHarness({
      hooks: {
        // Once the refund intent is journaled, Vipps stops answering about this sale: its outcome stays unknown.
        beforeSend: (op) => {
          if (!loseRefunds || op.kind !== 'refund') return;
          for (const operation of ['refundPayment', 'getPayment', 'getPaymentEventLog'] as const) {
            h!.sim.faults.add({ kind: 'drop', match: { operation, path: new RegExp(op.reference) } });
          }
        },
      },
    });
    const a = await paid(h, 10_000);
    await h.engine.refund({
      reference: a.reference,
      amount: 2_500,
      reason: '=HYPERLINK("http://x"), "torn"',
      requestId: 'refund-a-000001',
    });
    const b = await h.engine.start({ amount: 5_000, flow: 'QR' });
    h.sim.customer.reject(b.reference);
    await h.waitFor(b.reference, (v) => v.status === 'REJECTED');

    h.settings.counterId = 'lane2';
    await paid(h, 700);
    h.settings.counterId = 'lane1';

    // A refund whose answer never comes back and which cannot be checked: its outcome stays unknown.
    const e = await paid(h, 1_200);
    loseRefunds = true;
    await h.engine
      .refund({ reference: e.reference, amount: 1_200, reason: 'Wrong item', requestId: 'refund-e-000001' })
      .catch(() => {});
    loseRefunds = false;
    // Leaving a sale whose outcome is unknown frees the counter; the engine keeps checking it.
    h.engine.dismiss(e.reference);

    h.settings.capturePolicy = 'reserve-only';
    const c = await paid(h, 3_000, 'RESERVED');

    tools = await openStaffTools({
      journal: h.journal,
      environment: 'test',
      logger: silentLogger,
      alert: () => {},
    });
    const date = localDate(new Date(a.createdAt));
    const report = tools.dayReport(date, 'lane1');

    const count = (status: string) => report.byStatus.find((s) => s.status === status);
    // A was refunded in part: it counts as partly refunded (with what was kept), never as paid.
    expect(count('COMPLETED')).toBeUndefined();
    expect(count('PARTLY_REFUNDED')).toMatchObject({
      currency: 'NOK',
      count: 1,
      amount: 10_000,
      kept: 7_500,
    });
    // E shows "checking with Vipps" while its refund's outcome is unknown.
    expect(count('UNKNOWN')).toMatchObject({ count: 1, amount: 1_200 });
    expect(count('REJECTED')).toMatchObject({ count: 1, amount: 5_000 });
    expect(count('RESERVED')).toMatchObject({ count: 1, amount: 3_000 });
    expect(report.byStatus.reduce((n, s) => n + s.count, 0)).toBe(4);

    expect(report.money).toEqual([
      { currency: 'NOK', captured: 11_200, refunded: 2_500, net: 8_700, captures: 2, refunds: 1 },
    ]);
    expect(report.refunds.map((r) => [r.reference, r.amount, r.status])).toEqual([
      [a.reference, 2_500, 'succeeded'],
      [e.reference, 1_200, expect.stringMatching(/^(unknown|pending)$/)],
    ]);
    expect(report.openItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reference: e.reference, kind: expect.stringMatching(/^operation-/) }),
        expect.objectContaining({ reference: c.reference, kind: 'reservation-uncaptured', amount: 3_000 }),
      ]),
    );

    const all = tools.dayReport(date, '*');
    expect(all.money[0]).toMatchObject({ captured: 11_900, captures: 3 });
    expect(tools.dayReport('2020-01-01', 'lane1')).toMatchObject({ byStatus: [], money: [], refunds: [] });

    const csv = dayReportCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,item,reference,currency,count,amount_minor,amount,detail,at');
    expect(lines).toContain('money,net,,NOK,,8700,87.00,,');
    expect(lines).toContain('sales,PARTLY_REFUNDED,,NOK,1,10000,100.00,,');
    // RFC 4180 quoting, and the formula is defused.
    const refundLine = lines.find((l) => l.startsWith(`refund,succeeded,${a.reference}`))!;
    expect(refundLine).toContain(`"'=HYPERLINK(""http://x""), ""torn"""`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\n').every((l, i, arr) => i === arr.length - 1 || l.endsWith('\r'))).toBe(true);

    const exported = await tools.exportDayCsv(date, 'lane1', COUNTER_ACTOR);
    expect(exported).toMatchObject({
      filename: `day-report-lane1-${date}.csv`,
      savedTo: null,
      cancelled: false,
    });
    expect(Buffer.from(exported.content!.base64, 'base64').toString('utf8')).toBe(csv);
    expect(tools.staff.audit({ action: 'report-export' }).items).toHaveLength(1);
  });

  it('counts refunded sales as refunded, consistent with the money moved (issue 10)', async () => {
    h = await startEngineHarness();
    const sales = [];
    for (const amount of [10_000, 12_000, 20_000, 14_650]) {
      const sale = await paid(h, amount);
      h.engine.dismiss(sale.reference);
      sales.push(sale);
    }
    const [full, part, twice] = sales as [PaymentView, PaymentView, PaymentView, PaymentView];
    await h.engine.refund({
      reference: full.reference,
      amount: 10_000,
      reason: 'Returned',
      requestId: 'rf-full-0001',
    });
    await h.engine.refund({
      reference: part.reference,
      amount: 2_000,
      reason: 'Broken',
      requestId: 'rf-part-0001',
    });
    await h.engine.refund({
      reference: twice.reference,
      amount: 5_000,
      reason: 'One',
      requestId: 'rf-twice-001',
    });
    await h.engine.refund({
      reference: twice.reference,
      amount: 15_000,
      reason: 'Rest',
      requestId: 'rf-twice-002',
    });
    tools = await openStaffTools({
      journal: h.journal,
      environment: 'test',
      logger: silentLogger,
      alert: () => {},
    });
    const report = tools.dayReport(localDate(new Date(full.createdAt)), 'lane1');

    expect(report.byStatus.map((s) => [s.status, s.count, s.amount, s.kept])).toEqual([
      ['COMPLETED', 1, 14_650, 14_650],
      ['PARTLY_REFUNDED', 1, 12_000, 10_000],
      ['REFUNDED', 2, 30_000, 0],
    ]);
    const kept = report.byStatus.reduce((sum, s) => sum + s.kept, 0);
    expect(report.money).toEqual([
      { currency: 'NOK', captured: 56_650, refunded: 32_000, net: 24_650, captures: 4, refunds: 4 },
    ]);
    expect(kept).toBe(report.money[0]!.net);
  });

  it('refuses a date that does not exist', async () => {
    h = await startEngineHarness();
    tools = await openStaffTools({
      journal: h.journal,
      environment: 'test',
      logger: silentLogger,
      alert: () => {},
    });
    expect(() => tools!.dayReport('2026-02-30', 'lane1')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
