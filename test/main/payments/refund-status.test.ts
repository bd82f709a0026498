/**
 * Issue 10, money shown with the right meaning: a refunded sale never reads "Paid", and every amount
 * keeps the currency (and brand) it was taken in, whatever the counter's market is now.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { shownStatus } from '../../../src/main/payments/status';
import { SHOWN_STATUS_SQL } from '../../../src/main/reports/day-report-sql';
import { openStaffTools, type StaffTools } from '../../../src/main/staff/tools';
import { type PaymentView, SALE_STATUSES } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness | undefined;
let tools: StaffTools | undefined;
afterEach(async () => {
  tools?.stop();
  await h?.close();
  h = tools = undefined;
});

async function paid(harness: EngineHarness, amount: number): Promise<PaymentView> {
  const sale = await harness.engine.start({ amount, flow: 'QR' });
  harness.sim.customer.approve(sale.reference);
  const done = await harness.waitFor(sale.reference, (v) => v.status === 'COMPLETED', 'COMPLETED');
  harness.engine.dismiss(sale.reference);
  return done;
}

describe('refunded sales', () => {
  it('read partly refunded (with what is kept), then refunded; the engine state stays COMPLETED', async () => {
    h = await startEngineHarness();
    const sale = await paid(h, 10_000);
    expect(sale).toMatchObject({ status: 'COMPLETED', shown: 'COMPLETED', kept: 10_000 });

    const part = await h.engine.refund({
      reference: sale.reference,
      amount: 2_500,
      reason: 'Torn',
      requestId: 'rf-a-0001',
    });
    expect(part).toMatchObject({
      status: 'COMPLETED',
      shown: 'PARTLY_REFUNDED',
      kept: 7_500,
      refundable: 7_500,
    });

    const rest = await h.engine.refund({
      reference: sale.reference,
      amount: 7_500,
      reason: 'All',
      requestId: 'rf-a-0002',
    });
    expect(rest).toMatchObject({ status: 'COMPLETED', shown: 'REFUNDED', kept: 0, refundable: 0 });
    expect((await h.engine.get(sale.reference)).payment.shown).toBe('REFUNDED');
    expect(h.engine.search({ status: 'REFUNDED' }).items.map((p) => p.reference)).toEqual([sale.reference]);
    expect(h.engine.search({ status: 'COMPLETED' }).items).toEqual([]);
    await expect(
      h.engine.refund({ reference: sale.reference, amount: 100, reason: 'More', requestId: 'rf-a-0003' }),
    ).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('the SQL rule of the day report and History filter is the same as the view’s', () => {
    const db = new Database(':memory:');
    const sql = db.prepare(
      `SELECT ${SHOWN_STATUS_SQL} AS shown FROM (SELECT @status AS status, @captured AS captured, @refunded AS refunded)`,
    );
    for (const status of SALE_STATUSES) {
      for (const [captured, refunded] of [
        [0, 0],
        [1000, 0],
        [1000, 1],
        [1000, 999],
        [1000, 1000],
        [600, 600],
      ] as const) {
        const aggregate = { authorized: 1000, captured, refunded, cancelled: 1000 - captured };
        expect(
          (sql.get({ status, captured, refunded }) as { shown: string }).shown,
          `${status} ${captured} ${refunded}`,
        ).toBe(shownStatus(status, aggregate));
      }
    }
    db.close();
  });
});

describe('amounts keep their own currency and brand', () => {
  it('after a switch from Norway to Denmark, a NOK sale stays NOK and "from Vipps", also in the audit log', async () => {
    h = await startEngineHarness();
    const norwegian = await paid(h, 12_000);
    expect(norwegian).toMatchObject({ currency: 'NOK', brand: 'vipps' });

    h.settings.currency = 'DKK';
    const danish = await paid(h, 5_000);
    expect(danish).toMatchObject({ currency: 'DKK', brand: 'mobilepay' });
    await h.engine.refund({
      reference: norwegian.reference,
      amount: 2_000,
      reason: 'Late',
      requestId: 'rf-no-0001',
    });
    expect((await h.engine.get(norwegian.reference)).payment).toMatchObject({
      currency: 'NOK',
      brand: 'vipps',
    });

    tools = await openStaffTools({
      journal: h.journal,
      environment: 'test',
      logger: silentLogger,
      alert: () => {},
    });
    const refund = tools.staff
      .audit({ action: 'refund' })
      .items.find((e) => e.reference === norwegian.reference);
    expect(refund).toMatchObject({ amount: 2_000, currency: 'NOK' });
    const start = tools.staff.audit({ reference: danish.reference }).items.find((e) => e.amount !== null);
    expect(start?.currency).toBe('DKK');
  });
});
