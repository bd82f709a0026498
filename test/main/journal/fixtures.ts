import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OperationRow, openJournal, type PaymentRow } from '../../../src/main/journal';

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
    createdAt: '2026-11-25T10:15:00.000Z',
    updatedAt: '2026-11-25T10:15:00.000Z',
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
