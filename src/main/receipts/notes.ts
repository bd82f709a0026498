import type { ReceiptNote } from '../../preload/contract';

/**
 * The notes a receipt job can carry, in main's English (kept in the journal and the log). The
 * renderer gets them as codes (`ReceiptView.notes`) and words them in the UI language.
 */
export const RECEIPT_NOTES: Record<ReceiptNote, string> = {
  'partial-capture':
    'Only part of the sale was captured, so the receipt shows the captured amount per VAT rate.',
  'one-line': 'Sent as one line because the order lines could not be used.',
  'already-ours':
    'Vipps already had this receipt: an earlier attempt reached Vipps though its answer was lost.',
  'already-there':
    'Vipps already had a receipt for this payment (for example one sent with the payment); it was left as it is.',
};

/** The codes of the notes in a job's stored note text (several are joined with spaces). */
export function receiptNotes(note: string | null): ReceiptNote[] {
  if (!note) return [];
  return (Object.keys(RECEIPT_NOTES) as ReceiptNote[]).filter((code) => note.includes(RECEIPT_NOTES[code]));
}
