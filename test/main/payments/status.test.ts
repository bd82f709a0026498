import { describe, expect, it } from 'vitest';
import type { OperationRow, PaymentRow } from '../../../src/main/journal';
import { deriveStatus } from '../../../src/main/payments/status';
import { operationRow, paymentRow } from '../journal/fixtures';

const created = operationRow({ kind: 'create', status: 'succeeded' });
const op = (kind: OperationRow['kind'], status: OperationRow['status'], id = `${kind}-${status}`) =>
  operationRow({ id, kind, status, idempotencyKey: `key-${id}` });
const authorized = (aggregate: Partial<PaymentRow['aggregate']> = {}, extra: Partial<PaymentRow> = {}) =>
  paymentRow({
    vippsState: 'AUTHORIZED',
    aggregate: { authorized: 10000, captured: 0, refunded: 0, cancelled: 0, ...aggregate },
    ...extra,
  });

describe('deriveStatus: Vipps state + open intents + cashier actions → what the cashier sees', () => {
  const cases: Array<[string, PaymentRow, OperationRow[], string, string | null]> = [
    [
      'create intent not answered',
      paymentRow({ vippsState: null }),
      [op('create', 'pending')],
      'CREATING',
      null,
    ],
    ['create refused', paymentRow({ vippsState: null }), [op('create', 'failed')], 'FAILED', null],
    [
      'create outcome unknown',
      paymentRow({ vippsState: null }),
      [op('create', 'unknown')],
      'UNKNOWN',
      'OUTCOME_UNKNOWN',
    ],
    ['CREATED', paymentRow({ vippsState: 'CREATED' }), [created], 'WAITING', null],
    [
      'CREATED, cashier cancelled',
      paymentRow({ vippsState: 'CREATED', cancelRequested: true }),
      [created],
      'CANCELLING',
      null,
    ],
    ['ABORTED', paymentRow({ vippsState: 'ABORTED' }), [created], 'REJECTED', null],
    ['EXPIRED', paymentRow({ vippsState: 'EXPIRED' }), [created], 'EXPIRED', null],
    ['TERMINATED', paymentRow({ vippsState: 'TERMINATED' }), [created], 'CANCELLED', null],
    ['AUTHORIZED, nothing captured', authorized(), [created], 'RESERVED', 'RESERVATION_NOT_CAPTURED'],
    ['AUTHORIZED, capture on the wire', authorized(), [created, op('capture', 'pending')], 'CAPTURING', null],
    [
      'AUTHORIZED, capture refused',
      authorized(),
      [created, op('capture', 'failed')],
      'RESERVED',
      'CAPTURE_FAILED',
    ],
    [
      'AUTHORIZED, capture unknown',
      authorized(),
      [created, op('capture', 'unknown')],
      'UNKNOWN',
      'OUTCOME_UNKNOWN',
    ],
    ['CAPTURED in full', authorized({ captured: 10000 }), [created], 'COMPLETED', null],
    ['CAPTURED in part', authorized({ captured: 4000 }), [created], 'RESERVED', 'RESERVATION_NOT_CAPTURED'],
    [
      'CAPTURED in part, rest CANCELLED',
      authorized({ captured: 4000, cancelled: 6000 }),
      [created],
      'COMPLETED',
      null,
    ],
    ['CANCELLED after approval (released)', authorized({ cancelled: 10000 }), [created], 'RELEASED', null],
    [
      'REFUNDED in full stays a completed sale',
      authorized({ captured: 10000, refunded: 10000 }),
      [created],
      'COMPLETED',
      null,
    ],
    [
      'refund on the wire',
      authorized({ captured: 10000 }),
      [created, op('refund', 'pending')],
      'COMPLETED',
      null,
    ],
    [
      'refund unknown',
      authorized({ captured: 10000 }),
      [created, op('refund', 'unknown')],
      'UNKNOWN',
      'OUTCOME_UNKNOWN',
    ],
    [
      'approved during cancel',
      authorized({}, { cancelRequested: true }),
      [created, op('cancel', 'failed')],
      'DECISION_NEEDED',
      'APPROVED_DURING_CANCEL',
    ],
    [
      'approved after give-up',
      authorized({}, { givenUp: true }),
      [created],
      'DECISION_NEEDED',
      'LATE_APPROVAL',
    ],
    [
      'release on the wire',
      authorized({}, { givenUp: true }),
      [created, op('cancel', 'pending')],
      'CANCELLING',
      null,
    ],
  ];
  for (const [name, row, ops, status, attention] of cases) {
    it(`${name} → ${status}`, () => {
      expect(deriveStatus(row, ops)).toEqual({ status, attention });
    });
  }
});
