import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { DAY_REPORT_SQL } from '../../../src/main/reports/day-report-sql';

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-plan-'));
  const file = join(dir, 'journal.sqlite');
  openJournal(file).close();
  db = new Database(file);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string): string[] {
  const params: Record<string, unknown> = {};
  if (sql.includes('@counter')) params.counter = 'lane1';
  if (sql.includes('@from')) params.from = '2026-11-24T23:00:00.000Z';
  if (sql.includes('@to')) params.to = '2026-11-25T23:00:00.000Z';
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map(
    (r) => r.detail,
  );
}

/** The index each query must be answered from (the journal and migration 0100 create them). */
const EXPECTED_INDEX: Record<keyof typeof DAY_REPORT_SQL, RegExp> = {
  statusOneCounter:
    /SEARCH payments USING INDEX payments_by_counter_created \(counter_id=\? AND created_at>\? AND created_at<\?\)/,
  statusAllCounters: /SEARCH payments USING INDEX payments_by_created \(created_at>\? AND created_at<\?\)/,
  money: /SEARCH o USING INDEX operations_by_kind_updated \(kind=\? AND updated_at>\? AND updated_at<\?\)/,
  refunds: /SEARCH o USING INDEX operations_by_kind_updated \(kind=\? AND updated_at>\? AND updated_at<\?\)/,
  openOperations: /SEARCH o USING INDEX operations_open \(status=\?\)/,
  openReservations: /SEARCH payments USING INDEX payments_by_status \(status=\?\)/,
};

describe('day report query plans', () => {
  for (const [name, sql] of Object.entries(DAY_REPORT_SQL) as Array<[keyof typeof DAY_REPORT_SQL, string]>) {
    it(`${name} reads through an index, never a full table scan`, () => {
      const details = plan(sql);
      expect(details.join('\n')).toMatch(EXPECTED_INDEX[name]);
      for (const line of details) {
        if (/^(SCAN|SEARCH) /.test(line) && !/^SCAN CONSTANT ROW/.test(line)) {
          expect(line, details.join('\n')).toMatch(/USING (COVERING )?(INDEX|INTEGER PRIMARY KEY)/);
        }
      }
      // Joined payments are looked up by primary key, one row per operation.
      if (sql.includes('JOIN payments p')) {
        expect(details.join('\n')).toMatch(
          /SEARCH p USING INDEX sqlite_autoindex_payments_1 \(reference=\?\)/,
        );
      }
    });
  }
});
