import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, TRAINING_CREDENTIALS } from '../../../src/main/simulator';
import { pushPayment, ref, type SimClient, startTestSimulator, T0 } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeEach(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterEach(() => sim.close());

describe('access token', () => {
  it('issues a one-hour bearer token with every field a string, timed on the simulator clock', async () => {
    const res = await client.fetchToken();
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body.expires_in).toBe('3600');
    expect(res.body.ext_expires_in).toBe('3600');
    expect(res.body.not_before).toBe(String(T0 / 1000));
    expect(res.body.expires_on).toBe(String(T0 / 1000 + 3600));
    expect(res.body.access_token?.split('.')).toHaveLength(3);
  });

  it('training mode uses the fixed training credentials by default', () => {
    expect(sim.credentials).toEqual(TRAINING_CREDENTIALS);
    expect(TRAINING_CREDENTIALS.merchantSerialNumber).toBe('123456');
  });

  // The identity provider's OAuth error, as Vipps' SDK types it (AccessTokenError).
  it.each([
    ['client_id', { client_id: 'someone-else' }, 401, 'unauthorized_client', 700016],
    ['client_secret', { client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
    ['missing client_secret', { client_secret: undefined }, 400, 'invalid_request', 900144],
  ])('wrong %s → %i with the Azure AD token error', async (_name, headers, status, error, code) => {
    const res = await client.fetchToken(headers);
    expect(res.status).toBe(status);
    expect(res.contentType).toMatch(/^application\/json/);
    const body = res.body as unknown as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'correlation_id',
        'error',
        'error_codes',
        'error_description',
        'error_uri',
        'timestamp',
        'trace_id',
      ].sort(),
    );
    expect(body).toMatchObject({ error, error_codes: [code] });
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(body.error_description).not.toContain(TRAINING_CREDENTIALS.clientSecret);
  });

  it.each([
    ['wrong', 'wrong', /invalid subscription key/],
    ['missing', undefined, /missing subscription key/],
  ])('%s subscription key → 401 from the gateway, {statusCode, message}', async (_name, key, message) => {
    const res = await client.fetchToken({ 'ocp-apim-subscription-key': key });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, message: expect.stringMatching(message) });
  });

  it('a Merchant-Serial-Number the credentials do not cover → 401', async () => {
    const res = await client.fetchToken({ 'merchant-serial-number': '999999' });
    expect(res.status).toBe(401);
  });

  it('works without the optional Merchant-Serial-Number header', async () => {
    const res = await client.fetchToken({ 'merchant-serial-number': undefined });
    expect(res.status).toBe(200);
  });

  it('an API call with an expired token is 401; a fresh token works again', async () => {
    const reference = ref('auth');
    await client.create(pushPayment(reference));
    sim.clock.advance(3_600_000 - 1);
    expect((await client.get(reference)).status).toBe(200);
    sim.clock.advance(1);
    const expired = await client.get(reference);
    expect(expired.status).toBe(401);
    expect((expired.body as unknown as { detail: string }).detail).toMatch(/expired/);
    await client.fetchToken();
    expect((await client.get(reference)).status).toBe(200);
  });

  it('an unknown token or a token without "Bearer" is 401, and nothing is created', async () => {
    const reference = ref('auth');
    const headers = { authorization: client.token };
    const res = await client.call('POST', '/epayment/v1/payments', {
      body: pushPayment(reference),
      idempotencyKey: 'k-1',
      headers,
      invalidRequest: true,
    });
    expect(res.status).toBe(401);
    expect(sim.payments.get(reference)).toBeUndefined();
  });

  it('a token from another simulator is unknown here', async () => {
    const other = await startTestSimulator();
    try {
      client.token = other.client.token;
      expect((await client.get(ref('auth'))).status).toBe(401);
    } finally {
      await other.sim.close();
    }
  });
});
