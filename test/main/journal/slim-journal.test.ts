/**
 * Bytes per sale (issue 6): a final sale keeps no QR link, and migration 160 swaps two indexes for
 * a partial one — on a journal that already holds sales, which keep every fact and stay findable.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { MIGRATIONS } from '../../../src/main/journal/migrations';
import { insertAtOldSchema, operationRow, paymentRow, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const QR = { kind: 'url' as const, value: 'https://qr.vipps.no/generate/qr.png?uri=x' };

it('keeps the QR while the customer may scan it and drops it once the sale is final', () => {
  const j = openJournal(join(tmp.dir, 'journal.db'));
  try {
    const waiting = paymentRow({ reference: 'lane1-qr-waiting', flow: 'QR', qr: QR });
    j.payments.insert(waiting);
    expect(j.payments.get(waiting.reference)!.qr).toEqual(QR);
    j.payments.save({ ...waiting, status: 'COMPLETED', vippsState: 'AUTHORIZED' });
    const done = j.payments.get(waiting.reference)!;
    expect(done.qr).toBeNull();
    expect(done).toMatchObject({ status: 'COMPLETED', amount: waiting.amount, flow: 'QR' });
    j.payments.insert(paymentRow({ reference: 'lane1-qr-expired', status: 'EXPIRED', qr: QR }));
    expect(j.payments.get('lane1-qr-expired')!.qr).toBeNull();
  } finally {
    j.close();
  }
});

it('160-slimmer-indexes: the open sale and a sale’s operations are still found by index', () => {
  const file = join(tmp.dir, 'journal.db');
  const before160 = MIGRATIONS.filter((m) => m.id < 160);
  const old = openJournal(file, { migrations: before160 });
  insertAtOldSchema(old, paymentRow({ reference: 'lane1-put-away', dismissed: true, status: 'COMPLETED' }));
  insertAtOldSchema(old, paymentRow({ reference: 'lane1-open-sale', createdAt: '2026-11-25T11:00:00.000Z' }));
  old.operations.insert(operationRow({ id: 'op-a', reference: 'lane1-open-sale', idempotencyKey: 'k-a' }));
  old.operations.insert(
    operationRow({
      id: 'op-b',
      reference: 'lane1-open-sale',
      kind: 'cancel',
      idempotencyKey: 'k-b',
      createdAt: '2026-11-25T11:00:01.000Z',
    }),
  );
  old.close();

  const j = openJournal(file);
  try {
    expect(j.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.id);
    expect(j.payments.activeForCounter('lane1')?.reference).toBe('lane1-open-sale');
    expect(j.operations.forReference('lane1-open-sale').map((o) => o.id)).toEqual(['op-a', 'op-b']);
  } finally {
    j.close();
  }

  const db = new Database(file, { readonly: true });
  try {
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
    expect(indexes).not.toContain('operations_by_reference');
    expect(indexes).not.toContain('payments_by_counter');
    expect(indexes).toContain('payments_not_dismissed');
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ');
    // The statements of payments-repo activeForCounter and operations-repo forReference.
    expect(
      plan(
        'SELECT * FROM payments WHERE counter_id = ? AND dismissed = 0 ORDER BY created_at DESC, reference DESC LIMIT 1',
      ),
    ).toMatch(/USING INDEX payments_not_dismissed \(counter_id=\?\)/);
    expect(plan('SELECT * FROM operations WHERE reference = ? ORDER BY created_at, rowid')).toMatch(
      /USING INDEX sqlite_autoindex_operations_\d \(reference=\?\)/,
    );
  } finally {
    db.close();
  }
});
