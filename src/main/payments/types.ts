/**
 * What the payment engine offers the IPC layer. The engine (./engine.ts) is the only code that
 * moves money: it journals every intent before calling Vipps and reconciles unknown outcomes.
 */
import type {
  AlertEvent,
  CaptureRequest,
  ConnectivityEvent,
  Currency,
  LookupResult,
  PaymentDetail,
  PaymentView,
  RefundRequest,
  ResolveRequest,
  SearchRequest,
  SearchResult,
  StartPaymentRequest,
} from '../../preload/contract';
import type { GoLivePayments } from './golive';

export interface PaymentsEvents {
  payment: (view: PaymentView) => void;
  alert: (alert: AlertEvent) => void;
  connectivity: (state: ConnectivityEvent) => void;
}

/** Calendar days (YYYY-MM-DD, counter's local time, inclusive); both omitted = today. */
export interface SummaryRequest {
  from?: string;
  to?: string;
}

/** Money that moved in the period (by when Vipps confirmed it), per currency. */
export interface CurrencySummary {
  currency: Currency;
  captured: { count: number; amount: number };
  refunded: { count: number; amount: number };
  /** Cancels before approval (amount 0) and releases of reserved money. */
  cancelled: { count: number; amount: number };
}

export interface SalesSummary {
  from: string;
  to: string;
  currencies: CurrencySummary[];
}

export interface PaymentsService {
  /** Reconciles every unfinished payment and operation with Vipps. Resolves when new work may start. */
  recover(): Promise<{ checked: number; resolved: number; needsAttention: number }>;
  start(req: StartPaymentRequest): Promise<PaymentView>;
  /** The counter's current sale (not yet dismissed), or null. */
  active(): PaymentView | null;
  get(reference: string): Promise<PaymentDetail>;
  /**
   * A whole reference: this journal's sale, else another counter's sale at Vipps (read only,
   * nothing journaled), else "Vipps has no such sale".
   */
  lookup(reference: string): Promise<LookupResult>;
  /** Cancel, capture, refund and resolve adopt another counter's approved sale first (lookup.ts). */
  cancel(reference: string): Promise<PaymentView>;
  capture(req: CaptureRequest): Promise<PaymentView>;
  refund(req: RefundRequest): Promise<PaymentView>;
  resolve(req: ResolveRequest): Promise<PaymentView>;
  /** Go-live evidence payments (src/main/golive), journaled like sales and marked as tests. */
  goLive: GoLivePayments;
  /** Clears a final sale from the counter's active slot. */
  dismiss(reference: string): void;
  search(req: SearchRequest): SearchResult;
  /** End-of-day figures for staff: captured, refunded and cancelled per currency. */
  summary(req: SummaryRequest): SalesSummary;
  /** Payments that need staff attention (unknown outcomes, decisions, uncaptured reservations). */
  attention(): PaymentView[];
  on<K extends keyof PaymentsEvents>(event: K, listener: PaymentsEvents[K]): () => void;
  /** Stops pollers and timers (the journal stays open; the core closes it). */
  stop(): Promise<void>;
}

/**
 * Domain errors thrown inside main. The IPC wrapper turns them into `{ ok: false, error }`.
 * Defined in ../errors.ts as `PosFailure`.
 */
export type { PosError } from '../../preload/contract';
