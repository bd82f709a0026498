/**
 * The Vipps API as the rest of main sees it. The ky-based implementation lives in ./client.ts;
 * the wire shapes follow ../shared/vipps-specs (ePayment 1.4.1 + current docs, Order Management 2.1).
 */
import type { Currency, ErrorCode, VippsEventName, VippsState } from '../../preload/contract';

export type VippsEnvironment = 'production' | 'test' | 'training';

export const VIPPS_BASE_URLS: Record<Exclude<VippsEnvironment, 'training'>, string> = {
  production: 'https://api.vipps.no',
  test: 'https://apitest.vipps.no',
};

export interface VippsCredentials {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  merchantSerialNumber: string;
}

export interface SystemInfo {
  /** Vipps-System-Name / -Version: the app. */
  systemName: string;
  systemVersion: string;
  /** Vipps-System-Plugin-Name / -Version. */
  pluginName: string;
  pluginVersion: string;
}

export interface Amount {
  value: number;
  currency: Currency;
}

export type UserFlow = 'PUSH_MESSAGE' | 'QR' | 'WEB_REDIRECT' | 'NATIVE_REDIRECT';

export type Customer = { phoneNumber: string } | { personalQr: string } | { customerToken: string };

export interface ReceiptOrderLine {
  name: string;
  id: string;
  totalAmount: number;
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
  taxRate?: number;
  taxPercentage?: number;
  unitInfo?: {
    unitPrice: number;
    quantity: string;
    quantityUnit?: 'PCS' | 'KG' | 'KM' | 'MINUTE' | 'LITRE' | 'KWH';
  };
  discount?: number;
  isReturn?: boolean;
  isShipping?: boolean;
}

export interface Receipt {
  orderLines: ReceiptOrderLine[];
  bottomLine: { currency: Currency; posId?: string; receiptNumber?: string; tipAmount?: number };
}

export interface CreatePaymentRequest {
  amount: Amount;
  paymentMethod: { type: 'WALLET' };
  reference: string;
  userFlow: UserFlow;
  customer?: Customer;
  customerInteraction?: 'CUSTOMER_PRESENT' | 'CUSTOMER_NOT_PRESENT';
  paymentDescription?: string;
  qrFormat?: { format: 'TEXT/TARGETURL' | 'IMAGE/SVG+XML' | 'IMAGE/PNG'; size?: number };
  returnUrl?: string;
  receipt?: Receipt;
  metadata?: Record<string, string>;
}

export interface CreatePaymentResponse {
  reference: string;
  redirectUrl?: string;
}

export interface PaymentAggregate {
  authorizedAmount: Amount;
  cancelledAmount: Amount;
  capturedAmount: Amount;
  refundedAmount: Amount;
}

export interface GetPaymentResponse {
  reference: string;
  state: VippsState;
  amount: Amount;
  aggregate: PaymentAggregate;
  pspReference: string;
  paymentMethod: { type: string; cardBin?: string };
  profile: { sub?: string };
  redirectUrl?: string;
  metadata?: Record<string, string> | null;
}

export interface ModificationResponse {
  reference: string;
  state: VippsState;
  amount: Amount;
  aggregate: PaymentAggregate;
  pspReference: string;
}

export interface PaymentEvent {
  reference: string;
  pspReference: string;
  name: VippsEventName;
  amount: Amount;
  timestamp: string;
  idempotencyKey: string | null;
  success: boolean;
}

export interface AccessToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Every changing call takes the caller's Idempotency-Key. The engine journals the key before the
 * call and passes the same key on every retry, including after a crash; the client never makes one.
 */
export interface VippsClient {
  /** Fetches (or reuses) an access token; used by "test connection" and the self-test. */
  fetchToken(): Promise<AccessToken>;
  createPayment(req: CreatePaymentRequest, idempotencyKey: string): Promise<CreatePaymentResponse>;
  getPayment(reference: string): Promise<GetPaymentResponse>;
  getEvents(reference: string): Promise<PaymentEvent[]>;
  cancelPayment(
    reference: string,
    idempotencyKey: string,
    options?: { cancelTransactionOnly?: boolean },
  ): Promise<ModificationResponse>;
  capturePayment(reference: string, amount: Amount, idempotencyKey: string): Promise<ModificationResponse>;
  refundPayment(reference: string, amount: Amount, idempotencyKey: string): Promise<ModificationResponse>;
  /** Test environment and simulator only. */
  forceApprove(reference: string, body: { customer?: Customer; token?: string }): Promise<void>;
  /** Order Management: POST /order-management/v2/ECOM/receipts/{reference}. */
  addReceipt(reference: string, receipt: Receipt): Promise<void>;
}

/** Vipps' problem+json body (RFC 7807 + extraDetails). */
export interface VippsProblem {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  instance?: string;
  traceId?: string;
  extraDetails?: Array<{ name: string; reason: string }>;
}

/**
 * The one error model for Vipps calls. `outcomeUnknown` is true when the request may have been
 * applied (timeout, connection lost after sending, 5xx on a changing call): the caller must check
 * with Vipps, never repeat with a new key. Never carries secrets or Authorization headers.
 */
export interface VippsErrorShape {
  code: ErrorCode;
  message: string;
  status?: number;
  retryable: boolean;
  outcomeUnknown: boolean;
  /** Vipps' own 4–5 digit error code from extraDetails, e.g. "6150". */
  vippsErrorCode?: string;
  traceId?: string;
  problem?: VippsProblem;
  /** Which operation failed, e.g. "capturePayment". */
  operation: string;
}
