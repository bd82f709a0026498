/**
 * One writer per journal file. Two app processes on one journal would each poll, capture and
 * recover the same sales; the Idempotency-Keys keep Vipps safe, but the journal's own view (and the
 * cashier's) would split. So the opener holds an exclusive lock on a small side file
 * (`<journal>.lock`) for as long as the journal is open.
 *
 * The lock is SQLite's own file lock on that side file, not a "pid written to a file" marker: the
 * operating system drops it when the process dies (crash, kill -9, power loss), so a crash never
 * leaves a stale lock to clean up by hand, and no other process can take it while we live. The
 * journal's own connection stays in normal WAL mode, so support tools and tests can still read it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface WriterLock {
  release(): void;
}

export class JournalInUse extends Error {
  constructor(
    readonly file: string,
    readonly holder: string | null,
  ) {
    super(
      `the journal is in use by another running copy of the app${holder ? ` (${holder})` : ''}; ` +
        'close that copy first',
    );
  }
}

function holderOf(file: string): string | null {
  try {
    return readFileSync(`${file}.lock-owner`, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Takes the writer lock on `file` or throws JournalInUse at once (never waits). */
export function takeWriterLock(file: string): WriterLock {
  const lockFile = `${file}.lock`;
  const db = new Database(lockFile);
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write in EXCLUSIVE locking mode takes the file's exclusive lock and keeps it until
    // the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER); BEGIN EXCLUSIVE; DELETE FROM owner; COMMIT;');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new JournalInUse(file, holderOf(file));
    throw error;
  }
  try {
    // For the message another copy shows; the lock itself is the file lock above.
    writeFileSync(`${file}.lock-owner`, `process ${process.pid}, since ${new Date().toISOString()}`);
  } catch {
    // Only the wording suffers.
  }
  return {
    release: () => {
      if (db.open) db.close();
    },
  };
}
