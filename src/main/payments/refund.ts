import type { PaymentView, RefundRequest } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { OperationRow, PaymentRow } from '../journal';
import { refreshFromVipps } from './capture';
import { type EngineContext, withLock } from './context';
import { assertNoOpenOperation, newOperation, recordIntent, send } from './execute';
import { fail, withReference } from './failure';
import { adoptedDetails } from './lookup';
import { loadPayment } from './store';
import { checkAmount, checkReference, checkRefundInput } from './validate';
import { paymentView } from './views';

function refundable(row: PaymentRow): number {
  return Math.max(0, row.aggregate.captured - row.aggregate.refunded);
}

function assertRefundable(row: PaymentRow, amount: number): void {
  if (row.vippsState !== 'AUTHORIZED' || row.aggregate.captured === 0) {
    throw fail('INVALID_STATE', 'Only captured money can be refunded.', row.reference);
  }
  if (amount > refundable(row)) {
    throw fail(
      'AMOUNT_EXCEEDS_REMAINING',
      'That is more than what can still be refunded.',
      row.reference,
      'amount',
    );
  }
}

/** A request that was already journaled: the same requestId never becomes a second refund. */
async function existingRefund(ctx: EngineContext, op: OperationRow, amount: number): Promise<PaymentView> {
  if (op.amount !== amount) {
    throw fail(
      'CONFLICT',
      'This refund request was already made with another amount.',
      op.reference,
      'requestId',
    );
  }
  const view = () => paymentView(loadPayment(ctx, op.reference));
  if (op.status === 'succeeded' || op.status === 'unknown' || ctx.inFlight.has(op.id)) return view();
  if (op.status === 'failed') {
    const error = op.lastError;
    if (!error?.retryable) {
      throw new PosFailure(error?.code ?? 'CONFLICT', error?.message ?? 'Vipps refused this refund.', {
        details: { reference: op.reference },
      });
    }
  }
  // Pending (never answered) or failed on a retryable error: send again with the same key.
  return withLock(ctx, op.reference, 'refund', async () => {
    const outcome = await send(ctx, op.id);
    if (outcome.status === 'failed') throw withReference(outcome.failure, op.reference);
    return paymentView(outcome.row);
  });
}

/**
 * Refund (full or partial; several partials allowed) of captured money. Checked locally, then
 * against a fresh aggregate from Vipps, before the intent is written: an amount over what remains is
 * refused without calling Vipps.
 */
export function refundPayment(
  ctx: EngineContext,
  req: RefundRequest,
  actor = 'cashier',
): Promise<PaymentView> {
  if (ctx.phase !== 'ready') return Promise.reject(fail('RECOVERING', 'Checking unfinished payments first.'));
  try {
    const reference = checkReference(req?.reference);
    const row = loadPayment(ctx, reference);
    const amount = checkAmount(req.amount, row.currency);
    const { reason, requestId } = checkRefundInput(req.reason, req.requestId);
    const earlier = ctx.journal.operations.byRequestId(reference, requestId);
    if (earlier) return existingRefund(ctx, earlier, amount);
    assertRefundable(row, amount);
    return withLock(ctx, reference, 'refund', async () => {
      const fresh = await refreshFromVipps(ctx, reference);
      assertNoOpenOperation(ctx, reference);
      assertRefundable(fresh, amount);
      const op = newOperation(ctx, {
        reference,
        kind: 'refund',
        amount,
        requestId,
        reason,
        requestBody: { amount },
      });
      recordIntent(ctx, op, () =>
        ctx.journal.audit.append({
          at: ctx.iso(),
          actor,
          action: 'refund',
          reference,
          amount,
          details: { reason, requestId, ...adoptedDetails(fresh) },
        }),
      );
      const outcome = await send(ctx, op.id);
      if (outcome.status === 'failed') throw withReference(outcome.failure, reference);
      return paymentView(outcome.row);
    });
  } catch (error) {
    return Promise.reject(error);
  }
}
