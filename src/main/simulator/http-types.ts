import type { IncomingHttpHeaders } from 'node:http';
import type { Operation } from './types';

export interface SimRequest {
  method: string;
  /** Path without query, e.g. /epayment/v1/payments/abc12345 */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body was empty. */
  body: unknown;
  params: Record<string, string>;
  operation: Operation;
}

export interface Reply {
  status: number;
  /** JSON-encoded unless `raw` is set; omitted for an empty body. */
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
