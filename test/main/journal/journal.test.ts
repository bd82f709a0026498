import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { MIGRATIONS } from '../../../src/main/journal/migrations';
import { operationRow, paymentQuery, paymentRow, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal | undefined;

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  journal?.close();
  journal = undefined;
  tmp.cleanup();
});

function open(name = 'journal.db'): Journal {
  journal = openJournal(join(tmp.dir, name));
  return journal;
}

describe('openJournal', () => {
  it('creates the file with WAL, synchronous FULL, foreign keys and the latest schema', () => {
    const j = open();
    j.close();
    const db = new Database(join(tmp.dir, 'journal.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['_migrations', 'audit_log', 'operations', 'payments', 'vipps_events']),
    );
    expect(db.prepare('SELECT id FROM _migrations ORDER BY id').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.id),
    );
    db.close();
    journal = openJournal(join(tmp.dir, 'journal.db'));
    expect(journal.schemaVersion).toBe(MIGRATIONS.at(-1)!.id);
  });

  it('refuses a file that is not SQLite and leaves it as it was', () => {
    const file = join(tmp.dir, 'journal.db');
    writeFileSync(file, 'this is a text file, not a journal\n'.repeat(200));
    const before = readFileSync(file);
    expect(() => openJournal(file)).toThrow(expect.objectContaining({ code: 'JOURNAL' }));
    expect(() => openJournal(file)).toThrow(/not a payment journal/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged journal and keeps it', () => {
    const file = join(tmp.dir, 'journal.db');
    const j = openJournal(file);
    for (let i = 0; i < 200; i++) j.payments.insert(paymentRow({ reference: `lane1-damaged-${1000 + i}` }));
    j.close();
    // Overwrite the middle pages (the table data) with garbage, keeping the header.
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096, bytes.length - 4096);
    writeFileSync(file, bytes);
    expect(() => openJournal(file)).toThrow(expect.objectContaining({ code: 'JOURNAL' }));
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports a location where the file cannot be created as a blocking JOURNAL error', () => {
    const notADir = join(tmp.dir, 'plain-file');
    writeFileSync(notADir, 'x');
    expect(() => openJournal(join(notADir, 'journal.db'))).toThrow(
      expect.objectContaining({ code: 'JOURNAL', retryable: false }),
    );
    expect(readFileSync(notADir, 'utf8')).toBe('x');
  });
});

describe('the journal connection lent to other rooms', () => {
  it("is the journal's own: a room's writes share its transactions, it has no close, and it ends with the journal", () => {
    const j = open();
    const payment = paymentRow();
    const setReceipt = j.connection.prepare('UPDATE payments SET receipt = ? WHERE reference = ?');
    const receiptOf = j.connection.prepare('SELECT receipt FROM payments WHERE reference = ?').pluck();
    // One transaction across the journal's own repo and a room's statement: a failure undoes both.
    expect(() =>
      j.transaction(() => {
        j.payments.insert(payment);
        setReceipt.run('pending', payment.reference);
        throw new Error('crash before commit');
      }),
    ).toThrow('crash before commit');
    expect(j.payments.get(payment.reference)).toBeUndefined();
    j.connection.transaction(() => {
      j.payments.insert(payment);
      setReceipt.run('pending', payment.reference);
    })();
    expect(receiptOf.get(payment.reference)).toBe('pending');

    expect(Object.keys(j.connection).sort()).toEqual(['prepare', 'transaction']);
    expect((j.connection as unknown as { close?: unknown }).close).toBeUndefined();
    j.close();
    expect(() => receiptOf.get(payment.reference)).toThrow(/not open/);
    journal = undefined;
  });
});

