import type { OperationView, PaymentEventView, PaymentView } from '../../preload/contract';
import type { OperationRow, PaymentRow, VippsEventRow } from '../journal';
import { BRAND_BY_CURRENCY } from '../settings/market';
import { shownStatus } from './status';

export function paymentView(row: PaymentRow): PaymentView {
  const { authorized, captured, refunded, cancelled } = row.aggregate;
  return {
    reference: row.reference,
    counterId: row.counterId,
    amount: row.amount,
    currency: row.currency,
    flow: row.flow,
    description: row.description,
    phoneMasked: row.phoneMasked,
    status: row.status,
    shown: shownStatus(row.status, row.aggregate),
    brand: BRAND_BY_CURRENCY[row.currency],
    vippsState: row.vippsState,
    aggregate: { ...row.aggregate },
    kept: Math.max(0, captured - refunded),
    capturable: Math.max(0, authorized - captured - cancelled),
    refundable: Math.max(0, captured - refunded),
    qr: row.qr,
    expiresAt: row.expiresAt,
    attention: row.attention,
    receipt: row.receipt,
    lines: row.lines,
    ...(row.origin ? { origin: { ...row.origin } } : {}),
    goLive: row.goLive,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function operationView(op: OperationRow): OperationView {
  return {
    id: op.id,
    kind: op.kind,
    amount: op.amount,
    status: op.status,
    attempts: op.attempts,
    reason: op.reason,
    lastError: op.lastError ? { code: op.lastError.code, message: op.lastError.message } : null,
    createdAt: op.createdAt,
    updatedAt: op.updatedAt,
  };
}

export function eventView(e: VippsEventRow): PaymentEventView {
  return {
    name: e.name,
    amount: e.amount,
    currency: e.currency,
    timestamp: e.timestamp,
    success: e.success,
    idempotencyKey: e.idempotencyKey,
    pspReference: e.pspReference,
  };
}
