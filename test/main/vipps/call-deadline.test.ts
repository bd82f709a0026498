/**
 * A call's time limit (maxTotalMs from its start) covers the token it needs: a refresh after a 401
 * retries only within what is left of the call's time, and a call whose time the token request used
 * up is not sent at all, a clear failure rather than an unknown outcome. A token request that fails
 * never makes an outcome unknown either: it moves no money, and the call it was for was not sent.
 */
import { afterEach, expect, it } from 'vitest';
import { isVippsError, type VippsError } from '../../../src/main/vipps/errors';
import { caught, type Harness, harness, payment, problem, REFERENCE, tokenResponse } from './helpers';

const GET = `/epayment/v1/payments/${REFERENCE}`;
const CAPTURE = `${GET}/capture`;
const KEY = '0f5e4c3b-2a19-4d8e-b7f6-a5b4c3d2e1f0';
const MAY_HAVE_HAPPENED = 'may have been carried out';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function vippsError(fn: () => Promise<unknown>): Promise<VippsError> {
  const error = await caught(fn);
  if (!isVippsError(error)) throw error;
  return error;
}

it('a token refresh after a 401 keeps to what is left of the call’s time', async () => {
  h = await harness({ retry: { maxTotalMs: 10_000, maxAttempts: 5 } });
  const clock = h.clock;
  const tokenAsked: number[] = [];
  h.server.on('POST', '/accesstoken/get', () => {
    tokenAsked.push(clock.now());
    return tokenAsked.length === 1
      ? tokenResponse('stale')
      : { status: 503, headers: { 'Retry-After': '1' }, body: problem(503, 'Service Unavailable') };
  });
  h.server.on(
    'GET',
    GET,
    { status: 503, headers: { 'Retry-After': '8' }, body: problem(503, 'Service Unavailable') },
    { status: 401, body: problem(401, 'Unauthorized') },
  );
  const start = clock.now();
  const error = await vippsError(() => h!.client.getPayment(REFERENCE));
  expect(error).toMatchObject({ code: 'UPSTREAM', status: 503, outcomeUnknown: false });
  // The 401 came 8 s in: the refresh had 2 s, room for two token requests a second apart.
  expect(tokenAsked.map((at) => at - start)).toEqual([0, 8_000, 9_000]);
  expect(clock.now() - start).toBeLessThanOrEqual(10_000);
});

it('a call whose whole time the token request took is not sent: a clear timeout', async () => {
  h = await harness({ retry: { maxTotalMs: 10_000 } });
  const clock = h.clock;
  h.server.on('POST', '/accesstoken/get', () => {
    clock.advance(10_000);
    return tokenResponse();
  });
  h.server.on('POST', CAPTURE, { body: payment() });
  const error = await vippsError(() =>
    h!.client.capturePayment(REFERENCE, { value: 100, currency: 'NOK' }, KEY),
  );
  expect(error).toMatchObject({ code: 'TIMEOUT', operation: 'capturePayment', outcomeUnknown: false });
  expect(error.message).toBe('Vipps did not answer capturePayment within 10000 ms.');
  expect(h.server.requestsTo('POST', CAPTURE)).toHaveLength(0);
});

it('a token request Vipps keeps failing is a known failure, with no word of a request that may have happened', async () => {
  h = await harness();
  h.server.on('POST', '/accesstoken/get', { status: 503, body: problem(503, 'Service Unavailable') });
  h.server.on('POST', CAPTURE, { body: payment() });

  const direct = await vippsError(() => h!.client.fetchToken());
  expect(direct).toMatchObject({ code: 'UPSTREAM', operation: 'fetchToken', outcomeUnknown: false });
  expect(direct.message).not.toContain(MAY_HAVE_HAPPENED);

  const capture = await vippsError(() =>
    h!.client.capturePayment(REFERENCE, { value: 100, currency: 'NOK' }, KEY),
  );
  expect(capture).toMatchObject({ code: 'UPSTREAM', operation: 'fetchToken', outcomeUnknown: false });
  expect(capture.message).not.toContain(MAY_HAVE_HAPPENED);
  expect(h.server.requestsTo('POST', CAPTURE)).toHaveLength(0);
});
