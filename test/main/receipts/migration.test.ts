/**
 * Migration 0150 (receipt_jobs) on a real file: a journal from before it upgrades with its sales
 * intact, a completed sale from before is picked up by the queue's catch-up, and the queue's hot
 * query (pending jobs by due time) uses the partial index.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { MIGRATIONS } from '../../../src/main/journal/migrations';
import { receiptJobsRepo } from '../../../src/main/receipts/jobs-repo';
import { insertAtOldSchema, paymentRow, tempDir } from '../journal/fixtures';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 0150 receipt-jobs', () => {
  it('upgrades an older journal without touching its sales', () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    const file = join(temp.dir, 'journal.db');
    const before = MIGRATIONS.filter((m) => m.id < 150);
    const old = openJournal(file, { migrations: before });
    const sale = insertAtOldSchema(
      old,
      paymentRow({
        status: 'COMPLETED',
        aggregate: { authorized: 14950, captured: 14950, refunded: 0, cancelled: 0 },
      }),
    );
    old.close();

    const journal = openJournal(file);
    expect(journal.schemaVersion).toBeGreaterThanOrEqual(150);
    expect(journal.payments.get(sale.reference)).toEqual(sale);
    const jobs = receiptJobsRepo(journal);
    expect(jobs.completedWithoutJob('2026-01-01T00:00:00.000Z')).toEqual([sale.reference]);
    expect(jobs.pending()).toEqual([]);
    journal.close();

    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM receipt_jobs WHERE status = 'pending' ORDER BY next_attempt_at",
      )
      .all() as Array<{ detail: string }>;
    db.close();
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/receipt_jobs_due/);
  });
});
