import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PosFailure } from '../errors';
import type { Migration } from './migrations';

export interface AppliedMigration {
  id: number;
  name: string;
  hash: string;
  appliedAt: string;
}

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function journalError(message: string): PosFailure {
  return new PosFailure('JOURNAL', message);
}

function appliedMigrations(db: Database.Database): AppliedMigration[] {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_migrations'")
    .get();
  if (!table) return [];
  return db
    .prepare('SELECT id, name, hash, applied_at AS appliedAt FROM _migrations ORDER BY id')
    .all() as AppliedMigration[];
}

/**
 * Compares what the file has seen with what this build knows, before anything is written: a
 * database from a newer app, or one whose history differs from ours, is refused untouched.
 */
export function checkMigrationHistory(db: Database.Database, migrations: readonly Migration[]): Migration[] {
  const known = new Map(migrations.map((m) => [m.id, m]));
  const newest = Math.max(0, ...migrations.map((m) => m.id));
  const applied = appliedMigrations(db);
  for (const row of applied) {
    const migration = known.get(row.id);
    if (row.id > newest) {
      throw journalError(
        `The payment journal was written by a newer version of this app (schema ${row.id}, this app knows up to ${newest}). Install the newer version; the journal was not changed.`,
      );
    }
    if (!migration) {
      throw journalError(
        `The payment journal has schema step ${row.id} (${row.name}) that this app does not know. The journal was not changed.`,
      );
    }
    if (migration.name !== row.name || migrationHash(migration) !== row.hash) {
      throw journalError(
        `Schema step ${row.id} (${row.name}) differs from the one this app ships. The journal was not changed; contact support.`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.id));
  return migrations.filter((m) => !done.has(m.id)).sort((a, b) => a.id - b.id);
}

/**
 * Applies every pending migration in one transaction: the journal is either fully upgraded or left
 * exactly as it was. Returns the ids that ran.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  now: () => string = () => new Date().toISOString(),
): number[] {
  const pending = checkMigrationHistory(db, migrations);
  if (pending.length === 0) return [];
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
      id INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      hash TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const record = db.prepare('INSERT INTO _migrations (id, name, hash, applied_at) VALUES (?, ?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.sql);
      migration.up?.(db);
      record.run(migration.id, migration.name, migrationHash(migration), now());
    }
    db.pragma(`user_version = ${pending[pending.length - 1]!.id}`);
  });
  try {
    run();
  } catch (error) {
    const step = pending.map((m) => `${m.id}-${m.name}`).join(', ');
    throw journalError(
      `Upgrading the payment journal failed (${step}): ${(error as Error).message}. The journal was kept unchanged.`,
    );
  }
  return pending.map((m) => m.id);
}

export function schemaVersion(db: Database.Database): number {
  const applied = appliedMigrations(db);
  return applied.length ? applied[applied.length - 1]!.id : 0;
}
