import type { ErrorCode } from '../../preload/contract';
import { isPosFailure, PosFailure } from '../errors';
import type { OperationError } from '../journal';

/** What the engine needs to know about a failed Vipps call (VippsError carries all of it). */
export interface CallFailure {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** The request may have been applied: check with Vipps, never repeat with a new key. */
  outcomeUnknown: boolean;
  vippsErrorCode: string | undefined;
  retryAfterMs: number | undefined;
  error: PosFailure;
}

export function describeFailure(error: unknown): CallFailure {
  if (isPosFailure(error)) {
    const extra = error as PosFailure & {
      outcomeUnknown?: boolean;
      vippsErrorCode?: string;
      retryAfterMs?: number;
    };
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      outcomeUnknown: extra.outcomeUnknown === true,
      vippsErrorCode: extra.vippsErrorCode ?? error.details?.vippsErrorCode,
      retryAfterMs: extra.retryAfterMs,
      error,
    };
  }
  // Something the client did not expect: we cannot know whether the request went out.
  const failure = new PosFailure('OUTCOME_UNKNOWN', 'The request to Vipps ended unexpectedly.', {
    retryable: true,
  });
  return {
    code: failure.code,
    message: failure.message,
    retryable: failure.retryable,
    outcomeUnknown: true,
    vippsErrorCode: undefined,
    retryAfterMs: undefined,
    error: failure,
  };
}

export function operationError(f: CallFailure): OperationError {
  return { code: f.code, message: f.message, retryable: f.retryable };
}

/** Vipps has no such payment: the client gives every HTTP 404 this code (vipps/errors codeForStatus). */
export function isNotFound(f: CallFailure): boolean {
  return f.code === 'NOT_FOUND';
}

export function fail(code: ErrorCode, message: string, reference?: string, field?: string): PosFailure {
  const details = { ...(reference ? { reference } : {}), ...(field ? { field } : {}) };
  return new PosFailure(code, message, {
    retryable: code === 'OPERATION_IN_PROGRESS' || code === 'RECOVERING',
    ...(Object.keys(details).length ? { details } : {}),
  });
}

/** Re-throws a Vipps failure with the sale's reference attached, for the cashier's detail line. */
export function withReference(f: CallFailure, reference: string): PosFailure {
  return new PosFailure(f.code, f.message, {
    retryable: f.retryable,
    details: { ...(f.error.details ?? {}), reference },
  });
}

/** A failure the engine concludes itself (e.g. from Vipps' event log), not one thrown by a call. */
export function concludedFailure(code: ErrorCode, message: string): CallFailure {
  return {
    code,
    message,
    retryable: false,
    outcomeUnknown: false,
    vippsErrorCode: undefined,
    retryAfterMs: undefined,
    error: new PosFailure(code, message),
  };
}
