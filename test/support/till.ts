/**
 * The till API for tests: a real core in training mode (in-process simulator, real SQLite journal,
 * real engine) with the staff and till extensions, the API turned on by the training manager on a
 * free loopback port, and a client that holds every request and answer to the API's OpenAPI 3.1
 * document (src/main/till/openapi.yaml) the way test/support/openapi.ts holds Vipps traffic to
 * Vipps' specs.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import addFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';
import { parse } from 'yaml';
import { createLogger } from '../../src/main/log';
import { tillExtension } from '../../src/main/till/extension';
import type { PaymentView, SaleStatus } from '../../src/preload/contract';
import { type StaffCore, type StaffCoreOptions, startStaffCore } from '../main/staff/staff-core';

export const TILL_OPENAPI = resolve(__dirname, '../../src/main/till/openapi.yaml');
export const MANAGER = { pin: '1234' };

let backend: Promise<OpenAPIBackend> | undefined;

export function tillSpec(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const api = new OpenAPIBackend({
      definition: parse(readFileSync(TILL_OPENAPI, 'utf8')),
      // openapi-backend checks a definition against the OpenAPI 3.0 meta-schema only, which refuses
      // 3.1's type arrays and `const`; its request and response validation (Ajv) handles them.
      quick: true,
      validate: true,
      strict: true,
      ajvOpts: { strict: false },
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    await api.init();
    return api;
  })();
  return backend;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field; the document checks their shape
export interface TillAnswer<T = any> {
  status: number;
  headers: Headers;
  contentType: string;
  body: T;
  operationId: string;
}

export interface TillClient {
  url: string;
  token: string;
  /**
   * One call. The answer is always held to the document (its status, content type and body);
   * the request too, unless `invalidRequest` says the test sends something the document forbids.
   */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options?: {
      token?: string | null;
      invalidRequest?: boolean;
      raw?: string;
      contentType?: string;
      signal?: AbortSignal;
    },
  ): Promise<TillAnswer<T>>;
}

/** Checks one exchange against the document; throws with every validation error. */
export async function checkExchange(
  req: { method: string; path: string; body?: unknown; headers?: Record<string, string> },
  res: { status: number; contentType: string; body: unknown },
  options: { invalidRequest?: boolean } = {},
): Promise<string> {
  const api = await tillSpec();
  const url = new URL(req.path, 'http://till.invalid');
  const request = {
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { 'content-type': 'application/json', ...(req.headers ?? {}) },
    ...(req.body !== undefined ? { body: req.body } : {}),
  };
  const operation = api.matchOperation(request);
  if (!operation?.operationId) {
    if (res.status === 404 || res.status === 405) return 'none';
    throw new Error(`till API: no operation for ${req.method} ${req.path}`);
  }
  if (!options.invalidRequest) {
    const checked = api.validateRequest(request, operation);
    if (!checked.valid)
      throw new Error(`${operation.operationId}: request invalid: ${JSON.stringify(checked.errors)}`);
  }
  const expected = res.status >= 400 ? 'application/problem+json' : 'application/json';
  if (res.contentType !== expected) {
    throw new Error(
      `${operation.operationId} ${res.status}: content type ${res.contentType}, not ${expected}`,
    );
  }
  const checked = api.validateResponse(res.body, operation, res.status);
  if (!checked.valid) {
    throw new Error(
      `${operation.operationId} ${res.status}: response invalid: ${JSON.stringify(checked.errors)}`,
    );
  }
  return operation.operationId;
}

export function tillClient(url: string, token: string): TillClient {
  return {
    url,
    token,
    async call(method, path, body, options = {}) {
      const token_ = options.token === undefined ? token : options.token;
      const headers: Record<string, string> = {};
      if (token_) headers.Authorization = `Bearer ${token_}`;
      const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      if (text !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        ...(text !== undefined ? { body: text } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const contentType = res.headers.get('content-type') ?? '';
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const answer = (await res.json()) as any;
      const operationId = await checkExchange(
        {
          method,
          path,
          body,
          headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        },
        { status: res.status, contentType, body: answer },
        { invalidRequest: options.invalidRequest || options.raw !== undefined },
      );
      return { status: res.status, headers: res.headers, contentType, body: answer, operationId };
    },
  };
}

export interface TillCore extends StaffCore {
  tillUrl: string;
  /** A paired till ("Till 1"). */
  till: TillClient;
  /** Pairs another till by name; returns its client. */
  pair(name: string): Promise<TillClient>;
  /** Resolves when the sale reaches `status` (by the core's own events). */
  reach(reference: string, status: SaleStatus): Promise<PaymentView>;
}

export async function startTillCore(options: StaffCoreOptions = {}): Promise<TillCore> {
  const staff = await startStaffCore({ ...options, extraExtensions: [tillExtension({ port: 0 })] });
  const status = await staff.value('pos:till:configure', { enabled: true, approval: MANAGER });
  if (!status.url) throw new Error(`the till API did not start: ${status.problem}`);
  const tillUrl = status.url;
  const pair = async (name: string) => {
    const { code } = await staff.value('pos:till:pair', { approval: MANAGER });
    const res = await tillClient(tillUrl, '').call('POST', '/v1/pairing', { code, tillName: name });
    if (res.status !== 201) throw new Error(`pairing failed: ${JSON.stringify(res.body)}`);
    return tillClient(tillUrl, res.body.token);
  };
  const till = await pair('Till 1');
  return {
    ...staff,
    tillUrl,
    till,
    pair,
    reach: (reference, status_) =>
      new Promise<PaymentView>((resolve_) => {
        const check = (view: PaymentView) => {
          if (view.reference === reference && view.status === status_) {
            off();
            resolve_(view);
          }
        };
        const off = staff.core.onEvent((event) => {
          if (event.channel === 'pos:event:payment') check(event.payload);
        });
        void staff.value('pos:payment:get', { reference }).then((d) => check(d.payment));
      }),
  };
}

export const testLogger = () => createLogger(() => {});
export { join };
