/**
 * A deliberately plain HTTP client for the simulator tests: real fetch over loopback, every
 * request checked against the spec before it is sent (unless the test sends a broken one on
 * purpose) and every response checked against the spec before the test sees it.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  createSimClock,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '../../../src/main/simulator';
import {
  type RecordedRequest,
  type SpecName,
  validateRequest,
  validateResponse,
} from '../../support/openapi';
import { INVALID_ON_PURPOSE, tokenAnswerErrors } from '../../support/spec/traffic-check';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');

const OPERATIONS: Array<[SpecName, string, RegExp, string]> = [
  ['epayment', 'POST', /^\/epayment\/v1\/payments$/, 'createPayment'],
  ['epayment', 'GET', /^\/epayment\/v1\/payments\/[^/]+$/, 'getPayment'],
  ['epayment', 'GET', /^\/epayment\/v1\/payments\/[^/]+\/events$/, 'getPaymentEventLog'],
  ['epayment', 'POST', /^\/epayment\/v1\/payments\/[^/]+\/cancel$/, 'cancelPayment'],
  ['epayment', 'POST', /^\/epayment\/v1\/payments\/[^/]+\/capture$/, 'capturePayment'],
  ['epayment', 'POST', /^\/epayment\/v1\/payments\/[^/]+\/refund$/, 'refundPayment'],
  ['epayment', 'POST', /^\/epayment\/v1\/test\/payments\/[^/]+\/approve$/, 'forceApprove'],
  ['order-management', 'POST', /^\/order-management\/v2\/[^/]+\/receipts\/[^/]+$/, 'post-receipt-v2'],
  ['order-management', 'PUT', /^\/order-management\/v2\/[^/]+\/categories\/[^/]+$/, 'put-category-v2'],
  ['order-management', 'GET', /^\/order-management\/v2\/[^/]+\/[^/]+$/, 'get-order-v2'],
  ['order-management', 'POST', /^\/order-management\/v1\/images$/, 'post-image'],
];

function operationFor(method: string, path: string): { spec: SpecName; operationId: string } {
  const hit = OPERATIONS.find(([, m, re]) => m === method && re.test(path));
  if (!hit) throw new Error(`test client: no spec operation for ${method} ${path}`);
  return { spec: hit[0], operationId: hit[3] };
}

export interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** Replace or remove (undefined) default headers. */
  headers?: Record<string, string | undefined>;
  /** Send a request the spec does not allow (to test the simulator's own checks). */
  invalidRequest?: boolean;
  /** Raw body text instead of JSON. */
  rawBody?: string;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  contentType: string;
  headers: Headers;
}

/** The problem body's ErrorCode, if any. */
export function errorCode(body: unknown): string | undefined {
  const details = (body as { extraDetails?: Array<{ name: string; reason: string }> }).extraDetails ?? [];
  return details.find((d) => d.name === 'ErrorCode')?.reason;
}

export class SimClient {
  token = '';

  constructor(readonly sim: Simulator) {}

  baseHeaders(): Record<string, string> {
    return {
      authorization: `Bearer ${this.token}`,
      'ocp-apim-subscription-key': this.sim.credentials.subscriptionKey,
      'merchant-serial-number': this.sim.credentials.merchantSerialNumber,
      'vipps-system-name': 'counter-tests',
      'vipps-system-version': '0.1.0',
      'vipps-system-plugin-name': 'simulator-tests',
      'vipps-system-plugin-version': '0.1.0',
    };
  }

