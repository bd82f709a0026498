import {
  type Aggregate,
  type AttentionReason,
  FINAL_SALE_STATUSES,
  type SaleStatus,
  type ShownStatus,
} from '../../preload/contract';
import type { OperationRow, PaymentRow } from '../journal';

export function isFinal(status: SaleStatus): boolean {
  return FINAL_SALE_STATUSES.includes(status);
}

function latest(ops: readonly OperationRow[], kind: OperationRow['kind']): OperationRow | undefined {
  return ops.filter((o) => o.kind === kind).at(-1);
}

/**
 * The cashier's view of a sale, derived from one place: what Vipps last told us (state + aggregate),
 * which intents are still open in the journal, and what the cashier did (cancel, give up). Every
 * change to a payment goes through this, so the journal's status column can never contradict its
 * own operations.
 */
export function deriveStatus(
  row: PaymentRow,
  ops: readonly OperationRow[],
): { status: SaleStatus; attention: AttentionReason | null } {
  if (ops.some((o) => o.status === 'unknown')) return { status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' };
  // An adopted sale was created by another counter: Vipps' state is all there is to go by.
  if (!row.origin) {
    const create = latest(ops, 'create');
    if (!create || create.status === 'pending') return { status: 'CREATING', attention: null };
    if (create.status === 'failed') return { status: 'FAILED', attention: null };
  }
  const pending = (kind: OperationRow['kind']) => ops.some((o) => o.kind === kind && o.status === 'pending');

  switch (row.vippsState) {
    case null:
    case 'CREATED':
      // A cancel of a waiting sale is written together with cancelRequested (cancel.ts).
      return { status: row.cancelRequested ? 'CANCELLING' : 'WAITING', attention: null };
    case 'ABORTED':
      return { status: 'REJECTED', attention: null };
    case 'EXPIRED':
      return { status: 'EXPIRED', attention: null };
    case 'TERMINATED':
      return { status: 'CANCELLED', attention: null };
  }
  // AUTHORIZED: what happened to the money, and what is on its way, decide.

  const { authorized, captured, cancelled } = row.aggregate;
  if (pending('capture')) return { status: 'CAPTURING', attention: null };
  if (pending('cancel')) return { status: 'CANCELLING', attention: null };
  // Everything reserved is decided: completed when any of it was captured, else all given back.
  if (captured + cancelled >= authorized)
    return { status: captured > 0 ? 'COMPLETED' : 'RELEASED', attention: null };
  // Go-live evidence is left reserved on purpose (the AUTHORIZED scenario): nobody is asked to decide.
  if (row.goLive) return { status: 'RESERVED', attention: null };
  if (captured === 0 && (row.cancelRequested || row.givenUp)) {
    return { status: 'DECISION_NEEDED', attention: row.givenUp ? 'LATE_APPROVAL' : 'APPROVED_DURING_CANCEL' };
  }
  if (latest(ops, 'capture')?.status === 'failed') return { status: 'RESERVED', attention: 'CAPTURE_FAILED' };
  return { status: 'RESERVED', attention: 'RESERVATION_NOT_CAPTURED' };
}

/**
 * What staff see for a sale: a completed sale with refunds reads as partly or fully refunded. The
 * journal's status column stays the engine's state; SHOWN_STATUS_SQL is the same rule in SQL (for
 * the day report and the History filter), and a test holds the two together.
 */
export function shownStatus(status: SaleStatus, aggregate: Aggregate): ShownStatus {
  if (status !== 'COMPLETED' || aggregate.refunded <= 0) return status;
  return aggregate.refunded >= aggregate.captured ? 'REFUNDED' : 'PARTLY_REFUNDED';
}
