import type { EngineContext } from './context';
import { syncEventLog } from './event-log';
import { describeFailure } from './failure';
import { resolveOpenOperations } from './reconcile';
import { isFinal } from './status';
import { applyRemote, updatePayment } from './store';

export interface RecoveryReport {
  checked: number;
  resolved: number;
  needsAttention: number;
}

async function recoverOne(ctx: EngineContext, reference: string): Promise<void> {
  const ops = ctx.journal.operations.forReference(reference);
  const unanswered = ops.filter((o) => o.status === 'pending');
  if (unanswered.length > 0) {
    // Written before the crash, outcome never recorded: whether the request left is unknown, so
    // the cashier sees "checking with Vipps" until it is settled.
    updatePayment(ctx, reference, undefined, () => {
      for (const op of unanswered)
        ctx.journal.operations.save({ ...op, status: 'unknown', updatedAt: ctx.iso() });
    });
  }
  if (!ops.some((o) => o.kind === 'capture')) {
    // The app went down while the customer was deciding. The cashier may have settled the sale
    // another way meanwhile, so an approval found now is the cashier's decision, not an auto-capture.
    updatePayment(ctx, reference, (row) => {
      if (row.vippsState === null || row.vippsState === 'CREATED') row.givenUp = true;
    });
  }
  ctx.locks.set(reference, 'check with Vipps');
  try {
    if ((await resolveOpenOperations(ctx, reference)) === 'open') {
      ctx.reconcileLater(reference);
      return;
    }
    const row = ctx.journal.payments.get(reference)!;
    if (row.status === 'FAILED') return;
    const remote = await ctx.vipps.getPayment(reference);
    const after = updatePayment(ctx, reference, (r) => {
      const waitingBefore = r.vippsState === null || r.vippsState === 'CREATED';
      applyRemote(r, remote);
      // Approved while the app was down, with no capture ever intended: ask the cashier.
      if (waitingBefore && r.vippsState === 'AUTHORIZED' && r.aggregate.captured === 0) r.givenUp = true;
    });
    if (after.vippsState === 'CREATED') ctx.watch(reference);
    if (isFinal(after.status)) await syncEventLog(ctx, reference);
  } catch (error) {
    ctx.log.warn('recovery could not reach Vipps', { reference, code: describeFailure(error).code });
    const row = ctx.journal.payments.get(reference);
    if (row && !isFinal(row.status)) ctx.watch(reference);
  } finally {
    ctx.locks.delete(reference);
  }
}

/**
 * Start-up pass: every sale Vipps may still change and every intent without an outcome is checked
 * with Vipps before new work is accepted. Intents that never got an answer are re-sent with their
 * stored key (or, for an old create Vipps never saw, marked failed); the results are in the journal.
 */
export async function recover(ctx: EngineContext, finals: readonly string[]): Promise<RecoveryReport> {
  ctx.phase = 'recovering';
  try {
    const references = new Set<string>();
    for (const row of ctx.journal.payments.unfinished(finals as never)) references.add(row.reference);
    for (const op of ctx.journal.operations.open()) references.add(op.reference);
    for (const reference of references) await recoverOne(ctx, reference);
    let resolved = 0;
    let needsAttention = 0;
    for (const reference of references) {
      const row = ctx.journal.payments.get(reference)!;
      const open = ctx.journal.operations
        .forReference(reference)
        .some((o) => o.status === 'pending' || o.status === 'unknown');
      if (!open && row.status !== 'UNKNOWN') resolved++;
      if (row.attention) needsAttention++;
    }
    if (references.size > 0) {
      ctx.log.info('recovery done', { checked: references.size, resolved, needsAttention });
    }
    return { checked: references.size, resolved, needsAttention };
  } finally {
    ctx.phase = 'ready';
  }
}
