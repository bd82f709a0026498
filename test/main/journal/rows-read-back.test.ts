/**
 * What the journal gives back is what was written: an operation's last error (code, message,
 * retryable) and its absence, a failed Vipps event and one with its key, the whole audit log, and
 * the clear error for a save of a row that is not there (a bug upstream, never a silent no-op).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { operationRow, paymentRow, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
let j: Journal;
beforeEach(() => {
  tmp = tempDir();
  j = openJournal(join(tmp.dir, 'journal.sqlite'));
  j.payments.insert(paymentRow());
});
afterEach(() => {
  j.close();
  tmp.cleanup();
});

it("reads an operation's last error back as written, and none as null", () => {
  j.operations.insert(operationRow());
  expect(j.operations.get('op-1')?.lastError).toBeNull();

  const failed = { code: 'UPSTREAM' as const, message: 'Vipps answered 503', retryable: true };
  j.operations.save({ ...operationRow(), status: 'unknown', attempts: 2, lastError: failed });
  expect(j.operations.get('op-1')).toEqual({
    ...operationRow(),
    status: 'unknown',
    attempts: 2,
    lastError: failed,
  });

  const final = { code: 'CONFLICT' as const, message: 'Refused', retryable: false };
  j.operations.save({ ...operationRow(), status: 'failed', attempts: 3, lastError: final });
  expect(j.operations.byKey(operationRow().idempotencyKey)?.lastError).toEqual(final);
  expect(j.operations.open()).toEqual([]);

  j.operations.save({ ...operationRow(), status: 'succeeded', attempts: 4, lastError: null });
  expect(j.operations.forReference(paymentRow().reference)[0]?.lastError).toBeNull();
});

it('refuses to save an operation or a payment that is not in the journal, naming it', () => {
  expect(() => j.operations.save(operationRow({ id: 'op-missing' }))).toThrow(
    new Error('operation op-missing is not in the journal'),
  );
  expect(() => j.payments.save(paymentRow({ reference: 'lane9-missing' }))).toThrow(
    new Error('payment lane9-missing is not in the journal'),
  );
});

it('reads a failed Vipps event as failed and keeps its idempotency key', () => {
  const event = {
    reference: paymentRow().reference,
    name: 'CAPTURED' as const,
    amount: 14950,
    currency: 'NOK' as const,
    timestamp: '2026-11-25T10:15:09.000Z',
    success: false,
    idempotencyKey: 'capture-key-0001',
    pspReference: 'psp-2',
  };
  j.events.store([event], '2026-11-25T10:16:00.000Z');
  expect(j.events.forReference(event.reference)).toEqual([event]);
});

it('lists the whole audit log in the order it was written', () => {
  const entry = (n: number) => ({
    at: `2026-11-25T10:1${n}:00.000Z`,
    actor: `cashier-${n}`,
    action: 'refund',
    reference: n === 2 ? null : `lane1-x-0000000${n}`,
    amount: n === 2 ? null : 100 * n,
    details: { n },
  });
  for (const n of [3, 1, 2]) j.audit.append(entry(n));
  expect(j.audit.all()).toMatchObject([entry(3), entry(1), entry(2)]);
  expect(j.audit.all()).toHaveLength(3);
});
