import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  type Journal,
  type OperationRow,
  openJournal,
  type PaymentQuery,
  type PaymentRow,
} from '../../../src/main/journal';
import { paymentParams } from '../../../src/main/journal/payments-repo';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pos-journal-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function paymentRow(overrides: Partial<PaymentRow> = {}): PaymentRow {
  return {
    reference: 'lane1-20261125-101500-ab12',
    counterId: 'lane1',
    amount: 14950,
    currency: 'NOK',
    flow: 'PUSH_PHONE',
    description: 'Groceries',
    phoneMasked: '•••• 4567',
    phoneLast4: '4567',
    lines: [],
    vatRate: 2500,
    status: 'WAITING',
    vippsState: 'CREATED',
    pspReference: null,
    aggregate: { authorized: 0, captured: 0, refunded: 0, cancelled: 0 },
    qr: null,
    expiresAt: null,
    attention: null,
    receipt: 'none',
    cancelRequested: false,
    givenUp: false,
    dismissed: false,
    origin: null,
    goLive: null,
    createdAt: '2026-11-25T10:15:00.000Z',
    updatedAt: '2026-11-25T10:15:00.000Z',
    ...overrides,
  };
}

/** A History query that filters nothing, 50 rows a page, changed by `overrides`. */
export function paymentQuery(overrides: Partial<PaymentQuery> = {}): PaymentQuery {
  return {
    text: null,
    textAmount: null,
    status: null,
    from: null,
    to: null,
    phoneLast4: null,
    limit: 50,
    after: null,
    ...overrides,
  };
}

export function operationRow(overrides: Partial<OperationRow> = {}): OperationRow {
  return {
    id: 'op-1',
    reference: 'lane1-20261125-101500-ab12',
    kind: 'create',
    idempotencyKey: '7b0b8a4e-2c4d-4f0e-9f5b-1b7e2f0c0a01',
    amount: 14950,
    requestId: null,
    requestBody: null,
    status: 'pending',
    attempts: 0,
    reason: null,
    lastError: null,
    createdAt: '2026-11-25T10:15:00.000Z',
    updatedAt: '2026-11-25T10:15:00.000Z',
    ...overrides,
  };
}

/** A cleanly closed journal file with `count` sales one second apart: enough of them fill many pages. */
export function journalWithSales(file: string, count: number): string {
  const j = openJournal(file);
  j.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.parse('2026-11-01T08:00:00Z') + i * 1000).toISOString();
      j.payments.insert(
        paymentRow({ reference: `lane1-${String(i).padStart(8, '0')}`, createdAt: at, updatedAt: at }),
      );
    }
  });
  j.close();
  return file;
}

/**
 * Writes garbage over a leaf in the middle of the payments table — far from any root that the cheap
 * structure check reads — found in `file` and damaged in `target` (a copy of it, or the file itself).
 */
export function damagePaymentsLeaf(file: string, target = file): void {
  const db = new Database(file, { readonly: true });
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'payments' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  db.close();
  if (leaves.length <= 10) throw new Error(`too few payment pages to damage one inside (${leaves.length})`);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const fd = openSync(target, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (page - 1) * 4096);
  closeSync(fd);
}

/**
 * Inserts a sale into a journal opened at an older schema: only the columns that schema has (the
 * repository always writes today's columns). Returns the row as the upgraded journal reads it back.
 */
export function insertAtOldSchema(journal: Journal, row: PaymentRow): PaymentRow {
  const columns = (
    journal.connection.prepare('SELECT name FROM pragma_table_info(?)').all('payments') as Array<{
      name: string;
    }>
  ).map((c) => c.name);
  const params = paymentParams(row) as unknown as Record<string, unknown>;
  journal.connection
    .prepare(
      `INSERT INTO payments (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    )
    .run(Object.fromEntries(columns.map((c) => [c, params[c] ?? null])));
  return {
    ...row,
    vatRate: columns.includes('vat_rate') ? row.vatRate : null,
    goLive: columns.includes('golive') ? row.goLive : null,
  };
}
