/**
 * Settlement reconciliation at a busy shop's size (issue 13): a month of the Vipps ledger — every
 * NOK capture and refund the generated journal confirmed in the last 30 ledger dates, 5 % more from
 * other counters, a fee per capture, fees retained and the payout each date — stored as the sync
 * stores it, then reconciled date by date against the journal. Targets: the month within 2 s, one
 * date within 100 ms, a process doing it within 150 MB.
 */
import { spawnSync } from 'node:child_process';
import { openJournal } from '../../src/main/journal';
import { ledgerDateOf, ledgerDateRange, localTimeZone, nextDate } from '../../src/main/settlement/ledger-day';
import { createReconciler } from '../../src/main/settlement/reconcile';
import { settlementStore } from '../../src/main/settlement/store';
import type { ReportEntry } from '../../src/main/vipps';
import { percentile, type Row } from './stats';

const LEDGER = '302321';
const HANDLE = 'api:123456';
const DAYS = 30;
const rule = { timeZone: localTimeZone(), cutoffHour: 0 };

/** The last DAYS whole ledger dates before today. */
export function monthDates(now: number): string[] {
  let date = ledgerDateOf(now - DAYS * 86_400_000, rule);
  const dates: string[] = [];
  for (let i = 0; i < DAYS; i++) {
    dates.push(date);
    date = nextDate(date);
  }
  return dates;
}

interface Seeded {
  funds: number;
  fees: number;
  otherCounters: number;
}

/** Writes the month's ledger into the journal's settlement tables, as the sync leaves them. */
export function seedLedger(file: string, dates: readonly string[]): Seeded {
  const journal = openJournal(file);
  try {
    const store = settlementStore(journal.connection);
    const moves = journal.connection.prepare(`
      SELECT o.reference AS reference, o.kind AS kind, o.amount AS amount, o.updated_at AS at,
        (SELECT e.psp_reference FROM vipps_events e WHERE e.reference = o.reference
          AND e.idempotency_key = o.idempotency_key LIMIT 1) AS psp
      FROM operations o JOIN payments p ON p.reference = o.reference
      WHERE o.kind IN ('capture', 'refund') AND o.status = 'succeeded' AND p.currency = 'NOK'
        AND o.updated_at >= ? AND o.updated_at < ? ORDER BY o.updated_at`);
    const at = new Date().toISOString();
    store.saveLedgers([{ ledgerId: LEDGER, currency: 'NOK', settlesForRecipientHandles: [HANDLE] }], at);
    let balance = 0;
    let feeBalance = 0;
    let psp = 9_000_000_000;
    const seeded: Seeded = { funds: 0, fees: 0, otherCounters: 0 };
    for (const date of dates) {
      const { start, end } = ledgerDateRange(date, rule);
      const rows = moves.all(new Date(start).toISOString(), new Date(end).toISOString()) as Array<{
        reference: string;
        kind: 'capture' | 'refund';
        amount: number;
        at: string;
        psp: string | null;
      }>;
      const funds: ReportEntry[] = [];
      const fees: ReportEntry[] = [];
      let dayFees = 0;
      const entry = (type: string, amount: number, time: string, reference: string | null, id: string) => {
        const e: ReportEntry = {
          pspReference: id,
          time,
          ledgerDate: date,
          entryType: type,
          reference,
          currency: 'NOK',
          amount,
          balanceBefore: balance,
          balanceAfter: balance + amount,
          recipientHandle: HANDLE,
        };
        balance += amount;
        funds.push(e);
        if (type === 'capture') {
          const fee = Math.round((amount * 175) / 10_000);
          fees.push({
            ...e,
            entryType: 'capture-fee',
            amount: fee,
            balanceBefore: feeBalance,
            balanceAfter: feeBalance + fee,
          });
          feeBalance += fee;
          dayFees += fee;
        }
      };
      rows.forEach((m, i) => {
        entry(m.kind, m.kind === 'capture' ? m.amount : -m.amount, m.at, m.reference, m.psp ?? String(++psp));
        // Every twentieth movement is followed by one from another counter of the shop.
        if (i % 19 === 0) {
          entry('capture', 1_000 + (i % 50_000), m.at, `till9-${date}-${i}`, String(++psp));
          seeded.otherCounters += 1;
        }
      });
      const close = new Date(end).toISOString();
      if (dayFees > 0) {
        entry('fees-retained', -dayFees, close, null, String(++psp));
        const last = fees.at(-1);
        fees.push({
          ...(last as ReportEntry),
          entryType: 'fees-retained',
          amount: -dayFees,
          reference: null,
          balanceBefore: feeBalance,
          balanceAfter: feeBalance - dayFees,
          pspReference: String(psp),
          time: close,
        });
        feeBalance -= dayFees;
      }
      if (balance > 0) entry('scheduled-for-payout', -balance, close, null, String(++psp));
      store.savePage(LEDGER, 'funds', funds, null, at);
      store.savePage(LEDGER, 'fees', fees, null, at);
      store.saveClosedDate(LEDGER, date, { funds: [], fees: [] }, at);
      seeded.funds += funds.length;
      seeded.fees += fees.length;
    }
    return seeded;
  } finally {
    journal.close();
  }
}

