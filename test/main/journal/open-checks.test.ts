/**
 * What openJournal refuses before it writes a byte: a file it may not write (found by a write that
 * is rolled back at once, not by the first sale), a file cut short, and — after an unclean
 * shutdown, when every page is checked — damage deep inside. The file is never changed.
 */
import { copyFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isPosFailure } from '../../../src/main/errors';
import { openJournal } from '../../../src/main/journal';
import { makeReadOnly, sha256 } from '../../support/reliability/disk';
import { damagePaymentsLeaf, journalWithSales, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
const undo: Array<() => void> = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const u of undo.splice(0).reverse()) u();
  tmp.cleanup();
});

/** A cleanly closed journal with `count` sales (enough of them fill many pages). */
function journalWith(count: number, name = 'journal.db'): string {
  return journalWithSales(join(tmp.dir, name), count);
}

/** The refusal's message; the file is checked byte for byte unless `replayed` (see the crash test). */
function refusal(file: string, replayed = false): string {
  const before = sha256(file);
  try {
    openJournal(file).close();
  } catch (error) {
    if (!isPosFailure(error)) throw error;
    expect(error.code).toBe('JOURNAL');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(file);
    expect(error.message).toContain('Nothing was deleted;');
    if (!replayed) expect(sha256(file)).toBe(before);
    return error.message;
  }
  throw new Error('the journal was not refused');
}

it('refuses a read-only journal file at open, with the reason, bytes kept', () => {
  const file = journalWith(3);
  undo.push(makeReadOnly(file));
  expect(refusal(file)).toMatch(/could not be written: attempt to write a readonly database — .*read-only/);
});

it('opens a writable journal without changing a byte of it', () => {
  const file = journalWith(3);
  const before = sha256(file);
  openJournal(file).close();
  expect(sha256(file)).toBe(before);
});

it('refuses a journal cut short after a clean shutdown (header promises more pages)', () => {
  const file = journalWith(2000);
  const pageSize = 4096;
  truncateSync(file, statSync(file).size - 3 * pageSize);
  expect(refusal(file)).toMatch(/damaged \(.*cut short\)/);
});

it('after an unclean shutdown every page is checked: damage deep inside is refused', () => {
  const file = journalWith(2000);
  // A crash leaves the write-ahead log behind: copy the file and its log while a connection has a
  // committed change in the log (a power cut at that moment leaves exactly this on disk).
  const crashed = join(tmp.dir, 'crashed.db');
  const live = new Database(file);
  live.prepare("UPDATE payments SET description = 'x' WHERE reference = 'lane1-00001999'").run();
  copyFileSync(file, crashed);
  copyFileSync(`${file}-wal`, `${crashed}-wal`);
  live.close();
  expect(statSync(`${crashed}-wal`).size).toBeGreaterThan(0);

  // The damage goes on a leaf in the middle of the payments table, far from any root.
  damagePaymentsLeaf(file, crashed);

  // SQLite itself replays the committed change from the log on close; the damage stays for a person.
  expect(refusal(crashed, true)).toMatch(/damaged/);
});
