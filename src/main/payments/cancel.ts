import type { PaymentView } from '../../preload/contract';
import { capturable, refreshFromVipps } from './capture';
import { type EngineContext, withLock } from './context';
import { assertNoOpenOperation, newOperation, recordIntent, send } from './execute';
import { fail, withReference } from './failure';
import { adoptedDetails } from './lookup';
import { loadPayment, updatePayment } from './store';
import { checkReference } from './validate';
import { paymentView } from './views';

/**
 * Cancel while the customer decides. Sent with `cancelTransactionOnly`, so if the customer approved
 * at the same moment Vipps refuses (6060) instead of voiding an approved sale; the cashier is then
 * asked to complete or release. The sale is never shown as cancelled while money is reserved.
 */
async function cancelWaiting(ctx: EngineContext, reference: string, actor: string): Promise<PaymentView> {
  const op = newOperation(ctx, {
    reference,
    kind: 'cancel',
    amount: null,
    requestBody: { cancelTransactionOnly: true },
  });
  recordIntent(ctx, op, (row) => {
    row.cancelRequested = true;
    ctx.journal.audit.append({
      at: ctx.iso(),
      actor,
      action: 'cancel',
      reference,
      amount: null,
      details: {},
    });
  });
  const outcome = await send(ctx, op.id);
  if (outcome.status !== 'failed') return paymentView(outcome.row);
  // Refused or not delivered: learn what Vipps has now (approved in the race, expired, still waiting).
  try {
    const row = await refreshFromVipps(ctx, reference);
    if (row.vippsState !== 'CREATED') return paymentView(row);
  } catch {
    // Vipps unreachable: fall through; the poller keeps watching.
  }
  // The cancel did not get through and the customer can still approve. The sale is waiting again
  // (not "cancelling": nothing is on its way), so the cashier can cancel again or leave it; it stays
  // watched until Vipps' expiry, and an approval now is a late approval, never captured by itself.
  updatePayment(ctx, reference, (row) => {
    row.givenUp = true;
    row.cancelRequested = false;
  });
  ctx.watch(reference);
  throw withReference(outcome.failure, reference);
}

/** Release of a reservation (or of what is left after a partial capture): a plain cancel. */
export async function releaseLocked(
  ctx: EngineContext,
  reference: string,
  actor: string,
): Promise<PaymentView> {
  const fresh = await refreshFromVipps(ctx, reference);
  if (fresh.vippsState !== 'AUTHORIZED' || capturable(fresh) === 0) {
    throw fail('INVALID_STATE', 'Nothing is reserved on this sale to release.', reference);
  }
  assertNoOpenOperation(ctx, reference);
  const amount = capturable(fresh);
  const op = newOperation(ctx, { reference, kind: 'cancel', amount, requestBody: {} });
  recordIntent(ctx, op, () =>
    ctx.journal.audit.append({
      at: ctx.iso(),
      actor,
      action: 'release',
      reference,
      amount,
      details: adoptedDetails(fresh),
    }),
  );
  const outcome = await send(ctx, op.id);
  if (outcome.status === 'failed') throw withReference(outcome.failure, reference);
  return paymentView(outcome.row);
}

export function cancelPayment(
  ctx: EngineContext,
  reference: string,
  actor = 'cashier',
): Promise<PaymentView> {
  if (ctx.phase !== 'ready') return Promise.reject(fail('RECOVERING', 'Checking unfinished payments first.'));
  try {
    checkReference(reference);
    const row = loadPayment(ctx, reference);
    switch (row.status) {
      case 'WAITING':
        return withLock(ctx, reference, 'cancel', () => cancelWaiting(ctx, reference, actor));
      case 'RESERVED':
      case 'DECISION_NEEDED':
        return withLock(ctx, reference, 'release', () => releaseLocked(ctx, reference, actor));
      case 'CREATING':
      case 'CAPTURING':
      case 'CANCELLING':
        throw fail('OPERATION_IN_PROGRESS', 'Vipps is still working on this sale; wait a moment.', reference);
      case 'UNKNOWN':
        throw fail(
          'INVALID_STATE',
          'Checking with Vipps what happened; cancel when that is known.',
          reference,
        );
      default:
        // Every status Vipps or the cashier can still change has its case above: the rest are final.
        throw fail('INVALID_STATE', 'This sale is already finished.', reference);
    }
  } catch (error) {
    return Promise.reject(error);
  }
}
