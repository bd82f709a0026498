/**
 * Public shapes of the in-process Vipps simulator. Amounts are minor units, times are epoch
 * milliseconds on the simulator's clock.
 */
import type { Currency, VippsEventName, VippsState } from '../../preload/contract';

export type { Currency, VippsEventName, VippsState };

/** Every route the simulator answers, named after the spec's operationIds where there is one. */
export type Operation =
  | 'fetchAccessToken'
  | 'createPayment'
  | 'getPayment'
  | 'getPaymentEventLog'
  | 'cancelPayment'
  | 'capturePayment'
  | 'refundPayment'
  | 'forceApprove'
  | 'addReceipt'
  | 'putCategory'
  | 'getOrder'
  | 'uploadImage'
  | 'qrImage'
  | 'qrTarget'
  | 'registerWebhook'
  | 'listWebhooks'
  | 'deleteWebhook'
  | 'getLedgers'
  | 'getReportByDate'
  | 'getReportFeed'
  | 'unknown';

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  merchantSerialNumber: string;
}

export type UserFlow = 'PUSH_MESSAGE' | 'NATIVE_REDIRECT' | 'WEB_REDIRECT' | 'QR';

export type SimCustomer = { phoneNumber: string } | { personalQr: string } | { customerToken: string };

export interface Money {
  value: number;
  currency: Currency;
}

export interface PaymentEventRecord {
  name: VippsEventName;
  amount: number;
  at: number;
  idempotencyKey: string | null;
  success: boolean;
  pspReference: string;
}

/** One payment as the simulator holds it. Read-only for callers; the payment book owns changes. */
export interface PaymentRecord {
  readonly msn: string;
  readonly reference: string;
  /** The CREATED event's pspReference, which Vipps returns on the payment itself. */
  readonly pspReference: string;
  state: VippsState;
  readonly amount: Money;
  readonly userFlow: UserFlow;
  readonly paymentMethodType: 'WALLET' | 'CARD';
  readonly customer: SimCustomer | null;
  readonly customerInteraction: 'CUSTOMER_PRESENT' | 'CUSTOMER_NOT_PRESENT';
  readonly paymentDescription: string | null;
  readonly metadata: Record<string, string> | null;
  readonly profileScope: string | null;
  readonly redirectUrl: string | null;
  /** The token inside redirectUrl (force approve accepts it instead of a customer). */
  readonly redirectToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  aggregate: { authorized: number; cancelled: number; captured: number; refunded: number };
  events: PaymentEventRecord[];
  profileSub: string | null;
}

export type LedgerKind = 'authorize' | 'capture' | 'refund' | 'cancel';

/** A money movement the simulator actually applied. Idempotent replays never add one. */
export interface LedgerEntry {
  seq: number;
  kind: LedgerKind;
  msn: string;
  reference: string;
  amount: number;
  currency: Currency;
  idempotencyKey: string | null;
  at: number;
  /** Captures and refunds: the pspReference Vipps gives this movement (events and settlement). */
  pspReference: string | null;
}

export interface PaymentChange {
  reference: string;
  state: VippsState;
  event: VippsEventName;
  at: number;
}

export type ChangeListener = (change: PaymentChange) => void;
