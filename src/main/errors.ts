import type { ErrorCode, PosError } from '../preload/contract';

/**
 * The error every main-process domain throws on purpose. The IPC wrapper converts it to
 * `{ ok: false, error }`; anything else becomes INTERNAL with a generic message (and is logged).
 * Messages must never contain secrets, tokens or full phone numbers.
 */
export class PosFailure extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: PosError['details'];

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; details?: PosError['details'] } = {},
  ) {
    super(message);
    this.name = 'PosFailure';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  toPosError(): PosError {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isPosFailure(value: unknown): value is PosFailure {
  return value instanceof PosFailure;
}