describe('journal tables', () => {
  it('stores and reads back a payment and its operations', () => {
    const j = open();
    const row = paymentRow({ lines: [{ name: 'Milk', unitPrice: 2490, quantity: 2 }] });
    j.payments.insert(row);
    expect(j.payments.get(row.reference)).toEqual(row);
    j.operations.insert(operationRow({ requestBody: '{"x":1}' }));
    j.operations.save({ ...operationRow(), status: 'succeeded', attempts: 1, requestBody: null });
    expect(j.operations.byKey(operationRow().idempotencyKey)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      requestBody: null,
    });
  });

  it('refuses an operation for an unknown payment (foreign key)', () => {
    const j = open();
    expect(() => j.operations.insert(operationRow({ reference: 'nobody-here' }))).toThrow(/FOREIGN KEY/);
  });

  it('never stores two operations with the same idempotency key or refund requestId', () => {
    const j = open();
    j.payments.insert(paymentRow());
    j.operations.insert(operationRow({ kind: 'refund', requestId: 'req-1' }));
    expect(() => j.operations.insert(operationRow({ id: 'op-2' }))).toThrow(/UNIQUE/);
    expect(() =>
      j.operations.insert(
        operationRow({ id: 'op-3', kind: 'refund', requestId: 'req-1', idempotencyKey: 'other-key-0001' }),
      ),
    ).toThrow(/UNIQUE/);
    expect(j.operations.byRequestId(paymentRow().reference, 'req-1')?.id).toBe('op-1');
  });

  it('keeps one copy of each Vipps event, also events without an idempotency key', () => {
    const j = open();
    j.payments.insert(paymentRow());
    const event = {
      reference: paymentRow().reference,
      name: 'AUTHORIZED' as const,
      amount: 14950,
      currency: 'NOK' as const,
      timestamp: '2026-11-25T10:15:09.000Z',
      success: true,
      idempotencyKey: null,
      pspReference: 'psp-1',
    };
    expect(j.events.store([event], '2026-11-25T10:16:00.000Z')).toBe(1);
    expect(j.events.store([event], '2026-11-25T10:17:00.000Z')).toBe(0);
    expect(j.events.forReference(event.reference)).toEqual([event]);
  });

  it('audit log is append-only', () => {
    const j = open();
    j.audit.append({
      at: '2026-11-25T10:15:00.000Z',
      actor: 'cashier',
      action: 'refund',
      reference: 'lane1-x-00000001',
      amount: 100,
      details: { reason: 'broken' },
    });
    j.close();
    const db = new Database(join(tmp.dir, 'journal.db'));
    expect(() => db.prepare('UPDATE audit_log SET amount = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT amount FROM audit_log').pluck().get()).toBe(100);
    db.close();
  });
});

describe('search', () => {
  function seed(j: Journal) {
    const base = Date.parse('2026-11-20T08:00:00.000Z');
    for (let i = 0; i < 25; i++) {
      const at = new Date(base + i * 3_600_000 * 7).toISOString();
      j.payments.insert(
        paymentRow({
          reference: `lane1-${String(i).padStart(3, '0')}-sale`,
          amount: 1000 + i * 100,
          status: i % 3 === 0 ? 'COMPLETED' : 'CANCELLED',
          phoneLast4: i % 5 === 0 ? '1234' : '9876',
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
  }
  const none = paymentQuery();

  it('pages through everything newest first without gaps or repeats', () => {
    const j = open();
    seed(j);
    const seen: string[] = [];
    let after: { createdAt: string; reference: string } | null = null;
    for (;;) {
      const page = j.payments.search({ ...none, limit: 7, after });
      seen.push(...page.rows.map((r) => r.reference));
      if (!page.more) break;
      const last = page.rows[page.rows.length - 1]!;
      after = { createdAt: last.createdAt, reference: last.reference };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('lane1-024-sale');
  });

  it('filters by status, phone digits, reference fragment, amount and date range', () => {
    const j = open();
    seed(j);
    const completed = j.payments.search({ ...none, status: 'COMPLETED', limit: 100 }).rows;
    expect(completed.every((r) => r.status === 'COMPLETED')).toBe(true);
    expect(completed).toHaveLength(9);
    expect(j.payments.search({ ...none, phoneLast4: '1234', limit: 100 }).rows).toHaveLength(5);
    expect(j.payments.search({ ...none, text: '017', limit: 100 }).rows.map((r) => r.reference)).toEqual([
      'lane1-017-sale',
    ]);
    expect(
      j.payments.search({ ...none, text: '1500', textAmount: { min: 1500, max: 1500 }, limit: 100 }).rows,
    ).toHaveLength(1);
    const day = j.payments.search({
      ...none,
      from: '2026-11-21T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
      limit: 100,
    }).rows;
    expect(day.length).toBeGreaterThan(0);
    expect(day.every((r) => r.createdAt.startsWith('2026-11-21'))).toBe(true);
  });

  it('treats LIKE wildcards in the text as plain characters', () => {
    const j = open();
    seed(j);
    expect(j.payments.search({ ...none, text: '%', limit: 100 }).rows).toHaveLength(0);
    expect(j.payments.search({ ...none, text: '_', limit: 100 }).rows).toHaveLength(0);
  });
});
