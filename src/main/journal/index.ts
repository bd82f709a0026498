/**
 * The payment journal: one SQLite file that records every sale and every money intent before the
 * matching Vipps call, so nothing is lost or sent twice across crashes. One Journal owns the one
 * connection; every statement is prepared once with bound parameters. Other rooms keep their own
 * tables in this file (staff, receipt jobs) and reach them through `journal.connection`, never a
 * connection of their own.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isPosFailure, PosFailure } from '../errors';
import { type AuditRepo, auditRepo } from './audit-repo';
import { type EventsRepo, eventsRepo } from './events-repo';
import { checkMigrationHistory, migrate, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { checkIntegrity, closedUncleanly, NOTHING_DELETED, probeWrite } from './open-checks';
import { type OperationsRepo, operationsRepo } from './operations-repo';
import { type PaymentsRepo, paymentsRepo } from './payments-repo';
import { type ReportsRepo, reportsRepo } from './reports-repo';
import { JournalInUse, takeWriterLock, type WriterLock } from './writer-lock';

export type { PaymentQuery } from './payments-repo';
export type { MovementTotal } from './reports-repo';
export type { AuditEntry, OperationError, OperationRow, PaymentRow, VippsEventRow } from './rows';

/**
 * The journal's own connection, lent to a room for its own tables: prepare each statement once
 * (bound parameters only) and wrap writes in `transaction` (synchronous; never await inside). It
 * has no close(): the connection lives and dies with the journal, whoever borrows it.
 */
export type JournalConnection = Pick<Database.Database, 'prepare' | 'transaction'>;

export interface Journal {
  readonly file: string;
  readonly connection: JournalConnection;
  readonly schemaVersion: number;
  readonly payments: PaymentsRepo;
  readonly operations: OperationsRepo;
  readonly events: EventsRepo;
  readonly audit: AuditRepo;
  readonly reports: ReportsRepo;
  /** Runs `fn` in one synchronous transaction. Never pass anything that awaits (no HTTP inside). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenJournalOptions {
  /** Tests seed older versions with a prefix of the list. */
  migrations?: readonly Migration[];
  now?: () => string;
  busyTimeoutMs?: number;
}

function plain(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case 'SQLITE_NOTADB':
      return 'the file is not a payment journal (not an SQLite database)';
    case 'SQLITE_CORRUPT':
      return 'the journal file is damaged';
    case 'SQLITE_CANTOPEN':
      return 'the journal file cannot be opened or created at that location';
    case 'SQLITE_READONLY':
      return 'the journal location is read-only';
    case 'SQLITE_BUSY':
      return 'the journal is locked by another running copy of the app';
    default:
      if (error instanceof JournalInUse) return error.message;
      return e.message ?? String(error);
  }
}

function blocking(file: string, error: unknown): PosFailure {
  if (isPosFailure(error)) return error;
  return new PosFailure(
    'JOURNAL',
    `The payment journal (${file}) cannot be used: ${plain(error)}. ${NOTHING_DELETED}`,
  );
}

export function openJournal(file: string, options: OpenJournalOptions = {}): Journal {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database.Database | undefined;
  let lock: WriterLock | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const writer = takeWriterLock(file);
    lock = writer;
    const unclean = closedUncleanly(file);
    db = new Database(file);
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    // Read-only checks first: a damaged file or one from a newer app is refused before any write.
    checkIntegrity(db, file, unclean);
    checkMigrationHistory(db, migrations);
    probeWrite(db, file, plain);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`WAL mode unavailable (got ${String(mode)})`);
    // FULL: a commit is on disk before we call Vipps, even on power loss (WAL + NORMAL is not).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, options.now);
    const conn = db;
    const connection: JournalConnection = Object.freeze({
      prepare: conn.prepare.bind(conn),
      transaction: conn.transaction.bind(conn),
    });
    return {
      file,
      connection,
      schemaVersion: schemaVersion(conn),
      payments: paymentsRepo(conn),
      operations: operationsRepo(conn),
      events: eventsRepo(conn),
      audit: auditRepo(conn),
      reports: reportsRepo(conn),
      transaction: (fn) => conn.transaction(fn)(),
      close: () => {
        if (conn.open) conn.close();
        writer.release();
      },
    };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // The original error is the one worth reporting.
    }
    lock?.release();
    throw blocking(file, error);
  }
}
