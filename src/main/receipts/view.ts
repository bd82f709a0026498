import type { ReceiptView } from '../../preload/contract';
import type { ReceiptJob } from './jobs-repo';
import { receiptNotes } from './notes';

export type { ReceiptView } from '../../preload/contract';

/** What staff see about a sale's receipt: sent, on its way (and when next), or why not. */
export function receiptView(
  reference: string,
  job: ReceiptJob | undefined,
  saleReceipt: ReceiptView['status'],
): ReceiptView {
  if (!job) {
    return {
      reference,
      status: saleReceipt,
      receiptNumber: null,
      attempts: 0,
      nextAttemptAt: null,
      sentAt: null,
      lastError: null,
      note: null,
      notes: [],
      canRetry: false,
    };
  }
  return {
    reference,
    status: job.status,
    receiptNumber: job.receiptNumber,
    attempts: job.attempts,
    nextAttemptAt: job.status === 'pending' ? job.nextAttemptAt : null,
    sentAt: job.sentAt,
    lastError: job.status === 'sent' ? null : job.lastError,
    note: job.note,
    notes: receiptNotes(job.note),
    canRetry: job.status === 'failed',
  };
}
