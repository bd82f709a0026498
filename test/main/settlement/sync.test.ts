/**
 * The feed sync against the simulator's settlement ledger: restart-safe (the cursor in the journal
 * moves with its page), and under the payment suites' injected faults (errors, dropped connections,
 * lost answers, rate limits, latency) it loses and duplicates no entry: the journal ends with
 * exactly the simulator's entries, counts and sums alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { silentLogger } from '../../../src/main/log';
import { settlementStore } from '../../../src/main/settlement/store';
import { createSettlementSync } from '../../../src/main/settlement/sync';
import type { SettlementTopic } from '../../../src/main/simulator';
import { capturedSale, HOUR, type SettlementRig, startSettlementRig, ZONE } from '../../support/settlement';

const LEDGER = '302321';
let rig: SettlementRig | undefined;
let journal: Journal | undefined;
let dir: string | undefined;

afterEach(async () => {
  journal?.close();
  journal = undefined;
  await rig?.close();
  rig = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function openFresh(): Journal {
  dir ??= mkdtempSync(join(tmpdir(), 'settlement-sync-'));
  return openJournal(join(dir, 'journal.sqlite'));
}

function syncFor(r: SettlementRig, j: Journal, extra: { maxPagesPerRound?: number } = {}) {
  return createSettlementSync({
    client: r.report,
    store: settlementStore(j.connection),
    rule: { timeZone: ZONE, cutoffHour: 0 },
    logger: silentLogger,
    now: () => r.sim.clock.now(),
    probeEveryMs: 0,
    ...extra,
  });
}

/** What the journal holds for a topic, in a comparable form. */
function journalRows(j: Journal, topic: SettlementTopic): string[] {
  return (
    j.connection
      .prepare(
        `SELECT psp_reference || '|' || entry_type || '|' || amount || '|' || balance_after || '|' || ledger_date AS k
         FROM settlement_entries WHERE ledger_id = ? AND topic = ? ORDER BY id`,
      )
      .all(LEDGER, topic) as Array<{ k: string }>
  ).map((r) => r.k);
}

function simRows(r: SettlementRig, topic: SettlementTopic): string[] {
  return r.sim.settlement
    .entries(LEDGER, topic)
    .map((e) => `${e.pspReference}|${e.entryType}|${e.amount}|${e.balanceAfter}|${e.ledgerDate}`);
}

const sum = (rows: string[]) => rows.reduce((s, k) => s + Number(k.split('|')[2]), 0);

/** Three ledger dates of trade: sales, part refunds, one movement outside the app. */
async function threeDays(r: SettlementRig): Promise<void> {
  for (let day = 0; day < 3; day++) {
    for (let i = 0; i < 7; i++) {
      await capturedSale(r, 1_000 + day * 100 + i * 37, i % 3 === 0 ? { refund: 500 } : {});
    }
    r.sim.settlement.bookOutside({
      currency: 'NOK',
      kind: 'capture',
      amount: 12_345,
      reference: `vippsnummer-${day}`,
      recipientHandle: 'NO:555111',
    });
    r.sim.clock.advance(24 * HOUR);
  }
}

