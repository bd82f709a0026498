import type { PaymentRow } from '../journal';

/** What only the caller can know about a new sale; everything else starts as below unless given. */
export type NewPaymentRow = Pick<
  PaymentRow,
  'reference' | 'counterId' | 'amount' | 'currency' | 'flow' | 'description' | 'createdAt'
> &
  Partial<PaymentRow>;

/**
 * A sale row as it is first journaled: nothing heard from Vipps yet, no money moved, no receipt,
 * no cancel asked for, the counter's current sale, our own (no origin) and not a go-live payment.
 * The status is derived again from the journal's operations on every later change.
 */
export function newPaymentRow(fields: NewPaymentRow): PaymentRow {
  return {
    phoneMasked: null,
    phoneLast4: null,
    lines: [],
    vatRate: null,
    status: 'CREATING',
    vippsState: null,
    pspReference: null,
    aggregate: { authorized: 0, captured: 0, refunded: 0, cancelled: 0 },
    qr: null,
    expiresAt: null,
    attention: null,
    receipt: 'none',
    cancelRequested: false,
    givenUp: false,
    dismissed: false,
    origin: null,
    goLive: null,
    updatedAt: fields.createdAt,
    ...fields,
  };
}
