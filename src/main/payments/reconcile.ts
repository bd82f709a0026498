/**
 * Deciding operations whose outcome the journal does not know: an answer that never came (timeout,
 * lost response, 5xx) or a crash between intent and outcome. Vipps is asked what happened — the
 * payment and its event log, where each event carries the idempotency key of the request that
 * caused it. An operation is only re-sent with its own stored key, never with a new one.
 */
import type { OperationRow } from '../journal';
import { type EngineContext, later } from './context';
import { storeEvents } from './event-log';
import { send, settleOperation } from './execute';
import { concludedFailure, describeFailure, isNotFound } from './failure';
import { applyRemote } from './store';

export type Resolution = 'decided' | 'open';

async function resolveCreate(ctx: EngineContext, op: OperationRow): Promise<Resolution> {
  try {
    const remote = await ctx.vipps.getPayment(op.reference);
    settleOperation(ctx, op.id, 'succeeded', { mutate: (row) => applyRemote(row, remote) });
    ctx.watch(op.reference);
    return 'decided';
  } catch (error) {
    const failure = describeFailure(error);
    if (!isNotFound(failure)) return 'open';
    const age = ctx.now().getTime() - Date.parse(op.createdAt);
    if (op.requestBody && age < ctx.polling.createResendWindowMs) {
      // Vipps never got it (or not yet): the same key and body make a late original harmless.
      const outcome = await send(ctx, op.id, { conflictMeansUnknown: true });
      return outcome.status === 'unknown' ? 'open' : 'decided';
    }
    settleOperation(ctx, op.id, 'failed', {
      failure: concludedFailure(
        'NOT_FOUND',
        'Vipps never received this payment request; nothing was charged.',
      ),
    });
    return 'decided';
  }
}

async function resolveModification(ctx: EngineContext, op: OperationRow): Promise<Resolution> {
  let matched: { success: boolean } | undefined;
  try {
    const events = await ctx.vipps.getEvents(op.reference);
    storeEvents(ctx, events);
    const mine = events.filter((e) => e.idempotencyKey === op.idempotencyKey);
    if (mine.length > 0) matched = { success: mine.some((e) => e.success) };
  } catch {
    return 'open';
  }
  if (!matched) {
    // No trace at Vipps: it was never applied (or is still on its way). Re-sending with the same
    // key settles it either way.
    const outcome = await send(ctx, op.id);
    return outcome.status === 'unknown' ? 'open' : 'decided';
  }
  let remote: Awaited<ReturnType<EngineContext['vipps']['getPayment']>> | undefined;
  try {
    remote = await ctx.vipps.getPayment(op.reference);
  } catch {
    return 'open';
  }
  settleOperation(ctx, op.id, matched.success ? 'succeeded' : 'failed', {
    mutate: (row) => applyRemote(row, remote),
    ...(matched.success
      ? {}
      : { failure: concludedFailure('CONFLICT', 'Vipps recorded this operation as failed.') }),
  });
  return 'decided';
}

export async function resolveOperation(ctx: EngineContext, op: OperationRow): Promise<Resolution> {
  if (ctx.inFlight.has(op.id)) return 'open';
  return op.kind === 'create' ? resolveCreate(ctx, op) : resolveModification(ctx, op);
}

/** Resolves every open operation of one sale, oldest first; stops at the first that stays open. */
export async function resolveOpenOperations(ctx: EngineContext, reference: string): Promise<Resolution> {
  const open = ctx.journal.operations
    .forReference(reference)
    .filter((o) => o.status === 'pending' || o.status === 'unknown');
  for (const op of open) {
    if ((await resolveOperation(ctx, op)) === 'open') return 'open';
  }
  return 'decided';
}

/** Keeps checking a sale with an unknown outcome, backing off, until it is decided. */
export function createReconciler(ctx: EngineContext) {
  /** Sales with a check waiting or running: one at a time per sale. */
  const scheduled = new Set<string>();

  function schedule(reference: string, delay: number): void {
    if (scheduled.has(reference)) return;
    scheduled.add(reference);
    later(ctx, delay, () => void check(reference, delay));
  }

  /**
   * The sale stays scheduled while its check runs: a re-send inside it that gets no answer either
   * asks for a check too (execute.ts), and that must not replace the backed-off one with the first delay.
   */
  async function check(reference: string, delay: number): Promise<void> {
    if (ctx.locks.has(reference)) {
      // A cashier's action or recovery is on this sale: look again after the same delay.
      later(ctx, delay, () => void check(reference, delay));
      return;
    }
    ctx.locks.set(reference, 'check with Vipps');
    let result: Resolution = 'open';
    try {
      result = await resolveOpenOperations(ctx, reference);
    } catch (error) {
      ctx.log.warn('reconcile failed', { reference, error: (error as Error).message });
    } finally {
      ctx.locks.delete(reference);
      scheduled.delete(reference);
    }
    if (result === 'open') {
      schedule(reference, Math.min(ctx.polling.maxIntervalMs, delay * 2));
      return;
    }
    const row = ctx.journal.payments.get(reference);
    if (row?.vippsState === 'AUTHORIZED') ctx.afterAuthorized(reference);
  }

  return {
    later: (reference: string) => schedule(reference, ctx.polling.reconcileDelayMs),
  };
}