describe('settlement sync', () => {
  it('stores every entry once and knows which dates are closed', async () => {
    rig = await startSettlementRig({ pageSize: 5 });
    journal = openFresh();
    await threeDays(rig);
    const sync = syncFor(rig, journal);
    const added = await sync.runOnce();
    for (const topic of ['funds', 'fees'] as const)
      expect(journalRows(journal, topic)).toEqual(simRows(rig, topic));
    expect(added).toBe(simRows(rig, 'funds').length + simRows(rig, 'fees').length);
    expect(await sync.runOnce()).toBe(0);
    const store = settlementStore(journal.connection);
    expect(store.dates(LEDGER)).toEqual(['2026-03-04', '2026-03-03', '2026-03-02']);
    expect(['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => store.isClosed(LEDGER, d))).toEqual([
      true,
      true,
      true,
    ]);
    expect(store.ledgers()).toEqual([{ ledgerId: LEDGER, currency: 'NOK', handles: ['api:123456'] }]);
  });

  it('goes on from the stored cursor after a restart, without skipping or repeating', async () => {
    rig = await startSettlementRig({ pageSize: 3 });
    journal = openFresh();
    await threeDays(rig);
    await syncFor(rig, journal, { maxPagesPerRound: 2 }).runOnce();
    const partial = journalRows(journal, 'funds').length;
    expect(partial).toBeGreaterThan(0);
    // The app stops and starts again: a new connection to the same file, a new sync.
    const file = journal.file;
    journal.close();
    journal = openJournal(file);
    const requestsBefore = rig.sim.requests.count('getReportFeed');
    await syncFor(rig, journal, { maxPagesPerRound: 1_000 }).runOnce();
    for (const topic of ['funds', 'fees'] as const)
      expect(journalRows(journal, topic)).toEqual(simRows(rig, topic));
    // It did not read the feed from the start again: the two pages per topic it had were not asked
    // for twice; each topic ends with one empty "try later" page.
    const pages = (topic: SettlementTopic) =>
      Math.ceil(simRows(rig as SettlementRig, topic).length / 3) - 2 + 1;
    expect(rig.sim.requests.count('getReportFeed') - requestsBefore).toBe(pages('funds') + pages('fees'));
  });

  it('loses and duplicates no entry under injected faults (counts and sums against the simulator)', async () => {
    rig = await startSettlementRig({ pageSize: 4 }, { faultSeed: 13 });
    journal = openFresh();
    const report = { path: /^\/(report|settlement)\// };
    const faults = [
      rig.sim.faults.add({ kind: 'status', status: 503, match: report, probability: 0.15 }),
      rig.sim.faults.add({ kind: 'status', status: 500, match: report, probability: 0.1 }),
      rig.sim.faults.add({ kind: 'drop', match: report, probability: 0.1 }),
      rig.sim.faults.add({ kind: 'lost-response', match: report, probability: 0.1 }),
      rig.sim.faults.add({ kind: 'rate-limit', match: report, retryAfterSeconds: 1, probability: 0.1 }),
      rig.sim.faults.add({ kind: 'latency', ms: 5, match: report, probability: 0.2 }),
    ];
    const sync = syncFor(rig, journal);
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 6; i++) await capturedSale(rig, 2_000 + i * 111, i === 2 ? { refund: 700 } : {});
      // A round in the middle of the day, and one after the date closed.
      for (const advance of [6 * HOUR, 18 * HOUR]) {
        await sync.runOnce().catch(() => {});
        rig.sim.clock.advance(advance);
      }
    }
    for (let i = 0; i < 20; i++) await sync.runOnce().catch(() => {});
    for (const f of faults) f.remove();
    await sync.runOnce();
    expect(faults.reduce((n, f) => n + f.fired(), 0)).toBeGreaterThan(10);
    for (const topic of ['funds', 'fees'] as const) {
      const mine = journalRows(journal, topic);
      const theirs = simRows(rig, topic);
      expect(mine.length).toBe(theirs.length);
      expect(new Set(mine).size).toBe(mine.length);
      expect(sum(mine)).toBe(sum(theirs));
      expect([...mine].sort()).toEqual([...theirs].sort());
    }
  });

  it('backs off after failures and reports them in its status', async () => {
    rig = await startSettlementRig();
    journal = openFresh();
    rig.sim.faults.add({ kind: 'status', status: 503, match: { path: /^\/settlement\// } });
    const sync = syncFor(rig, journal);
    await expect(sync.runOnce()).rejects.toMatchObject({ code: 'UPSTREAM' });
    expect(sync.status()).toMatchObject({ failures: 1, lastErrorCode: 'UPSTREAM', lastSuccessAt: null });
  });
});
