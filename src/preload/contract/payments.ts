/** Payments: sale states, the views of a payment and the requests that act on one (src/main/payments). */

import type { ErrorCode } from './errors';
import type { Brand, Currency, MinorUnits } from './money';
import type { Approval } from './staff';

/** How the customer is reached. */
export type PaymentFlow =
  /** Cashier types the customer's phone number; Vipps pushes the request to the app. */
  | 'PUSH_PHONE'
  /** A dynamic QR is shown (cashier and customer display); the customer scans it. */
  | 'QR'
  /** A keyboard-wedge scanner reads the customer's personal QR; sent as `customer.personalQr`. */
  | 'PERSONAL_QR';

/** The references Vipps' go-live checklist asks for: one ending in each of these. */
export type GoLiveScenario = 'AUTHORIZED' | 'CAPTURED' | 'REFUNDED' | 'CANCELLED';

/** Vipps' own payment state (ePayment `State`). */
export type VippsState = 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED';

/** Vipps event log names (`PaymentEvent.name`). */
export type VippsEventName =
  | 'CREATED'
  | 'ABORTED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'CAPTURED'
  | 'REFUNDED'
  | 'AUTHORIZED'
  | 'TERMINATED';

/**
 * The sale as the cashier sees it. Derived by the engine from the journal and Vipps' answers.
 * - CREATING: the create intent is journaled and the request is on its way.
 * - WAITING: Vipps has the payment (CREATED); waiting for the customer.
 * - CANCELLING: the cashier pressed cancel; waiting for Vipps to confirm.
 * - RESERVED: the customer approved (AUTHORIZED) and nothing is captured yet (reserve-only policy,
 *   or capture not yet started).
 * - CAPTURING: capture intent journaled, request in flight.
 * - COMPLETED: captured (fully, or partly with the rest released). The sale is done.
 * - REJECTED / EXPIRED: the customer declined / did not act in time. No money moved.
 * - CANCELLED: cancelled before approval (Vipps TERMINATED). No money moved.
 * - RELEASED: approved, then the whole reservation was released without capture. No money moved.
 * - FAILED: Vipps refused to create the payment (e.g. invalid phone). No money moved.
 * - UNKNOWN: an operation's outcome is not known yet. "Checking with Vipps — do not charge again."
 * - DECISION_NEEDED: money is reserved but the cashier had given up or cancelled (late approval,
 *   approve-during-cancel). The cashier must choose complete (capture) or release (cancel).
 */
export const SALE_STATUSES = [
  'CREATING',
  'WAITING',
  'CANCELLING',
  'RESERVED',
  'CAPTURING',
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'RELEASED',
  'FAILED',
  'UNKNOWN',
  'DECISION_NEEDED',
] as const;

export type SaleStatus = (typeof SALE_STATUSES)[number];

/**
 * How much of a completed sale was given back, read from Vipps' aggregate (refunded vs captured).
 * Not a SaleStatus: refunds do not change where the sale is in the engine's state machine (it stays
 * COMPLETED, and a partly refunded sale can be refunded again); they change what it means to staff.
 */
