import Database from 'better-sqlite3';
import { PosFailure } from '../errors';

/**
 * A second connection to the journal file for the staff tools (staff, lockout, policy, audit view,
 * day report, watchdog, support bundle). The journal module owns migrations and the engine's
 * connection; WAL lets both connections work on the one file, and better-sqlite3 runs every
 * statement synchronously, so the two never interleave inside a transaction in this process.
 */
export function openToolsDb(journalFile: string): Database.Database {
  const db = new Database(journalFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    const ready = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff'").get();
    if (!ready) throw new PosFailure('JOURNAL', 'The journal has no staff tables; it was not upgraded.');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
