import type { GetPaymentResponse } from '../vipps/types';
import type { EngineContext } from './context';
import { describeFailure } from './failure';
import { resolveOpenOperations } from './reconcile';
import { isFinal } from './status';
import { applyRemote, type PaymentChange, updatePayments } from './store';

export interface RecoveryReport {
  checked: number;
  resolved: number;
  needsAttention: number;
}

/**
 * Vipps reads in flight at once. One at a time, a thousand sales left by a crash keep the counter
 * closed for a thousand round trips; eight keep well inside Vipps' rate limits for one merchant.
 */
const VIPPS_CONCURRENCY = 8;
/** Sales whose answers are written in one transaction (one fsync instead of one per sale). */
const WRITE_BATCH = 64;

/** Runs `work` over `items`, at most `limit` at a time; every item is tried before a rejection. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/**
 * What the journal alone tells, for every sale at once: an intent written before the crash with no
 * outcome is now "unknown" (whether it left is not known, so the cashier sees "checking with
 * Vipps"), and a sale that went down while the customer was deciding is one the cashier may have
 * settled another way meanwhile, so an approval found now is the cashier's decision, not an
 * auto-capture. Nothing here depends on an answer from Vipps.
 */
function journalFindings(ctx: EngineContext, references: readonly string[]): void {
  const changes: PaymentChange[] = [];
  for (const reference of references) {
    const ops = ctx.journal.operations.forReference(reference);
    const unanswered = ops.filter((o) => o.status === 'pending');
    const neverCaptured = !ops.some((o) => o.kind === 'capture');
    if (unanswered.length === 0 && !neverCaptured) continue;
    changes.push({
      reference,
      alsoWrite: () => {
        for (const op of unanswered)
          ctx.journal.operations.save({ ...op, status: 'unknown', updatedAt: ctx.iso() });
      },
      mutate: (row) => {
        if (neverCaptured && (row.vippsState === null || row.vippsState === 'CREATED')) row.givenUp = true;
      },
    });
  }
  updatePayments(ctx, changes);
}

/**
 * Asks Vipps about one sale: open intents first (re-sent only with their stored key), then the
 * payment itself. Returns the answer to write, or null when there is nothing to write now.
 */
async function askVipps(ctx: EngineContext, reference: string): Promise<GetPaymentResponse | null> {
  try {
    if ((await resolveOpenOperations(ctx, reference)) === 'open') {
      ctx.reconcileLater(reference);
      return null;
    }
    if (ctx.journal.payments.get(reference)!.status === 'FAILED') return null;
    return await ctx.vipps.getPayment(reference);
  } catch (error) {
    // A journal that cannot be written stops recovery (blocking); Vipps trouble is retried later.
    if (describeFailure(error).code === 'JOURNAL') throw error;
    ctx.log.warn('recovery could not reach Vipps', { reference, code: describeFailure(error).code });
    const row = ctx.journal.payments.get(reference);
    if (row && !isFinal(row.status)) ctx.watch(reference);
    return null;
  }
}

/**
 * One batch: Vipps reads in parallel, then every answer written in one transaction after it came. A
 * sale that ended gets its event log the way every sale does when it ends (store.ts, announce).
 */
async function recoverBatch(ctx: EngineContext, references: readonly string[]): Promise<void> {
  for (const reference of references) ctx.locks.set(reference, 'check with Vipps');
  try {
    const answers = await inPool(references, VIPPS_CONCURRENCY, (reference) => askVipps(ctx, reference));
    const changes: PaymentChange[] = [];
    references.forEach((reference, i) => {
      const remote = answers[i];
      if (!remote) return;
      // An approval found now is the cashier's to decide: journalFindings already marked every sale
      // that was waiting for its customer as given up.
      changes.push({ reference, mutate: (r) => applyRemote(r, remote) });
    });
    const rows = updatePayments(ctx, changes);
    for (const row of rows) {
      if (row.vippsState === 'CREATED') ctx.watch(row.reference);
    }
  } finally {
    for (const reference of references) ctx.locks.delete(reference);
  }
}

/**
 * Start-up pass: every sale Vipps may still change and every intent without an outcome is checked
 * with Vipps before new work is accepted. Intents that never got an answer are re-sent with their
 * stored key (or, for an old create Vipps never saw, marked failed); the results are in the journal.
 * The write-ahead rule holds per sale: an outcome is written only after Vipps answered for it.
 */
export async function recover(ctx: EngineContext, finals: readonly string[]): Promise<RecoveryReport> {
  ctx.phase = 'recovering';
  const report = await checkUnfinished(ctx, finals);
  // Only a finished pass lets money work in. After a failure the phase stays 'recovering', so every
  // payment action is refused until a later recover() (the core's recovery gate retries) gets through.
  ctx.phase = 'ready';
  return report;
}

async function checkUnfinished(ctx: EngineContext, finals: readonly string[]): Promise<RecoveryReport> {
  const found = new Set<string>();
  for (const row of ctx.journal.payments.unfinished(finals as never)) found.add(row.reference);
  for (const op of ctx.journal.operations.open()) found.add(op.reference);
  const references = [...found];
  journalFindings(ctx, references);
  for (let i = 0; i < references.length; i += WRITE_BATCH) {
    await recoverBatch(ctx, references.slice(i, i + WRITE_BATCH));
  }
  let resolved = 0;
  let needsAttention = 0;
  for (const reference of references) {
    const row = ctx.journal.payments.get(reference)!;
    const open = ctx.journal.operations
      .forReference(reference)
      .some((o) => o.status === 'pending' || o.status === 'unknown');
    // No intent left open means the status is decided too (UNKNOWN comes only from an unknown intent).
    if (!open) resolved++;
    if (row.attention) needsAttention++;
  }
  if (references.length > 0) {
    ctx.log.info('recovery done', { checked: references.length, resolved, needsAttention });
  }
  return { checked: references.length, resolved, needsAttention };
}
