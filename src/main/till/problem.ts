/**
 * Errors on the till API are RFC 9457 problem documents carrying the app's own stable error codes
 * (src/preload/contract/errors.ts) and the wording key the cashier window uses for the same code,
 * so a till can show the shop's own words for it.
 */
import type { ErrorCode, PosError } from '../../preload/contract';

export const PROBLEM_TYPE_BASE = 'urn:vipps-mobilepay-counter:problem:';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  /** i18n key of the cashier window's text for this code (namespace "errors"). */
  wordingKey: string;
  retryable: boolean;
  details?: PosError['details'];
}

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  AUTH: 502,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  NETWORK: 502,
  TIMEOUT: 504,
  OUTCOME_UNKNOWN: 502,
  ACTIVE_PAYMENT_EXISTS: 409,
  AMOUNT_EXCEEDS_REMAINING: 409,
  INVALID_STATE: 409,
  OPERATION_IN_PROGRESS: 409,
  NOT_CONFIGURED: 503,
  ENCRYPTION_UNAVAILABLE: 500,
  JOURNAL: 503,
  FORBIDDEN: 403,
  RECOVERING: 503,
  INTERNAL: 500,
};

const TITLES: Record<ErrorCode, string> = {
  VALIDATION: 'The request is not valid',
  AUTH: 'Vipps MobilePay did not accept the shop’s keys',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Refused because of the payment’s state or an earlier request',
  RATE_LIMITED: 'Too many requests',
  UPSTREAM: 'Vipps MobilePay answered with an error',
  NETWORK: 'No connection to Vipps MobilePay',
  TIMEOUT: 'Vipps MobilePay did not answer in time',
  OUTCOME_UNKNOWN: 'Outcome unknown — checking with Vipps MobilePay, do not charge again',
  ACTIVE_PAYMENT_EXISTS: 'Another sale is in progress on this counter',
  AMOUNT_EXCEEDS_REMAINING: 'The amount is more than what remains',
  INVALID_STATE: 'Not allowed in the payment’s current state',
  OPERATION_IN_PROGRESS: 'An operation on this payment is still running',
  NOT_CONFIGURED: 'The counter app is not set up for payments',
  ENCRYPTION_UNAVAILABLE: 'Secrets cannot be protected on this computer',
  JOURNAL: 'The payment journal cannot be used',
  FORBIDDEN: 'Not allowed',
  RECOVERING: 'Checking unfinished payments first',
  INTERNAL: 'Something went wrong in the counter app',
};

export function problemStatus(code: ErrorCode): number {
  return STATUS[code];
}

export function toProblem(error: PosError, status = problemStatus(error.code)): Problem {
  return {
    type: PROBLEM_TYPE_BASE + error.code,
    title: TITLES[error.code],
    status,
    detail: error.message,
    code: error.code,
    wordingKey: `errors:codes.${error.code}`,
    retryable: error.retryable,
    ...(error.details ? { details: error.details } : {}),
  };
}

export function problemOf(
  code: ErrorCode,
  message: string,
  options: { status?: number; details?: PosError['details']; retryable?: boolean } = {},
): Problem {
  return toProblem(
    {
      code,
      message,
      retryable: options.retryable ?? false,
      ...(options.details ? { details: options.details } : {}),
    },
    options.status,
  );
}
