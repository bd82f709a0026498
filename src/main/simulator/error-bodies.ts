/**
 * Error bodies as each API family writes them (the token endpoint's own shapes: token-errors.ts). ePayment: RFC 7807
 * problem+json with traceId, instance and extraDetails (docs:APIs/epayment-api/errors). Order
 * Management: its own ErrorResponse (title, detail, instance, invalidParams) as application/json.
 * Report API (report-api-2.0.yaml): its documented 401 `{ code, message }` and 500
 * `{ errorCode, errorMessage, contextId }` as application/json, and its default Problem
 * (`type, title, status, detail, instance`) as problem+json for everything else.
 */
import { randomBytes, randomUUID } from 'node:crypto';
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
  if (api === 'report') return reportErrorReply(error, common);
  return {
    status: error.status,
    headers: error.headers,
    contentType: 'application/problem+json; charset=utf-8',
    body: { ...common, status: error.status, traceId: traceId(), extraDetails: error.extraDetails },
  };
}

/** Report API errors: each status in the shape its spec gives it. */
function reportErrorReply(error: SimError, common: Record<string, unknown>): Reply {
  const json = {
    status: error.status,
    headers: error.headers,
    contentType: 'application/json; charset=utf-8',
  };
  if (error.status === 401) return { ...json, body: { code: error.title, message: error.detail } };
  if (error.status === 500) {
    // The spec's example code for a server error; the context id is the request's log id.
    return { ...json, body: { errorCode: 100001, errorMessage: error.detail, contextId: randomUUID() } };
  }
  return {
    ...json,
    contentType: 'application/problem+json; charset=utf-8',
    body: { ...common, status: error.status },
  };
}
