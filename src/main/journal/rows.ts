import type {
  Aggregate,
  AttentionReason,
  Currency,
  ErrorCode,
  GoLiveScenario,
  OperationKind,
  OperationStatus,
  OrderLine,
  PaymentFlow,
  SaleOrigin,
  SaleStatus,
  VippsEventName,
  VippsState,
} from '../../preload/contract';

/** A sale as the journal keeps it. Never holds a full phone number. */
export interface PaymentRow {
  reference: string;
  counterId: string;
  amount: number;
  currency: Currency;
  flow: PaymentFlow;
  description: string;
  phoneMasked: string | null;
  phoneLast4: string | null;
  lines: OrderLine[];
  /** VAT rate for the receipt's one line when the sale has no lines (null: made before rates existed). */
  vatRate: number | null;
  status: SaleStatus;
  vippsState: VippsState | null;
  pspReference: string | null;
  aggregate: Aggregate;
  qr: { kind: 'url' | 'image'; value: string } | null;
  expiresAt: string | null;
  attention: AttentionReason | null;
  receipt: 'none' | 'pending' | 'sent' | 'failed';
  /** The cashier pressed cancel while the customer was deciding. */
  cancelRequested: boolean;
  /** The cashier left the sale before Vipps decided it (dismissed, or cancel could not be delivered). */
  givenUp: boolean;
  dismissed: boolean;
  /** Another counter's sale adopted into this journal (migration 0185); null for our own. */
  origin: SaleOrigin | null;
  /** A go-live evidence payment (the scenario it was made for), or null for a shop's sale. */
  goLive: GoLiveScenario | null;
  createdAt: string;
  updatedAt: string;
}

export interface OperationError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

/** One money intent. Written before its HTTP call; its key is reused on every retry. */
export interface OperationRow {
  id: string;
  reference: string;
  kind: OperationKind;
  idempotencyKey: string;
  amount: number | null;
  /** Refunds: the dialog's requestId; one request maps to exactly one operation. */
  requestId: string | null;
  /**
   * Create only, and only while undecided: the exact body to re-send with the same key after a
   * crash (it may hold the customer's phone number, so it is blanked once the create is decided).
   */
  requestBody: string | null;
  status: OperationStatus;
  attempts: number;
  reason: string | null;
  lastError: OperationError | null;
  createdAt: string;
  updatedAt: string;
}

export interface VippsEventRow {
  reference: string;
  name: VippsEventName;
  amount: number;
  currency: Currency;
  timestamp: string;
  success: boolean;
  idempotencyKey: string | null;
  pspReference: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  reference: string | null;
  amount: number | null;
  details: Record<string, unknown>;
}
