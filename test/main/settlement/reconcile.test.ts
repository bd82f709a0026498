/**
 * Reconciliation of ledger dates against the journal, on the simulator's settlement ledger: what
 * this counter's journal made is matched, other counters' and outside sales are listed as such,
 * journal movements missing from the ledger are flagged after the grace period, and a generated
 * month agrees with the simulator's ledger to the øre, fees and payouts included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Journal, type JournalConnection, openJournal } from '../../../src/main/journal';
import { silentLogger } from '../../../src/main/log';
import { createReconciler } from '../../../src/main/settlement/reconcile';
import { createSettlementService, type SettlementService } from '../../../src/main/settlement/service';
import { settlementStore } from '../../../src/main/settlement/store';
import type { SettlementDayView } from '../../../src/preload/contract';
import {
  capturedSale,
  HOUR,
  journalSale,
  type SettlementRig,
  startSettlementRig,
  T0,
  ZONE,
} from '../../support/settlement';

const LEDGER = '302321';
const DAY = 24 * HOUR;
let rig: SettlementRig | undefined;
let journal: Journal | undefined;
let service: SettlementService | undefined;
let dir: string | undefined;

afterEach(async () => {
  await service?.stop();
  journal?.close();
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rig = journal = service = dir = undefined;
});

function serviceFor(r: SettlementRig, environment: 'production' | 'training' | 'test' = 'training') {
  dir = mkdtempSync(join(tmpdir(), 'settlement-'));
  journal = openJournal(join(dir, 'journal.sqlite'));
  service = createSettlementService({
    journal,
    environment,
    client: environment === 'test' ? null : r.report,
    currency: () => 'NOK',
    logger: silentLogger,
    rule: { timeZone: ZONE, cutoffHour: 0 },
    now: () => r.sim.clock.now(),
    sync: { probeEveryMs: 0 },
  });
  return { journal, service };
}

const check = (view: SettlementDayView, name: string) => view.checks.find((c) => c.name === name);

/** The journal's connection, counting every statement run through it. */
function countingConnection(j: Journal): { connection: JournalConnection; runs: () => number } {
  let runs = 0;
  const connection: JournalConnection = {
    prepare: ((sql: string) => {
      const statement = j.connection.prepare(sql);
      return new Proxy(statement, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate') runs += 1;
            const result = value.apply(target, args);
            return result === target ? receiver : result;
          };
        },
      });
    }) as JournalConnection['prepare'],
    transaction: j.connection.transaction,
  };
  return { connection, runs: () => runs };
}