export const REFUND_STATES = ['PARTLY_REFUNDED', 'REFUNDED'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

/**
 * What History, the detail header and the day report show and filter by: the sale's status, except
 * that a completed sale with refunds reads as partly or fully refunded instead of "Paid".
 */
export type ShownStatus = SaleStatus | RefundState;
export const SHOWN_STATUSES: readonly ShownStatus[] = [...SALE_STATUSES, ...REFUND_STATES];

export const FINAL_SALE_STATUSES: readonly SaleStatus[] = [
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'RELEASED',
  'FAILED',
];

export type OperationKind = 'create' | 'capture' | 'cancel' | 'refund' | 'receipt';
export type OperationStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

export interface Aggregate {
  authorized: MinorUnits;
  captured: MinorUnits;
  refunded: MinorUnits;
  cancelled: MinorUnits;
}

export interface OrderLine {
  name: string;
  /** Price of one unit incl. VAT, minor units. */
  unitPrice: MinorUnits;
  quantity: number;
  /** VAT rate in hundredths of a percent (2500 = 25 %). */
  taxRate?: number;
}

export interface OperationView {
  id: string;
  kind: OperationKind;
  amount: MinorUnits | null;
  status: OperationStatus;
  attempts: number;
  reason: string | null;
  lastError: { code: ErrorCode; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentView {
  reference: string;
  counterId: string;
  amount: MinorUnits;
  currency: Currency;
  flow: PaymentFlow;
  description: string;
  /** Only the last digits are ever stored or shown, e.g. "•••• 4567". */
  phoneMasked: string | null;
  status: SaleStatus;
  /** `status`, or PARTLY_REFUNDED / REFUNDED for a completed sale with refunds. */
  shown: ShownStatus;
  /** The brand the sale was made with (from its currency: NOK = Vipps, DKK/EUR = MobilePay). */
  brand: Brand;
  vippsState: VippsState | null;
  aggregate: Aggregate;
  /** What the shop keeps of the sale: captured − refunded. */
  kept: MinorUnits;
  /** What may still be captured (authorized − captured − cancelled) and refunded (captured − refunded). */
  capturable: MinorUnits;
  refundable: MinorUnits;
  /** QR flow only: what the customer scans (a URL or SVG data URL from Vipps). */
  qr: { kind: 'url' | 'image'; value: string } | null;
  /** When Vipps lets the payment expire if the customer does nothing (ISO 8601). */
  expiresAt: string | null;
  /** Why staff must look at this payment (unknown outcome, decision needed, …), or null. */
  attention: AttentionReason | null;
  receipt: 'none' | 'pending' | 'sent' | 'failed';
  lines: OrderLine[];
  /**
   * Absent for this counter's own sales. Set for another counter's sale: found at Vipps by its
   * reference (`adoptedAt` null, nothing journaled) or adopted into this journal to act on it.
   */
  origin?: SaleOrigin;
  /** A go-live evidence payment (the checklist scenario it was made for), not a shop's sale; else null. */
  goLive: GoLiveScenario | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where another counter's sale came from, as far as Vipps tells it: the metadata this app sends
 * with every sale (counter, method, description) and the time of its CREATED event. Sales made
 * elsewhere, or before the app sent metadata, leave these null.
 */
export interface SaleOrigin {
  counterId: string | null;
  description: string | null;
  /** null: Vipps does not say (the view's `flow` is then only a placeholder). */
  flow: PaymentFlow | null;
  createdAt: string | null;
  /** When this counter took the sale into its journal to act on it; null while only looked up. */
  adoptedAt: string | null;
}

/** The `metadata` keys this app sends with every sale, read back when another counter looks it up. */
export const ORIGIN_METADATA = {
  counterId: 'posCounterId',
  flow: 'posFlow',
  description: 'posDescription',
} as const;

/**
 * What a lookup of a whole reference found: a sale in this journal (own or adopted), another
 * counter's sale at Vipps (not journaled until someone acts on it), or nothing at Vipps either.
 */
export type LookupResult =
  | { found: 'journal'; detail: PaymentDetail }
  | { found: 'vipps'; detail: PaymentDetail }
  | { found: 'none'; reference: string };

/**
 * A reference as this app makes them (`<counter>-<yyyymmdd>-<hhmmss>-<tag4>`, payments/reference.ts).
 * History looks such a reference up at Vipps by itself when this journal does not have it; other
 * references Vipps allows (`VIPPS_REFERENCE`) are looked up when the cashier asks.
 */
export const APP_REFERENCE = /^[A-Za-z0-9]{1,20}-\d{8}-\d{6}-[a-z0-9]{4}$/;
export const VIPPS_REFERENCE = /^[A-Za-z0-9-]{8,64}$/;

export type AttentionReason =
  | 'OUTCOME_UNKNOWN'
  | 'LATE_APPROVAL'
  | 'APPROVED_DURING_CANCEL'
  | 'RESERVATION_NOT_CAPTURED'
  | 'CAPTURE_FAILED';

export interface PaymentEventView {
  name: VippsEventName;
  amount: MinorUnits;
  currency: Currency;
  timestamp: string;
  success: boolean;
  idempotencyKey: string | null;
  pspReference: string;
}

export interface PaymentDetail {
  payment: PaymentView;
  operations: OperationView[];
  events: PaymentEventView[];
}

export interface StartPaymentRequest {
  amount: MinorUnits;
  flow: PaymentFlow;
  /** PUSH_PHONE: digits with country code, e.g. "4791234567". */
  phone?: string;
  /** PERSONAL_QR: the complete scanned text, never parsed. */
  personalQr?: string;
  description?: string;
  lines?: OrderLine[];
}

export interface ReferenceRequest {
  reference: string;
  /** Cancel of reserved money is a release: it may need a manager PIN. */
  approval?: Approval;
}

export interface CaptureRequest {
  reference: string;
  /** Omitted = everything still capturable. */
  amount?: MinorUnits;
}

export interface RefundRequest {
  reference: string;
  approval?: Approval;
  amount: MinorUnits;
  reason: string;
  /**
   * Made once by the refund dialog when it opens. The same requestId always maps to the same
   * journaled operation and Idempotency-Key, so a double click or a retry cannot refund twice.
   */
  requestId: string;
}

export interface ResolveRequest {
  reference: string;
  /** complete = capture the reservation; release = cancel it. */
  action: 'complete' | 'release';
  approval?: Approval;
}

export interface SearchRequest {
  /** Free text: reference fragment or amount ("149,50"). */
  text?: string;
  /** COMPLETED finds paid sales without refunds; PARTLY_REFUNDED / REFUNDED find the refunded ones. */
  status?: ShownStatus;
  /** ISO dates (inclusive day bounds). */
  from?: string;
  to?: string;
  phoneLast4?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

export interface LookupRequest {
  reference: string;
}

export interface SearchResult {
  items: PaymentView[];
  nextCursor: string | null;
}
