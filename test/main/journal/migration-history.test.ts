/**
 * The journal's schema history against the steps this build ships: a step the file has but this
 * build does not know, or knows under another name, is refused with the step named and the file
 * untouched; pending steps run in id order whatever order the list has; a failing upgrade names the
 * steps it tried.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { checkMigrationHistory, migrate } from '../../../src/main/journal/migrate';
import type { Migration } from '../../../src/main/journal/migrations';
import { tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

const step = (id: number, name = `step-${id}`): Migration => ({ id, name, sql: `CREATE TABLE t${id} (x)` });
const NOW = () => '2026-11-25T10:00:00.000Z';

it('refuses a file with a step this build does not know (between known ones), naming it', () => {
  const file = join(tmp.dir, 'j.sqlite');
  const db = new Database(file);
  migrate(db, [step(10), step(15, 'from-a-branch'), step(20)], NOW);
  db.close();
  const before = readFileSync(file);
  expect(() => openJournal(file, { migrations: [step(10), step(20)] })).toThrow(
    expect.objectContaining({
      code: 'JOURNAL',
      message:
        'The payment journal has schema step 15 (from-a-branch) that this app does not know. The journal was not changed.',
    }),
  );
  expect(readFileSync(file).equals(before)).toBe(true);
});

it('refuses a step recorded under another name, even with the same SQL', () => {
  const db = new Database(':memory:');
  migrate(db, [step(10, 'old-name')], NOW);
  expect(() => checkMigrationHistory(db, [step(10, 'new-name')])).toThrow(
    'Schema step 10 (old-name) differs from the one this app ships. The journal was not changed; contact support.',
  );
  db.close();
});

it('runs pending steps in id order whatever order they are listed in, and only those', () => {
  const db = new Database(':memory:');
  migrate(db, [step(10)], NOW);
  expect(checkMigrationHistory(db, [step(30), step(10), step(20)]).map((m) => m.id)).toEqual([20, 30]);
  expect(migrate(db, [step(30), step(10), step(20)], NOW)).toEqual([20, 30]);
  expect(db.prepare('SELECT id, name FROM _migrations ORDER BY rowid').all()).toEqual([
    { id: 10, name: 'step-10' },
    { id: 20, name: 'step-20' },
    { id: 30, name: 'step-30' },
  ]);
  expect(db.pragma('user_version', { simple: true })).toBe(30);
  db.close();
});

it('names every step of a failing upgrade', () => {
  const db = new Database(':memory:');
  const broken: Migration = { id: 30, name: 'broken', sql: 'SELECT * FROM nope' };
  expect(() => migrate(db, [step(20), broken], NOW)).toThrow(
    'Upgrading the payment journal failed (20-step-20, 30-broken): no such table: nope. The journal was kept unchanged.',
  );
  db.close();
});
