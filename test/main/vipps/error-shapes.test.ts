/**
 * The client against the simulator: every error shape Vipps answers — the token endpoint's Azure AD
 * error, the gateway's {statusCode, message}, ePayment's problem+json — comes out as the same typed
 * VippsError; and the reference lengths the client sends and accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator, TRAINING_CREDENTIALS } from '../../../src/main/simulator';
import { createVippsClient } from '../../../src/main/vipps/client';
import { VippsError } from '../../../src/main/vipps/errors';
import type { VippsCredentials } from '../../../src/main/vipps/types';
import { caught, SYSTEM } from './helpers';

const caughtVipps = async (fn: () => Promise<unknown>) => (await caught(fn)) as VippsError;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ expirySweepMs: 0 });
});
afterAll(() => sim.close());

const clientWith = (credentials: Partial<VippsCredentials> = {}) =>
  createVippsClient({
    baseUrl: sim.url,
    credentials: { ...TRAINING_CREDENTIALS, ...credentials },
    system: SYSTEM,
    retry: { maxAttempts: 1 },
  });

describe('token errors in both shapes', () => {
  it('a wrong client secret (Azure AD error) is AUTH with the AADSTS code and trace id, no secret in it', async () => {
    const error = await caughtVipps(() => clientWith({ clientSecret: 'not-the-secret' }).fetchToken());
    expect(error).toBeInstanceOf(VippsError);
    expect(error).toMatchObject({
      code: 'AUTH',
      status: 401,
      operation: 'fetchToken',
      vippsErrorCode: 'AADSTS7000215',
      traceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      problem: { title: 'invalid_client', detail: expect.stringMatching(/^Invalid client secret provided/) },
    });
    expect(error.message).toMatch(/credentials.*AADSTS7000215.*invalid_client: Invalid client secret/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('not-the-secret');
  });

  it('an unknown client id is AUTH with its own code, the id cut out of the text', async () => {
    const error = await caughtVipps(() => clientWith({ clientId: 'someone-elses-client' }).fetchToken());
    expect(error).toMatchObject({ code: 'AUTH', status: 401, vippsErrorCode: 'AADSTS700016' });
    expect(error.message).not.toContain('someone-elses-client');
  });

  it("a wrong subscription key (the gateway's {statusCode, message}) is AUTH with the gateway's words", async () => {
    const error = await caughtVipps(() =>
      clientWith({ subscriptionKey: 'wrong-subscription-key' }).fetchToken(),
    );
    expect(error).toMatchObject({
      code: 'AUTH',
      status: 401,
      problem: { status: 401, detail: expect.stringMatching(/invalid subscription key/) },
    });
    expect(error.message).toMatch(/Access denied due to invalid subscription key/);
  });

  it('a problem+json refusal reads into the same VippsError type', async () => {
    const error = await caughtVipps(() => clientWith().getPayment('no-such-payment-1'));
    expect(error).toBeInstanceOf(VippsError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, traceId: expect.any(String) });
  });
});

describe('references', () => {
  const long = (n: number) => `ref-${'a'.repeat(n - 4)}`;

  it('creates within 50 characters; a longer reference is refused before anything is sent', async () => {
    const before = sim.requests.count('createPayment');
    const error = await caughtVipps(() =>
      clientWith().createPayment(
        {
          amount: { value: 1000, currency: 'NOK' },
          paymentMethod: { type: 'WALLET' },
          reference: long(51),
          userFlow: 'QR',
        },
        'key-long-reference',
      ),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'reference' } });
    expect(sim.requests.count('createPayment')).toBe(before);
  });

  it('reaches an existing payment with the current API’s 64-character reference', async () => {
    const reference = long(64);
    const token = await clientWith().fetchToken();
    const created = await fetch(`${sim.url}/epayment/v1/payments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.accessToken}`,
        'ocp-apim-subscription-key': TRAINING_CREDENTIALS.subscriptionKey,
        'merchant-serial-number': TRAINING_CREDENTIALS.merchantSerialNumber,
        'idempotency-key': 'key-64-reference',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        amount: { value: 1000, currency: 'NOK' },
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'QR',
      }),
    });
    expect(created.status).toBe(201);
    await expect(clientWith().getPayment(reference)).resolves.toMatchObject({ reference, state: 'CREATED' });
    await expect(clientWith().getPayment(long(65))).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
