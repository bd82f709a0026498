import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VippsError } from '../../../src/main/vipps/errors';
import {
  CREDENTIALS,
  caught,
  type Harness,
  harness,
  payment,
  problem,
  REFERENCE,
  tokenResponse,
} from './helpers';

const GET = `/epayment/v1/payments/${REFERENCE}`;

describe('access token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    h.server.on('GET', GET, { body: payment() });
  });
  afterEach(() => h.close());

  const tokenRequests = () => h.server.requestsTo('POST', '/accesstoken/get').length;

  it('is fetched once and reused until shortly before it expires', async () => {
    h.server.on(
      'POST',
      '/accesstoken/get',
      tokenResponse('token-one', 3600),
      tokenResponse('token-two', 3600),
    );
    await h.client.getPayment(REFERENCE);
    await h.client.getPayment(REFERENCE);
    expect(tokenRequests()).toBe(1);

    // 59 minutes in: inside the 2-minute refresh margin of a one-hour token.
    h.clock.advance(59 * 60_000);
    await h.client.getPayment(REFERENCE);
    expect(tokenRequests()).toBe(2);
    const auth = h.server.requestsTo('GET', GET).map((r) => r.headers.authorization);
    expect(auth).toEqual(['Bearer token-one', 'Bearer token-one', 'Bearer token-two']);
  });

  it('keeps a short-lived token for most of its life (margin is at most a quarter)', async () => {
    h.server.on('POST', '/accesstoken/get', tokenResponse('short', 60));
    await h.client.getPayment(REFERENCE);
    h.clock.advance(40_000);
    await h.client.getPayment(REFERENCE);
    expect(tokenRequests()).toBe(1);
    h.clock.advance(6_000);
    await h.client.getPayment(REFERENCE);
    expect(tokenRequests()).toBe(2);
  });

  it('is shared by concurrent callers: one token request for many calls', async () => {
    h.server.on('POST', '/accesstoken/get', { ...tokenResponse(), delayMs: 50 });
    const results = await Promise.all(Array.from({ length: 6 }, () => h.client.getPayment(REFERENCE)));
    expect(results).toHaveLength(6);
    expect(tokenRequests()).toBe(1);
    expect(h.server.requestsTo('GET', GET)).toHaveLength(6);
  });

  it('on a 401 is dropped, fetched again once, and the call repeated once', async () => {
    h.server.on('POST', '/accesstoken/get', tokenResponse('stale'), tokenResponse('fresh'));
    await h.client.getPayment(REFERENCE);
    h.server.on('POST', '/epayment/v1/payments/sale-0001-abcdef/capture', (req) =>
      req.headers.authorization === 'Bearer fresh'
        ? { body: payment() }
        : { status: 401, body: problem(401, 'Unauthorized') },
    );
    const result = await h.client.capturePayment(REFERENCE, { value: 100, currency: 'NOK' }, 'key-401');
    expect(result.reference).toBe(REFERENCE);
    const captures = h.server.requestsTo('POST', `${GET}/capture`);
    expect(captures.map((r) => [r.headers.authorization, r.headers['idempotency-key']])).toEqual([
      ['Bearer stale', 'key-401'],
      ['Bearer fresh', 'key-401'],
    ]);
    expect(tokenRequests()).toBe(2);
    // No backoff wait for the refresh: it is not a failure of Vipps.
    expect(h.clock.sleeps).toEqual([]);
  });

  it('gives AUTH after a second 401, with exactly one refresh', async () => {
    h.server.on('POST', '/accesstoken/get', tokenResponse('a'), tokenResponse('b'), tokenResponse('c'));
    h.server.on('GET', GET, { status: 401, body: problem(401, 'Unauthorized') });
    const error = await caught(() => h.client.getPayment(REFERENCE));
    expect(error).toBeInstanceOf(VippsError);
    expect(error).toMatchObject({ code: 'AUTH', status: 401, retryable: false, outcomeUnknown: false });
    expect(h.server.requestsTo('GET', GET)).toHaveLength(2);
    expect(tokenRequests()).toBe(2);
  });

  it('rejected by the token endpoint is AUTH, and no API call is made', async () => {
    h.server.on('POST', '/accesstoken/get', { status: 401, body: { error: 'invalid_client' } });
    const error = await caught(() => h.client.getPayment(REFERENCE));
    expect(error).toMatchObject({
      code: 'AUTH',
      status: 401,
      operation: 'fetchToken',
      outcomeUnknown: false,
    });
    expect(h.server.requestsTo('GET', GET)).toHaveLength(0);
  });

  it('a token failure is not cached: the next call tries again', async () => {
    h.server.on('POST', '/accesstoken/get', { status: 403, body: {} }, tokenResponse());
    await expect(h.client.fetchToken()).rejects.toMatchObject({ code: 'AUTH' });
    await expect(h.client.fetchToken()).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it('with a malformed answer is UPSTREAM and names the field, not the token', async () => {
    h.server.on('POST', '/accesstoken/get', {
      body: { access_token: 'leaky-token-value', expires_in: 'soon' },
    });
    const error = await caught(() => h.client.fetchToken());
    expect(error).toMatchObject({ code: 'UPSTREAM', operation: 'fetchToken' });
    expect(JSON.stringify(error)).toContain('expires_in');
    expect(JSON.stringify(error)).not.toContain('leaky-token-value');
  });

  it('is not requested when credentials are missing or malformed', async () => {
    const bad = await harness({
      credentials: { ...CREDENTIALS, clientSecret: '', merchantSerialNumber: '12' },
    });
    try {
      const error = await caught(() => bad.client.getPayment(REFERENCE));
      expect(error).toMatchObject({ code: 'NOT_CONFIGURED' });
      expect((error as Error).message).toContain('clientSecret');
      expect((error as Error).message).toContain('merchantSerialNumber');
      expect(bad.server.requests).toHaveLength(0);
    } finally {
      await bad.close();
    }
  });

  it('two calls rejected with the same stale token share one refresh', async () => {
    h.server.on('POST', '/accesstoken/get', tokenResponse('old'), { ...tokenResponse('new'), delayMs: 30 });
    await h.client.getPayment(REFERENCE);
    h.server.on('GET', GET, (req) =>
      req.headers.authorization === 'Bearer new'
        ? { body: payment() }
        : { status: 401, body: problem(401, 'Expired') },
    );
    await Promise.all([h.client.getPayment(REFERENCE), h.client.getPayment(REFERENCE)]);
    expect(tokenRequests()).toBe(2);
  });
});
