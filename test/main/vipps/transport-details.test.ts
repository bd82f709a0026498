/**
 * Details of one Vipps call that support and Vipps rely on: the Accept header every request
 * carries, the one debug line per request (operation, path, result, time — never headers or
 * bodies), a fetch failure without any system code read as "may have been sent", and an attempt
 * that gets only the time the call has left.
 */
import { afterEach, expect, it } from 'vitest';
import { isVippsError } from '../../../src/main/vipps/errors';
import {
  CREDENTIALS,
  caught,
  type Harness,
  harness,
  KEY,
  modification,
  payment,
  REFERENCE,
  tokenResponse,
} from './helpers';

const CAPTURE = `/epayment/v1/payments/${REFERENCE}/capture`;
const GET = `/epayment/v1/payments/${REFERENCE}`;
const NOK = { value: 1000, currency: 'NOK' as const };

let h: Harness;
afterEach(() => h.close());

it('asks for JSON or problem+JSON on every request, the token call included', async () => {
  h = await harness();
  h.server.on('GET', GET, { body: payment() });
  await h.client.getPayment(REFERENCE);
  expect(h.server.requests.map((r) => r.headers.accept)).toEqual([
    'application/json, application/problem+json',
    'application/json, application/problem+json',
  ]);
  // A read carries no Idempotency-Key.
  expect(h.server.requestsTo('GET', GET)[0]?.headers['idempotency-key']).toBeUndefined();
});

it('logs one debug line per request with its result and time, and nothing of the request itself', async () => {
  h = await harness();
  h.server.on('GET', GET, { status: 503, body: {} }, { body: payment() });
  await h.client.getPayment(REFERENCE);
  const lines = h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'Vipps request');
  for (const line of lines) {
    expect(Object.keys(line).sort()).toEqual([
      'level',
      'method',
      'ms',
      'msg',
      'operation',
      'path',
      'request',
      'result',
      'scope',
      't',
    ]);
  }
  expect(
    lines.map(({ level, scope, operation, method, path, request, result, ms }) => ({
      level,
      scope,
      operation,
      method,
      path,
      request,
      result,
      ms,
    })),
  ).toEqual([
    {
      level: 'debug',
      scope: 'test.vipps',
      operation: 'fetchToken',
      method: 'POST',
      path: '/accesstoken/get',
      request: 1,
      result: 200,
      ms: 0,
    },
    {
      level: 'debug',
      scope: 'test.vipps',
      operation: 'getPayment',
      method: 'GET',
      path: GET,
      request: 1,
      result: 503,
      ms: 0,
    },
    {
      level: 'debug',
      scope: 'test.vipps',
      operation: 'getPayment',
      method: 'GET',
      path: GET,
      request: 2,
      result: 200,
      ms: 0,
    },
  ]);
});

it('reads a fetch failure with no system code as possibly sent: a capture then has an unknown outcome', async () => {
  h = await harness({
    retry: { maxAttempts: 1 },
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/capture')) throw new Error('socket hang up somewhere');
      return fetch(input, init);
    }) as typeof fetch,
  });
  const error = await caught(() => h.client.capturePayment(REFERENCE, NOK, KEY));
  expect(isVippsError(error)).toBe(true);
  if (!isVippsError(error)) return;
  expect(error.code).toBe('NETWORK');
  expect(error.outcomeUnknown).toBe(true);
  expect(error.message).toBe(
    'The connection to Vipps was lost during capturePayment (connection failed). The request may have been carried out: check the payment before doing anything else.',
  );
});

it('gives an attempt only the time the call has left, not the whole per-attempt timeout', async () => {
  h = await harness({ timeoutMs: 5_000, retry: { maxTotalMs: 300, maxAttempts: 1 } });
  h.server.on('POST', CAPTURE, { delayMs: 3_000, body: modification() });
  const error = await caught(() => h.client.capturePayment(REFERENCE, NOK, KEY));
  expect(isVippsError(error)).toBe(true);
  if (!isVippsError(error)) return;
  expect(error.code).toBe('TIMEOUT');
  expect(error.message).toMatch(/^Vipps did not answer capturePayment within 300 ms\. /);
});

it('cuts every header secret it sent, the token too, out of an answer that echoes them', async () => {
  const token = 'opaque-tok-7f3e9a1b2c4d';
  const subscriptionKey = 'subkey-echo-5a6b7c8d9e0f';
  h = await harness({ credentials: { ...CREDENTIALS, subscriptionKey } });
  h.server.on('POST', '/accesstoken/get', tokenResponse(token));
  h.server.on('GET', GET, {
    status: 400,
    body: { title: 'Bad request', detail: `got ${token} with ${subscriptionKey}` },
  });
  const error = await caught(() => h.client.getPayment(REFERENCE));
  expect(isVippsError(error)).toBe(true);
  if (!isVippsError(error)) return;
  expect(error.message).toBe(
    'Vipps rejected the request (getPayment, HTTP 400): Bad request: got [redacted] with [redacted].',
  );
  expect(JSON.stringify(error.problem)).not.toMatch(/opaque-tok|subkey-echo/);
});
