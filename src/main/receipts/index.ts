/** Receipts to the Vipps payment history (Order Management): validation, building, the job queue. */
export { buildReceipt, type ReceiptSource, receiptSource, summaryReceipt } from './build';
export {
  createReceiptQueue,
  DEFAULT_RECEIPT_BACKOFF,
  type ReceiptBackoff,
  type ReceiptQueue,
  type ReceiptQueueOptions,
} from './queue';
export { RECEIPT_LIMITS, receiptProblems, validateReceiptLines } from './validate';
export { allocateVat, splitVat } from './vat';
export { receiptView } from './view';
