import type { CaptureRequest, PaymentView } from '../../preload/contract';
import type { PaymentRow } from '../journal';
import { type EngineContext, withLock } from './context';
import { assertNoOpenOperation, newOperation, recordIntent, send } from './execute';
import { describeFailure, fail, withReference } from './failure';
import { adoptedDetails } from './lookup';
import { applyRemote, loadPayment, updatePayment } from './store';
import { checkAmount, checkReference } from './validate';
import { paymentView } from './views';

export function capturable(row: PaymentRow): number {
  const { authorized, captured, cancelled } = row.aggregate;
  return Math.max(0, authorized - captured - cancelled);
}

/** Re-reads the payment from Vipps before a money decision: the aggregate is the only truth. */
export async function refreshFromVipps(ctx: EngineContext, reference: string): Promise<PaymentRow> {
  try {
    const remote = await ctx.vipps.getPayment(reference);
    return updatePayment(ctx, reference, (r) => applyRemote(r, remote));
  } catch (error) {
    throw withReference(describeFailure(error), reference);
  }
}

function assertCapturable(row: PaymentRow, amount: number | undefined): number {
  if (row.vippsState !== 'AUTHORIZED' || capturable(row) === 0) {
    throw fail('INVALID_STATE', 'Nothing is reserved on this sale to capture.', row.reference);
  }
  const wanted = amount ?? capturable(row);
  if (wanted > capturable(row)) {
    throw fail(
      'AMOUNT_EXCEEDS_REMAINING',
      'That is more than what is still reserved.',
      row.reference,
      'amount',
    );
  }
  return wanted;
}

/** Capture under the caller's lock: local checks, fresh aggregate, intent, call. */
export async function captureLocked(
  ctx: EngineContext,
  reference: string,
  amount: number | undefined,
  actor: string,
): Promise<PaymentView> {
  assertCapturable(loadPayment(ctx, reference), amount);
  const fresh = await refreshFromVipps(ctx, reference);
  assertNoOpenOperation(ctx, reference);
  const value = assertCapturable(fresh, amount);
  const op = newOperation(ctx, { reference, kind: 'capture', amount: value, requestBody: { amount: value } });
  recordIntent(ctx, op, () =>
    ctx.journal.audit.append({
      at: ctx.iso(),
      actor,
      action: 'capture',
      reference,
      amount: value,
      details: adoptedDetails(fresh),
    }),
  );
  const outcome = await send(ctx, op.id);
  if (outcome.status === 'failed') throw withReference(outcome.failure, reference);
  return paymentView(outcome.row);
}

export function capturePayment(
  ctx: EngineContext,
  req: CaptureRequest,
  actor = 'cashier',
): Promise<PaymentView> {
  if (ctx.phase !== 'ready') return Promise.reject(fail('RECOVERING', 'Checking unfinished payments first.'));
  try {
    const reference = checkReference(req?.reference);
    const row = loadPayment(ctx, reference);
    const amount = req.amount === undefined ? undefined : checkAmount(req.amount, row.currency);
    return withLock(ctx, reference, 'capture', () => captureLocked(ctx, reference, amount, actor));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Called when Vipps reports AUTHORIZED. With the capture-now policy the whole amount is captured at
 * once, but only for a sale the cashier is still running: never after cancel or give-up (that is the
 * cashier's decision), never twice (a failed auto-capture waits for the cashier), and never while
 * another operation holds the sale.
 */
export function autoCapture(ctx: EngineContext, reference: string): void {
  const row = ctx.journal.payments.get(reference);
  // Another counter's sale is captured only when a cashier here asks (it is not this counter's sale).
  if (!row || row.origin || ctx.settings().capturePolicy !== 'capture-now') return;
  // A go-live payment moves only as its scenario says (the AUTHORIZED one stays reserved).
  if (row.goLive) return;
  if (row.status !== 'RESERVED' || row.cancelRequested || row.givenUp) return;
  if (row.aggregate.captured > 0 || row.aggregate.cancelled > 0) return;
  if (ctx.journal.operations.forReference(reference).some((o) => o.kind === 'capture')) return;
  if (ctx.locks.has(reference)) return;
  const amount = capturable(row);
  if (amount === 0) return;
  void withLock(ctx, reference, 'capture', async () => {
    const op = newOperation(ctx, { reference, kind: 'capture', amount, requestBody: { amount } });
    recordIntent(ctx, op, () =>
      ctx.journal.audit.append({
        at: ctx.iso(),
        actor: 'engine',
        action: 'auto-capture',
        reference,
        amount,
        details: {},
      }),
    );
    await send(ctx, op.id);
  }).catch((error) => ctx.log.error('auto-capture failed', { reference, error: (error as Error).message }));
}