interface MonthRun {
  monthMs: number;
  dayMs: number[];
  agreed: number;
  matched: number;
  elsewhere: number;
}

/** Reconciles every date of the month in a fresh connection, as the staff view would one by one. */
export function reconcileMonth(file: string, dates: readonly string[]): MonthRun {
  const journal = openJournal(file);
  try {
    const store = settlementStore(journal.connection);
    const reconcile = createReconciler(journal.connection, store, { rule, graceMs: 48 * 3_600_000 });
    const dayMs: number[] = [];
    let agreed = 0;
    let matched = 0;
    let elsewhere = 0;
    const t0 = performance.now();
    for (const date of dates) {
      const t = performance.now();
      const day = reconcile(LEDGER, date, Date.now());
      dayMs.push(performance.now() - t);
      if (day.agrees) agreed += 1;
      for (const e of day.funds) {
        if (e.match === 'matched') matched += 1;
        else if (e.match === 'other-counter' || e.match === 'outside-app') elsewhere += 1;
      }
    }
    return { monthMs: performance.now() - t0, dayMs, agreed, matched, elsewhere };
  } finally {
    journal.close();
  }
}

export function settlementBench(options: {
  file: string;
  count: number;
  /** The probe's own bundle (./settlement-probe.ts): a process with only the reconcile path loaded. */
  probeBundle: string;
  log: (line: string) => void;
}): { rows: Row[]; details: object } {
  const dates = monthDates(Date.now());
  const seeded = seedLedger(options.file, dates);
  options.log(
    `  seeded ${seeded.funds.toLocaleString('en')} funds entries (${seeded.otherCounters.toLocaleString('en')} from other counters) and ${seeded.fees.toLocaleString('en')} fee entries over ${dates.length} ledger dates`,
  );
  const run = reconcileMonth(options.file, dates);
  options.log(
    `  ${run.agreed}/${dates.length} dates agree to the øre; ${run.matched} entries matched, ${run.elsewhere} elsewhere`,
  );
  const probe = spawnSync(process.execPath, [options.probeBundle, options.file, JSON.stringify(dates)], {
    encoding: 'utf8',
  });
  const rss = JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}') as { maxRssMb?: number };
  const section = `settlement ${seeded.funds.toLocaleString('en')} entries / ${options.count.toLocaleString('en')}-sale journal`;
  return {
    rows: [
      {
        section,
        metric: 'reconcile the month (30 ledger dates)',
        value: run.monthMs,
        unit: 'ms',
        target: 2000,
      },
      {
        section,
        metric: 'reconcile one ledger date p95',
        value: percentile(run.dayMs, 95),
        unit: 'ms',
        target: 100,
      },
      {
        section,
        metric: 'peak RSS of a process reconciling the month',
        value: rss.maxRssMb ?? Number.NaN,
        unit: 'MB',
        target: 150,
      },
    ],
    details: {
      ...seeded,
      dates: dates.length,
      agreed: run.agreed,
      matched: run.matched,
      elsewhere: run.elsewhere,
      dayP50: percentile(run.dayMs, 50),
      rss,
    },
  };
}
