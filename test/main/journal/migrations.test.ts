import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { migrate } from '../../../src/main/journal/migrate';
import { MIGRATIONS, type Migration } from '../../../src/main/journal/migrations';
import { operationRow, paymentRow, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** What each version must contain before the next migration runs, and must still hold after. */
const seeds: Record<number, (db: Database.Database) => void> = {
  10: (db) => {
    const p = paymentRow();
    db.prepare(
      `INSERT INTO payments (reference, counter_id, amount, currency, flow, description, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.reference,
      p.counterId,
      p.amount,
      p.currency,
      p.flow,
      p.description,
      'COMPLETED',
      p.createdAt,
      p.updatedAt,
    );
    const o = operationRow({ status: 'succeeded' });
    db.prepare(
      `INSERT INTO operations (id, reference, kind, idempotency_key, amount, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(o.id, o.reference, o.kind, o.idempotencyKey, o.amount, o.status, o.createdAt, o.updatedAt);
  },
  20: (db) => {
    db.prepare(
      `INSERT INTO vipps_events (reference, name, amount, currency, timestamp, success, psp_reference, fetched_at)
       VALUES (?, 'CREATED', 14950, 'NOK', '2026-11-25T10:15:01Z', 1, 'psp', '2026-11-25T10:16:00Z')`,
    ).run(paymentRow().reference);
  },
};

describe('migrations', () => {
  it('are numbered in increasing order with unique ids', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (let i = 1; i < MIGRATIONS.length; i++) {
    const step = MIGRATIONS[i]!;
    it(`${step.id}-${step.name} upgrades a journal seeded at the previous version and keeps its data`, () => {
      const file = join(tmp.dir, 'journal.db');
      const older = MIGRATIONS.slice(0, i);
      const db = new Database(file);
      migrate(db, older);
      for (const m of older) seeds[m.id]?.(db);
      db.close();

      const journal = openJournal(file);
      expect(journal.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.id);
      expect(journal.payments.get(paymentRow().reference)?.status).toBe('COMPLETED');
      expect(journal.operations.byKey(operationRow().idempotencyKey)?.status).toBe('succeeded');
      if (older.some((m) => m.id === 20))
        expect(journal.events.forReference(paymentRow().reference)).toHaveLength(1);
      journal.close();

      const check = new Database(file);
      const names = check.prepare('SELECT name FROM sqlite_master WHERE sql IS NOT NULL').pluck().all();
      check.close();
      if (step.id === 20) expect(names).toContain('vipps_events');
      if (step.id === 30) expect(names).toEqual(expect.arrayContaining(['audit_log', 'audit_log_no_update']));
    });
  }

  it('0185: sales from before read as this counter’s own; an adopted sale keeps its origin; the column holds JSON only', () => {
    const file = join(tmp.dir, 'journal.db');
    const db = new Database(file);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.id < 185),
    );
    seeds[10]!(db);
    db.close();
    const journal = openJournal(file);
    expect(journal.payments.get(paymentRow().reference)?.origin).toBeNull();
    const origin = {
      counterId: 'lane1',
      description: 'Jakke',
      flow: null,
      createdAt: '2026-11-30T10:15:00.000Z',
      adoptedAt: '2026-11-30T12:00:00.000Z',
    };
    journal.payments.insert(paymentRow({ reference: 'lane1-20261130-101500-k7qz', origin }));
    expect(journal.payments.get('lane1-20261130-101500-k7qz')?.origin).toEqual(origin);
    const raw = journal.connection.prepare('UPDATE payments SET origin = ? WHERE reference = ?');
    expect(() => raw.run('not json', 'lane1-20261130-101500-k7qz')).toThrow(/CHECK/);
    journal.close();
  });

  it('refuses a journal written by a newer app and leaves the file untouched', () => {
    const file = join(tmp.dir, 'journal.db');
    const future: Migration = { id: 9990, name: 'from-the-future', sql: 'CREATE TABLE future (x)' };
    openJournal(file, { migrations: [...MIGRATIONS, future] }).close();
    const before = readFileSync(file);
    expect(() => openJournal(file)).toThrow(
      expect.objectContaining({ code: 'JOURNAL', message: expect.stringMatching(/newer version/) }),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a journal whose recorded migration differs from the shipped one', () => {
    const file = join(tmp.dir, 'journal.db');
    const edited = MIGRATIONS.map((m) => (m.id === 20 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    openJournal(file, { migrations: edited }).close();
    expect(() => openJournal(file)).toThrow(/differs from the one this app ships/);
  });

  it('rolls back every step of a failing upgrade and keeps the file at its old version', () => {
    const file = join(tmp.dir, 'journal.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 1));
    seeds[10]!(db);
    db.close();
    const broken: Migration = {
      id: 40,
      name: 'broken',
      sql: 'CREATE TABLE ok_table (x); SELECT * FROM nope;',
    };
    expect(() => openJournal(file, { migrations: [...MIGRATIONS, broken] })).toThrow(
      expect.objectContaining({ code: 'JOURNAL', message: expect.stringMatching(/kept unchanged/) }),
    );
    const after = new Database(file);
    expect(after.prepare('SELECT id FROM _migrations').pluck().all()).toEqual([10]);
    const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('ok_table');
    expect(tables).not.toContain('vipps_events');
    expect(after.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(1);
    after.close();
  });

  it('runs nothing twice', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();
  });
});
