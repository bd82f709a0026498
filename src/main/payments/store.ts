import type { AlertEvent } from '../../preload/contract';
import { isPosFailure, PosFailure } from '../errors';
import type { PaymentRow } from '../journal';
import type { GetPaymentResponse, ModificationResponse } from '../vipps/types';
import type { EngineContext } from './context';
import { syncEventLog } from './event-log';
import { fail } from './failure';
import { deriveStatus, isFinal } from './status';
import { paymentView } from './views';

export function loadPayment(ctx: EngineContext, reference: string): PaymentRow {
  const row = ctx.journal.payments.get(reference);
  if (!row) throw fail('NOT_FOUND', 'No sale with that reference in this journal.', reference);
  return row;
}

/**
 * Vipps' answers can arrive out of order (a slow poll after a capture's answer). The aggregate only
 * ever grows and a decided state never returns to CREATED, so an older answer cannot undo a newer one.
 */
export function applyRemote(row: PaymentRow, remote: GetPaymentResponse | ModificationResponse): void {
  if (!(row.vippsState && remote.state === 'CREATED')) row.vippsState = remote.state;
  const a = remote.aggregate;
  row.aggregate = {
    authorized: Math.max(row.aggregate.authorized, a.authorizedAmount.value),
    captured: Math.max(row.aggregate.captured, a.capturedAmount.value),
    refunded: Math.max(row.aggregate.refunded, a.refundedAmount.value),
    cancelled: Math.max(row.aggregate.cancelled, a.cancelledAmount.value),
  };
  row.pspReference = remote.pspReference ?? row.pspReference;
}

function comparable(row: PaymentRow): string {
  return JSON.stringify({ ...row, updatedAt: '' });
}

/**
 * The one way a payment changes: read, change, derive the status from the journal's operations,
 * write — all in one synchronous transaction (`alsoWrite` joins it, e.g. an operation's outcome).
 * Afterwards the renderer hears about it, alerts fire, and final sales get their event log synced.
 */
export function updatePayment(
  ctx: EngineContext,
  reference: string,
  mutate?: (row: PaymentRow) => void,
  alsoWrite?: () => void,
): PaymentRow {
  return updatePayments(ctx, [
    { reference, ...(mutate ? { mutate } : {}), ...(alsoWrite ? { alsoWrite } : {}) },
  ])[0]!;
}

export interface PaymentChange {
  reference: string;
  mutate?: (row: PaymentRow) => void;
  alsoWrite?: () => void;
}

/**
 * Several sales changed as updatePayment changes one, in one transaction: one commit (one fsync
 * with synchronous=FULL) instead of one per sale, e.g. for recovery's findings. All or none.
 */
export function updatePayments(ctx: EngineContext, changes: readonly PaymentChange[]): PaymentRow[] {
  if (changes.length === 0) return [];
  const results = journalWrite(ctx, () =>
    changes.map(({ reference, mutate, alsoWrite }) => {
      alsoWrite?.();
      const before = loadPayment(ctx, reference);
      const next: PaymentRow = structuredClone(before);
      mutate?.(next);
      const derived = deriveStatus(next, ctx.journal.operations.forReference(reference));
      next.status = derived.status;
      next.attention = derived.attention;
      if (isFinal(next.status)) next.qr = null; // as the journal stores it (payments-repo)
      const changed = comparable(next) !== comparable(before);
      if (changed) {
        next.updatedAt = ctx.iso();
        ctx.journal.payments.save(next);
      }
      return { before, after: next, changed };
    }),
  );
  for (const { before, after, changed } of results) if (changed) announce(ctx, before, after);
  return results.map((r) => r.after);
}

/** A failing write (disk full, file gone) is a blocking JOURNAL error, never a raw SQLite one. */
export function journalWrite<T>(ctx: EngineContext, fn: () => T): T {
  try {
    return ctx.journal.transaction(fn);
  } catch (error) {
    if (isPosFailure(error)) throw error;
    ctx.log.error('journal write failed', { error: (error as Error).message });
    throw new PosFailure('JOURNAL', `The payment journal could not be written: ${(error as Error).message}`);
  }
}

function announce(ctx: EngineContext, before: PaymentRow, after: PaymentRow): void {
  ctx.emit('payment', paymentView(after));
  if (after.status !== before.status) {
    ctx.log.info('sale status', { reference: after.reference, from: before.status, to: after.status });
  }
  if (after.attention && after.attention !== before.attention) {
    const alert = alertFor(after);
    if (alert) ctx.emit('alert', alert);
  }
  if (isFinal(after.status) && !isFinal(before.status)) void syncEventLog(ctx, after.reference);
}

function alertFor(row: PaymentRow): AlertEvent | null {
  switch (row.attention) {
    case 'LATE_APPROVAL':
      return {
        kind: 'LATE_APPROVAL',
        code: 'LATE_APPROVAL',
        reference: row.reference,
        message: 'A sale you left was approved by the customer. Complete the sale or release the money.',
      };
    case 'APPROVED_DURING_CANCEL':
      return {
        kind: 'ATTENTION',
        code: 'APPROVED_DURING_CANCEL',
        reference: row.reference,
        message: 'The customer approved while you cancelled. Complete the sale or release the money.',
      };
    case 'CAPTURE_FAILED':
      return {
        kind: 'ATTENTION',
        code: 'CAPTURE_FAILED',
        reference: row.reference,
        message: 'The approved amount could not be captured. Try again or release it.',
      };
    default:
      return null;
  }
}