describe('settlement reconciliation', () => {
  it('matches this journal, lists other counters and outside sales, and agrees once the date is closed', async () => {
    rig = await startSettlementRig();
    const { journal: j, service: s } = serviceFor(rig);
    const mine = [
      await capturedSale(rig, 10_000),
      await capturedSale(rig, 24_900, { refund: 4_900 }),
      await capturedSale(rig, 5_000, { capture: 3_000 }),
    ];
    for (const ref of mine) journalSale(j, rig.sim, ref, 'lane1');
    const theirs = await capturedSale(rig, 7_000); // another counter on the same sales unit
    rig.sim.settlement.bookOutside({
      currency: 'NOK',
      kind: 'capture',
      amount: 1_234,
      reference: 'vippsnummer-77',
      recipientHandle: 'NO:555111',
    });

    await s.syncNow();
    const open = s.day({ ledgerDate: '2026-03-02' });
    expect(open).toMatchObject({ availability: 'training', ledgerId: LEDGER, closed: false, agrees: false });
    expect(open.funds.filter((e) => e.match === 'matched')).toHaveLength(4);

    rig.sim.clock.advance(DAY);
    await s.syncNow();
    const view = s.day({ ledgerDate: '2026-03-02' });
    expect(view.closed).toBe(true);
    const byRef = (ref: string) =>
      view.funds.filter((e) => e.reference === ref).map((e) => [e.entryType, e.match, e.counterId]);
    expect(byRef(mine[1] as string)).toEqual([
      ['capture', 'matched', 'lane1'],
      ['refund', 'matched', 'lane1'],
    ]);
    expect(byRef(theirs)).toEqual([['capture', 'other-counter', null]]);
    expect(byRef('vippsnummer-77')).toEqual([['capture', 'outside-app', null]]);

    // The simulator's own figures for the date, to the øre.
    const funds = rig.sim.settlement.dateReport(LEDGER, 'funds', '2026-03-02') ?? [];
    const fees = rig.sim.settlement.dateReport(LEDGER, 'fees', '2026-03-02') ?? [];
    const total = (type: string) =>
      funds.filter((e) => e.entryType === type).reduce((a, e) => a + e.amount, 0);
    expect(view.totals).toMatchObject({
      captures: 10_000 + 24_900 + 3_000 + 7_000 + 1_234,
      refunds: -4_900,
      feesRetained: total('fees-retained'),
      feesCharged: fees.filter((e) => e.entryType === 'capture-fee').reduce((a, e) => a + e.amount, 0),
      payout: total('scheduled-for-payout'),
      matchedLedger: 10_000 + 24_900 - 4_900 + 3_000,
      matchedJournal: 10_000 + 24_900 - 4_900 + 3_000,
      elsewhere: 7_000 + 1_234,
      closing: 0,
    });
    expect(view.fees.map((e) => e.entryType)).toEqual([...Array(5).fill('capture-fee'), 'fees-retained']);
    expect(view.checks.every((c) => c.ok)).toBe(true);
    expect(view.unsettled).toEqual([]);
    expect(view.agrees).toBe(true);
  });

  it('flags a journal movement the ledger never booked, once the grace period has passed', async () => {
    rig = await startSettlementRig();
    const { journal: j, service: s } = serviceFor(rig);
    const ref = await capturedSale(rig, 8_000);
    journalSale(j, rig.sim, ref, 'lane1');
    // The journal says a refund succeeded that Vipps never made (a hand-edited or foreign journal).
    const ghost = await capturedSale(rig, 2_000);
    journalSale(j, rig.sim, ghost, 'lane1');
    const ghostCapture = rig.sim.settlement.entries(LEDGER, 'funds').find((e) => e.reference === ghost);
    j.connection
      .prepare(
        `INSERT INTO operations (id, reference, kind, idempotency_key, amount, status, attempts, created_at, updated_at)
         VALUES ('ghost-refund', ?, 'refund', 'ghost-key', 500, 'succeeded', 1, ?, ?)`,
      )
      .run(ghost, ghostCapture?.time, ghostCapture?.time);
    rig.sim.clock.advance(DAY);
    await s.syncNow();
    const soon = s.day({ ledgerDate: '2026-03-02' });
    expect(soon.unsettled).toEqual([
      expect.objectContaining({ reference: ghost, kind: 'refund', amount: 500, state: 'waiting' }),
    ]);
    expect(check(soon, 'journal')?.ok).toBe(true);

    rig.sim.clock.advance(2 * DAY);
    const late = s.day({ ledgerDate: '2026-03-02' });
    expect(late.unsettled[0]?.state).toBe('overdue');
    expect(check(late, 'journal')).toMatchObject({ ok: false, actual: 1 });
    expect(late.agrees).toBe(false);
  });

  it('marks an entry whose sale is in the journal but not with that amount as a mismatch', async () => {
    rig = await startSettlementRig();
    const { journal: j, service: s } = serviceFor(rig);
    const ref = await capturedSale(rig, 6_000);
    journalSale(j, rig.sim, ref, 'lane1');
    // The journal lost the capture's event log and holds a different amount for it.
    j.connection.prepare("DELETE FROM vipps_events WHERE reference = ? AND name = 'CAPTURED'").run(ref);
    j.connection
      .prepare("UPDATE operations SET amount = 5999 WHERE reference = ? AND kind = 'capture'")
      .run(ref);
    rig.sim.clock.advance(DAY);
    await s.syncNow();
    const view = s.day({ ledgerDate: '2026-03-02' });
    expect(view.funds.find((e) => e.reference === ref)?.match).toBe('mismatch');
    expect(check(view, 'entries')).toMatchObject({ ok: false, actual: 1 });
    expect(view.agrees).toBe(false);
  });

  it('reconciles a date in a fixed number of journal queries, however many entries are not this journal’s', async () => {
    rig = await startSettlementRig();
    const { journal: j, service: s } = serviceFor(rig);
    journalSale(j, rig.sim, await capturedSale(rig, 10_000, { refund: 1_000 }), 'lane1');
    for (let i = 0; i < 2; i++) await capturedSale(rig, 2_000 + i); // other counters, day one
    rig.sim.clock.advance(DAY);
    journalSale(j, rig.sim, await capturedSale(rig, 20_000), 'lane2');
    for (let i = 0; i < 12; i++) await capturedSale(rig, 3_000 + i); // other counters, day two
    rig.sim.clock.advance(DAY);
    await s.syncNow();

    const counted = countingConnection(j);
    const reconcile = createReconciler(counted.connection, settlementStore(counted.connection), {
      rule: { timeZone: ZONE, cutoffHour: 0 },
      graceMs: 48 * HOUR,
    });
    const queriesFor = (date: string) => {
      const before = counted.runs();
      const day = reconcile(LEDGER, date, rig?.sim.clock.now() ?? 0);
      return { day, queries: counted.runs() - before };
    };
    const one = queriesFor('2026-03-02');
    const two = queriesFor('2026-03-03');
    expect(one.day.funds.filter((e) => e.match === 'other-counter')).toHaveLength(2);
    expect(two.day.funds.filter((e) => e.match === 'other-counter')).toHaveLength(12);
    expect([one.day.agrees, two.day.agrees]).toEqual([true, true]);
    // The other counters' references are looked up all at once, not one query (or two) each.
    expect(two.queries).toBe(one.queries);
    expect(two.queries).toBeLessThanOrEqual(10);
  });

  it('flags a date whose entries sum to the closing balance but do not chain from one to the next', () => {
    dir = mkdtempSync(join(tmpdir(), 'settlement-'));
    journal = openJournal(join(dir, 'journal.sqlite'));
    const store = settlementStore(journal.connection);
    store.saveLedgers([{ ledgerId: LEDGER, currency: 'NOK', settlesForRecipientHandles: ['api:1'] }], '');
    const entry = (n: number, amount: number, balanceBefore: number, balanceAfter: number) => ({
      pspReference: `psp-${n}`,
      time: '2026-03-02T10:00:00.000Z',
      ledgerDate: '2026-03-02',
      entryType: 'fees-retained',
      reference: null,
      currency: 'NOK',
      amount,
      balanceBefore,
      balanceAfter,
      recipientHandle: null,
    });
    const reconcile = createReconciler(journal.connection, store, {
      rule: { timeZone: ZONE, cutoffHour: 0 },
      graceMs: 48 * HOUR,
    });
    const balanceOf = (date: string, rows: ReturnType<typeof entry>[]) => {
      store.saveClosedDate(
        LEDGER,
        date,
        { funds: rows.map((e) => ({ ...e, ledgerDate: date })), fees: [] },
        '',
      );
      return reconcile(LEDGER, date, 0).checks.find((c) => c.name === 'balance');
    };
    // Each time two compensating faults: the sums agree, only the chain shows them.
    // An entry starts 10 above where the one before ended, the next 10 below.
    expect(
      balanceOf('2026-03-02', [entry(1, -100, 1_000, 900), entry(2, -10, 910, 900), entry(3, -20, 890, 870)]),
    ).toMatchObject({ ok: false, expected: 870, actual: 870 });
    // An entry ends 10 off its own amount, the next 10 off the other way.
    expect(
      balanceOf('2026-03-03', [entry(4, -100, 1_000, 910), entry(5, -10, 910, 890), entry(6, -20, 890, 870)]),
    ).toMatchObject({ ok: false, expected: 870, actual: 870 });
    expect(
      balanceOf('2026-03-04', [entry(7, -100, 1_000, 900), entry(8, -10, 900, 890), entry(9, -20, 890, 870)]),
    ).toMatchObject({ ok: true });
  });

  it('in the test environment says there is no Report API and calls nothing', async () => {
    rig = await startSettlementRig();
    const { service: s } = serviceFor(rig, 'test');
    s.start();
    const before = rig.sim.requests.list().length;
    const view = s.day({ ledgerDate: '2026-03-02' });
    expect(view).toMatchObject({ availability: 'no-test-api', ledgerId: null, funds: [], agrees: false });
    await expect(s.syncNow()).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    expect(rig.sim.requests.list().length).toBe(before);
    expect(() => s.day({ ledgerDate: '2026-02-30' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('exports the date as CSV in the day report style', async () => {
    rig = await startSettlementRig();
    const { journal: j, service: s } = serviceFor(rig);
    const ref = await capturedSale(rig, 12_345, { refund: 345 });
    journalSale(j, rig.sim, ref, 'lane1');
    rig.sim.clock.advance(DAY);
    await s.syncNow();
    const file = await s.dayCsv({ ledgerDate: '2026-03-02' });
    expect(file.filename).toBe(`settlement-${LEDGER}-2026-03-02.csv`);
    const csv = Buffer.from(file.content?.base64 ?? '', 'base64').toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,item,reference,psp_reference,currency,amount_minor,amount,detail,at');
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^funds,capture,${ref},\\d+,NOK,12345,123.45,matched:lane1,`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^funds,refund,${ref},\\d+,NOK,-345,-3.45,matched:lane1,`)),
    );
    expect(lines).toContain('check,agrees,,,NOK,0,0.00,ledger 302321 date 2026-03-02,');
  });

  it('agrees with the simulator’s ledger to the øre for a generated month, fees and payouts included', async () => {
    rig = await startSettlementRig({ pageSize: 100, feeBasisPoints: 175, feeFixed: 100 });
    const { journal: j, service: s } = serviceFor(rig);
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const dates: string[] = [];
    for (let day = 0; day < 30; day++) {
      // Each day's trade starts at 10:00 in Oslo.
      rig.sim.clock.advance(Math.max(0, T0 + day * DAY - rig.sim.clock.now()));
      const date = new Date(Date.UTC(2026, 2, 2 + day)).toISOString().slice(0, 10);
      dates.push(date);
      const sales = 3 + Math.floor(random() * 4);
      for (let i = 0; i < sales; i++) {
        const amount = 100 + Math.floor(random() * 50_000);
        const refund = random() < 0.15 ? 1 + Math.floor(random() * amount) : 0;
        const ref = await capturedSale(rig, amount, refund ? { refund } : {});
        // One sale in twenty is another counter's: at Vipps, not in this journal.
        if (random() >= 0.05) journalSale(j, rig.sim, ref, i % 2 ? 'lane1' : 'lane2');
        rig.sim.clock.advance(Math.floor(random() * HOUR));
      }
      if (day % 7 === 3) {
        rig.sim.settlement.bookOutside({
          currency: 'NOK',
          kind: 'capture',
          amount: 999,
          reference: `vn-${day}`,
          recipientHandle: 'NO:555111',
        });
      }
    }
    rig.sim.clock.advance(DAY); // the last date closes too
    await s.syncNow();
    let payouts = 0;
    let fees = 0;
    for (const date of dates) {
      const view = s.day({ ledgerDate: date });
      const funds = rig.sim.settlement.dateReport(LEDGER, 'funds', date) ?? [];
      const feeRows = rig.sim.settlement.dateReport(LEDGER, 'fees', date) ?? [];
      const sum = (type: string) =>
        funds.filter((e) => e.entryType === type).reduce((a, e) => a + e.amount, 0);
      expect(view.closed).toBe(true);
      expect(view.funds).toHaveLength(funds.length);
      expect(view.totals).toMatchObject({
        captures: sum('capture'),
        refunds: sum('refund'),
        feesRetained: sum('fees-retained'),
        feesCharged: feeRows.filter((e) => e.entryType === 'capture-fee').reduce((a, e) => a + e.amount, 0),
        payout: sum('scheduled-for-payout'),
        opening: funds[0]?.balanceBefore ?? null,
        closing: funds.at(-1)?.balanceAfter ?? null,
      });
      const elsewhere = funds
        .filter(
          (e) =>
            (e.entryType === 'capture' || e.entryType === 'refund') && !j.payments.get(e.reference ?? ''),
        )
        .reduce((a, e) => a + e.amount, 0);
      expect(view.totals.elsewhere).toBe(elsewhere);
      expect(view.totals.matchedLedger).toBe(sum('capture') + sum('refund') - elsewhere);
      expect(view.checks.filter((c) => !c.ok)).toEqual([]);
      expect(view.agrees).toBe(true);
      payouts += view.totals.payout;
      fees += view.totals.feesRetained;
    }
    const all = rig.sim.settlement.entries(LEDGER, 'funds');
    expect(payouts).toBe(
      all.filter((e) => e.entryType === 'scheduled-for-payout').reduce((a, e) => a + e.amount, 0),
    );
    expect(fees).toBe(all.filter((e) => e.entryType === 'fees-retained').reduce((a, e) => a + e.amount, 0));
    expect(payouts).toBeLessThan(0);
  }, 60_000);
});
