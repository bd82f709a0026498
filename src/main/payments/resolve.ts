import type { PaymentView, ResolveRequest } from '../../preload/contract';
import { releaseLocked } from './cancel';
import { captureLocked } from './capture';
import { type EngineContext, withLock } from './context';
import { fail } from './failure';
import { loadPayment } from './store';
import { checkReference } from './validate';

/**
 * The cashier's answer to "money is reserved, what now?" (late approval, approved during cancel, or
 * a reservation waiting for capture): complete captures everything still reserved, release cancels it.
 */
export function resolvePayment(ctx: EngineContext, req: ResolveRequest): Promise<PaymentView> {
  if (ctx.phase !== 'ready') return Promise.reject(fail('RECOVERING', 'Checking unfinished payments first.'));
  try {
    const reference = checkReference(req?.reference);
    if (req.action !== 'complete' && req.action !== 'release') {
      throw fail('VALIDATION', 'Choose complete or release.', reference, 'action');
    }
    const row = loadPayment(ctx, reference);
    if (row.status !== 'DECISION_NEEDED' && row.status !== 'RESERVED') {
      throw fail('INVALID_STATE', 'This sale has no reservation waiting for a decision.', reference);
    }
    return req.action === 'complete'
      ? withLock(ctx, reference, 'capture', () => captureLocked(ctx, reference, undefined, 'cashier'))
      : withLock(ctx, reference, 'release', () => releaseLocked(ctx, reference, 'cashier'));
  } catch (error) {
    return Promise.reject(error);
  }
}
