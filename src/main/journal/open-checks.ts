/**
 * What openJournal checks before it trusts a file, kept cheap enough for every start.
 *
 * `PRAGMA quick_check` reads every page: 4.6 s on a million-payment journal, at every start, while
 * the counter waits. `quick_check(N)` does not help — N caps the errors reported, not the pages
 * read. So a start after a clean shutdown checks the structure only (header, schema, every b-tree's
 * root path, the file length the header promises), and the full page check runs where damage is
 * likely or time is free: after an unclean shutdown (a crash or power cut, seen as a leftover WAL
 * file) and in the self-test someone runs on demand (src/main/selftest; its run at start checks the
 * structure only, like a clean open).
 * Damage on a page no check touched still surfaces as SQLITE_CORRUPT on the first read or write of
 * that page, which the engine answers as a JOURNAL error; nothing is ever written over it silently.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { PosFailure } from '../errors';

/** The advice every refused journal carries: the file is evidence, never something to delete. */
export const NOTHING_DELETED = 'Nothing was deleted; fix the file or its location and restart.';

export function damaged(file: string, detail: string): PosFailure {
  return new PosFailure(
    'JOURNAL',
    `The payment journal (${file}) cannot be used: the journal file is damaged (${detail}). ${NOTHING_DELETED}`,
  );
}

/**
 * SQLite deletes the WAL file when the last connection closes cleanly; one left with content means
 * the app stopped without closing (or another copy has the file open, which the lock then reports).
 */
export function closedUncleanly(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** The 100-byte header: page size and the page count SQLite trusts (when its counters agree). */
function promisedBytes(file: string): number | null {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return null;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  // An older writer leaves the count stale; SQLite then uses the file length itself, and so do we.
  return validFor === changeCounter && pageCount > 0 ? pageCount * pageSize : null;
}

/** Reads every table's and index's root and first leaf: a damaged b-tree top fails here, at open. */
function touchEveryBtree(db: Database.Database): void {
  const objects = db
    .prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE type IN ('table', 'index')")
    .all() as Array<{ type: string; name: string; tbl: string; sql: string | null }>;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const o of objects) {
    // NOT INDEXED: a bare `SELECT 1` reads the smallest covering index instead of the table itself,
    // and would never touch the root of any table that has an index.
    const sql =
      o.type === 'table'
        ? `SELECT 1 FROM ${quote(o.name)} NOT INDEXED LIMIT 1`
        : `SELECT 1 FROM ${quote(o.tbl)} INDEXED BY ${quote(o.name)} LIMIT 1`;
    try {
      db.prepare(sql).get();
    } catch (error) {
      // A plain SQL error says nothing about the file: "no query solution" for a partial index
      // (it cannot be scanned alone), or a virtual table that cannot be read so; damage answers
      // SQLITE_CORRUPT or SQLITE_NOTADB and is refused.
      if ((error as { code?: string }).code === 'SQLITE_ERROR') continue;
      throw error;
    }
  }
}

/**
 * Refuses a damaged file before anything is written. `full`: every page (after an unclean
 * shutdown); otherwise the structure only (see the file comment for why).
 */
export function checkIntegrity(db: Database.Database, file: string, full: boolean): void {
  if (full) {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw damaged(file, String(result).slice(0, 200));
    return;
  }
  const promised = promisedBytes(file);
  const actual = statSync(file).size;
  if (promised !== null && actual < promised) {
    throw damaged(file, `${actual} bytes where its header promises ${promised}; it was cut short`);
  }
  touchEveryBtree(db);
}

/**
 * SQLite opens a file it may not write (read-only file or mount, immutable attribute) without a
 * word and fails only at the first write — in the middle of a sale. A write that is rolled back
 * at once finds that out now, and changes no byte: the rollback happens before anything reaches
 * the file.
 */
export function probeWrite(db: Database.Database, file: string, explain: (error: unknown) => string): void {
  try {
    const version = Math.trunc(Number(db.pragma('user_version', { simple: true })));
    db.exec('BEGIN IMMEDIATE');
    try {
      db.pragma(`user_version = ${version}`);
    } finally {
      db.exec('ROLLBACK');
    }
  } catch (error) {
    throw new PosFailure(
      'JOURNAL',
      `The payment journal could not be written: ${(error as Error).message} — ${explain(error)} (${file}). ${NOTHING_DELETED}`,
    );
  }
}
