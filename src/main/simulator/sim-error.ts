/**
 * The one error the simulator's domain code throws. The server turns it into the response body
 * of the API that was called (problem+json for ePayment, ErrorResponse for Order Management).
 */
import { ERROR_CATALOGUE, type VippsErrorCode } from './error-catalogue';

export interface ExtraDetail {
  name: string;
  reason: string;
}

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extraDetails: ExtraDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${title}: ${detail}`);
    this.name = 'SimError';
  }

  /** The Vipps error code in extraDetails, if this is a domain error. */
  get errorCode(): string | undefined {
    return this.extraDetails.find((d) => d.name === 'ErrorCode')?.reason;
  }
}

/** A documented domain error: its status and title from the catalogue, the code in extraDetails. */
export function vippsError(code: VippsErrorCode, detail?: string): SimError {
  const entry = ERROR_CATALOGUE[code];
  return new SimError(entry.status, entry.title, detail ?? entry.detail, [
    { name: 'ErrorCode', reason: code },
  ]);
}

/** A malformed request: 400 naming each field, without an error code (as Vipps does). */
export function validationError(details: ExtraDetail[]): SimError {
  return new SimError(400, 'Bad Request', 'See extraDetails for further details', details);
}

export function notAuthorized(detail: string): SimError {
  return new SimError(401, 'Unauthorized', detail);
}
