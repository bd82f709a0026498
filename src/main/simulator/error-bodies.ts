/**
 * Error bodies as each API family writes them (the token endpoint's own shapes: token-errors.ts). ePayment: RFC 7807
 * problem+json with traceId, instance and extraDetails (docs:APIs/epayment-api/errors). Order
 * Management: its own ErrorResponse (title, detail, instance, invalidParams) as application/json.
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from './http-types';
import type { ApiFamily } from './routes';
import type { SimError } from './sim-error';
import { RawBodyError } from './token-errors';

/** W3C traceparent-shaped, like the ids Vipps returns. */
export function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export function errorReply(api: ApiFamily, error: SimError, instance: string): Reply {
  if (error instanceof RawBodyError) return error.reply;
  const common = {
    type: `https://httpstatuses.io/${error.status}`,
    title: error.title,
    detail: error.detail,
    instance,
  };
  if (api === 'order-management') {
    // Exactly the spec's ErrorResponse: no status or traceId (those are ePayment's Problem fields).
    const invalidParams = error.extraDetails.filter((d) => d.name !== 'ErrorCode');
    return {
      status: error.status,
      headers: error.headers,
      contentType: 'application/json; charset=utf-8',
      body: { ...common, ...(invalidParams.length ? { invalidParams } : {}) },
    };
  }
  return {
    status: error.status,
    headers: error.headers,
    contentType: 'application/problem+json; charset=utf-8',
    body: { ...common, status: error.status, traceId: traceId(), extraDetails: error.extraDetails },
  };
}
