/** Errors and results: what every channel answers. */

import type { Currency, MinorUnits } from './money';

export type ErrorCode =
  /** The request was malformed; nothing happened. */
  | 'VALIDATION'
  /** Credentials rejected by Vipps (401/403). */
  | 'AUTH'
  | 'NOT_FOUND'
  /** Vipps refused because of the payment's state or an idempotency conflict (409 and rule errors). */
  | 'CONFLICT'
  | 'RATE_LIMITED'
  /** Vipps answered 5xx. */
  | 'UPSTREAM'
  /** No connection to Vipps. */
  | 'NETWORK'
  | 'TIMEOUT'
  /** The request may have been applied; the engine is checking. Never repeat by hand. */
  | 'OUTCOME_UNKNOWN'
  /** Another sale is active on this counter. */
  | 'ACTIVE_PAYMENT_EXISTS'
  /** Capture/refund larger than what remains. */
  | 'AMOUNT_EXCEEDS_REMAINING'
  /** The action is not allowed in the payment's current state. */
  | 'INVALID_STATE'
  /** An identical operation is already running (double click, second window). */
  | 'OPERATION_IN_PROGRESS'
  /** Vipps credentials are missing. */
  | 'NOT_CONFIGURED'
  /** The OS keychain cannot encrypt; secrets are not stored in clear. */
  | 'ENCRYPTION_UNAVAILABLE'
  /** The local journal cannot be opened or written. Blocking. */
  | 'JOURNAL'
  /** The staff member may not do this (manager PIN needed). */
  | 'FORBIDDEN'
  /** Start-up recovery has not finished; new work waits. */
  | 'RECOVERING'
  | 'INTERNAL';

export interface PosError {
  code: ErrorCode;
  /** Plain-words message for logs and admins; the renderer has its own cashier wording per code. */
  message: string;
  retryable: boolean;
  details?: {
    reference?: string;
    traceId?: string;
    vippsErrorCode?: string;
    status?: number;
    field?: string;
    issues?: string[];
    /** FORBIDDEN only: a manager PIN would allow it ('required'), or the one given was wrong ('rejected'). */
    approval?: 'required' | 'rejected';
    /** RATE_LIMITED by the PIN lockout: when PINs are accepted again (ISO 8601). */
    retryAt?: string;
    /** VALIDATION of an amount below the smallest one Vipps accepts: that minimum, in this currency. */
    minimum?: MinorUnits;
    currency?: Currency;
  };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PosError };
