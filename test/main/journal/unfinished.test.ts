/**
 * The sales start-up recovery checks: every sale not in a final status — the same rows as
 * `status NOT IN (finals)`, found without reading every sale ever made.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { FINAL_SALE_STATUSES, SALE_STATUSES, type SaleStatus } from '../../../src/preload/contract';
import { paymentRow, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const STATUSES = [
  ...SALE_STATUSES,
  // Not one this build writes: still not final, so still checked.
  'SOMETHING_NEWER',
] as SaleStatus[];

it('returns every sale not in a final status, oldest first — unknown statuses included', () => {
  const file = join(tmp.dir, 'journal.db');
  const j = openJournal(file);
  j.transaction(() => {
    for (let i = 0; i < 300; i++) {
      const at = new Date(Date.parse('2026-11-01T08:00:00Z') + ((i * 7919) % 300) * 1000).toISOString();
      const status = STATUSES[i % STATUSES.length]!;
      j.payments.insert(paymentRow({ reference: `lane1-${i}`, status, createdAt: at, updatedAt: at }));
    }
  });
  const found = j.payments.unfinished(FINAL_SALE_STATUSES);
  j.close();

  const db = new Database(file, { readonly: true });
  try {
    const expected = db
      .prepare(
        'SELECT reference, created_at FROM payments WHERE status NOT IN (SELECT value FROM json_each(?)) ORDER BY created_at',
      )
      .all(JSON.stringify(FINAL_SALE_STATUSES)) as Array<{ reference: string; created_at: string }>;
    expect(found.length).toBeGreaterThan(100);
    expect(found.map((r) => r.reference).sort()).toEqual(expected.map((r) => r.reference).sort());
    expect(found.map((r) => r.createdAt)).toEqual(expected.map((r) => r.created_at));
    expect(found.every((r) => !FINAL_SALE_STATUSES.includes(r.status))).toBe(true);
    expect(found.some((r) => r.status === ('SOMETHING_NEWER' as SaleStatus))).toBe(true);
  } finally {
    db.close();
  }
});