  async fetchToken(
    headers: Record<string, string | undefined> = {},
  ): Promise<CallResult<Record<string, string>>> {
    const merged = {
      client_id: this.sim.credentials.clientId,
      client_secret: this.sim.credentials.clientSecret,
      'ocp-apim-subscription-key': this.sim.credentials.subscriptionKey,
      'merchant-serial-number': this.sim.credentials.merchantSerialNumber,
      ...headers,
      // A header left out on purpose makes an invalid token request; the run-wide check knows.
      ...(Object.values(headers).includes(undefined) ? { [INVALID_ON_PURPOSE]: '1' } : {}),
    };
    const res = await fetch(`${this.sim.url}/accesstoken/get`, {
      method: 'POST',
      headers: definedOnly(merged),
    });
    const body = (await res.json()) as Record<string, string>;
    const contentType = res.headers.get('content-type') ?? '';
    if (res.status === 200) {
      // The Access Token API's documented answer (test/support/spec/access-token.ts).
      expect(tokenAnswerErrors(body)).toBeNull();
      this.token = body.access_token ?? '';
    }
    // Token errors are not problem+json (simulator/token-errors.ts); auth.test.ts checks their shapes.
    return { status: res.status, body, contentType, headers: res.headers };
  }

  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const { spec, operationId } = operationFor(method, path);
    const headers = definedOnly({
      ...this.baseHeaders(),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      ...(options.body !== undefined || options.rawBody !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
      // Invalid on purpose: the run-wide spec check (test/setup/spec-traffic.ts) skips the request, not the answer.
      ...(options.invalidRequest ? { [INVALID_ON_PURPOSE]: '1' } : {}),
    });
    if (!options.invalidRequest) {
      expect(await checkRequest(spec, { method, path, headers, body: options.body })).toBe(operationId);
    }
    const res = await fetch(`${this.sim.url}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    const body = (text === '' ? undefined : JSON.parse(text)) as T;
    await validateResponse(spec, operationId, res.status, body);
    if (res.status >= 400) await expectProblem(spec, body, res.status, contentType);
    return { status: res.status, body, contentType, headers: res.headers };
  }

  // Shorthands for the common calls (all validated as above).
  create(body: Record<string, unknown>, key: string = randomUUID()) {
    return this.call<{ reference: string; redirectUrl?: string }>('POST', '/epayment/v1/payments', {
      body,
      idempotencyKey: key,
    });
  }
  get(reference: string) {
    return this.call<GetPayment>('GET', `/epayment/v1/payments/${reference}`);
  }
  events(reference: string) {
    return this.call<PaymentEventWire[]>('GET', `/epayment/v1/payments/${reference}/events`);
  }
  capture(reference: string, value: number, key: string = randomUUID(), currency = 'NOK') {
    return this.call<GetPayment>('POST', `/epayment/v1/payments/${reference}/capture`, {
      body: { modificationAmount: { value, currency } },
      idempotencyKey: key,
    });
  }
  refund(reference: string, value: number, key: string = randomUUID(), currency = 'NOK') {
    return this.call<GetPayment>('POST', `/epayment/v1/payments/${reference}/refund`, {
      body: { modificationAmount: { value, currency } },
      idempotencyKey: key,
    });
  }
  cancel(reference: string, body?: { cancelTransactionOnly?: boolean }, key: string = randomUUID()) {
    return this.call<GetPayment>('POST', `/epayment/v1/payments/${reference}/cancel`, {
      body,
      idempotencyKey: key,
    });
  }
  approve(reference: string, body: Record<string, unknown> = {}) {
    return this.call('POST', `/epayment/v1/test/payments/${reference}/approve`, { body });
  }
}

/** The strict copy of the spec (Customer corrected, no undeclared properties) needs no waiver. */
function checkRequest(spec: SpecName, req: RecordedRequest): Promise<string> {
  return validateRequest(spec, req);
}

/** Error bodies must match the spec's error schema whatever the status (401/404/429/5xx too). */
export async function expectProblem(spec: SpecName, body: unknown, status: number, contentType: string) {
  if (spec === 'epayment') {
    expect(contentType).toMatch(/^application\/problem\+json/);
    await validateResponse('epayment', 'createPayment', 400, body);
    const problem = body as { status: number; traceId: string; instance: string; extraDetails: unknown[] };
    expect(problem.status).toBe(status);
    expect(problem.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(typeof problem.instance).toBe('string');
    expect(Array.isArray(problem.extraDetails)).toBe(true);
  } else {
    expect(contentType).toMatch(/^application\/json/);
    await validateResponse('order-management', 'post-receipt-v2', 400, body);
  }
}

function definedOnly(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface Money {
  value: number;
  currency: string;
}

export interface GetPayment {
  reference: string;
  state: string;
  amount: Money;
  pspReference: string;
  aggregate: {
    authorizedAmount: Money;
    cancelledAmount: Money;
    capturedAmount: Money;
    refundedAmount: Money;
  };
  redirectUrl?: string;
  profile: { sub?: string };
  metadata?: Record<string, string>;
}

export interface PaymentEventWire {
  reference: string;
  pspReference: string;
  name: string;
  amount: Money;
  timestamp: string;
  idempotencyKey: string | null;
  success: boolean;
}

export async function startTestSimulator(options: SimulatorOptions = {}) {
  const clock = options.clock ?? createSimClock({ frozenAt: T0 });
  const sim = await startSimulator({ expirySweepMs: 0, ...options, clock });
  const client = new SimClient(sim);
  await client.fetchToken();
  return { sim, client, clock };
}

let counter = 0;
/** A fresh, valid reference. */
export function ref(prefix = 'sim'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export function pushPayment(reference: string, value = 10_000, extra: Record<string, unknown> = {}) {
  return {
    amount: { value, currency: 'NOK' },
    paymentMethod: { type: 'WALLET' },
    reference,
    userFlow: 'PUSH_MESSAGE',
    customer: { phoneNumber: '4791234567' },
    customerInteraction: 'CUSTOMER_PRESENT',
    paymentDescription: 'Coffee and bun',
    ...extra,
  };
}
