/**
 * Conformance, continued: the SDK's Access Token and Webhooks calls against the simulator, the
 * signed deliveries a registration receives, and the SDK's retry after a 5xx (a known SDK limitation).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EPAYMENT_WEBHOOK_EVENTS, signDelivery } from '../../../src/main/simulator';
import { verifyWebhookRequest } from '../../../src/main/webhooks';
import { type ReceivedDelivery, startWebhookRelay, type WebhookRelay } from '../../support/webhook-relay';
import { type SdkHarness, sdkReference, startSdkHarness } from './sdk-harness';

const NOK = (value: number) => ({ value, currency: 'NOK' as const });

describe('Access Token API through the SDK', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(() => h.close());

  it('getToken: the token response the SDK types, every field a string', async () => {
    const res = await h.sdk.auth.getToken(h.sim.credentials.clientId, h.sim.credentials.clientSecret);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(Object.keys(res.data).sort()).toEqual(
      [
        'access_token',
        'expires_in',
        'expires_on',
        'ext_expires_in',
        'not_before',
        'resource',
        'token_type',
      ].sort(),
    );
    for (const value of Object.values(res.data)) expect(typeof value).toBe('string');
    expect(res.data.token_type).toBe('Bearer');
    expect(res.data.expires_in).toBe('3600');
  });

  it.each([
    [
      'client secret',
      (c: SdkHarness['sim']['credentials']): [string, string] => [c.clientId, 'wrong-secret'],
      'invalid_client',
      7000215,
    ],
    [
      'client id',
      (c: SdkHarness['sim']['credentials']): [string, string] => ['wrong-client', c.clientSecret],
      'unauthorized_client',
      700016,
    ],
  ] as const)('a wrong %s: the AccessTokenError the SDK types', async (_what, creds, error, code) => {
    const [clientId, clientSecret] = creds(h.sim.credentials);
    const res = await h.sdk.auth.getToken(clientId, clientSecret);
    expect(res.ok).toBe(false);
    const body = !res.ok ? (res.error as unknown as Record<string, unknown>) : {};
    // AccessTokenError: { error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri }
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
    expect(body).toMatchObject({
      error,
      error_codes: [code],
      error_description: expect.stringMatching(new RegExp(`^AADSTS${code}: `)),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
      error_uri: expect.stringContaining(String(code)),
    });
  });
});

describe('Access Token API through the SDK: the gateway', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(() => h.close());

  it("a wrong subscription key is the gateway's 401 {statusCode, message}, not an AccessTokenError", async () => {
    const { Client } = await import('@vippsmobilepay/sdk');
    const wrongKey = Client({
      merchantSerialNumber: h.sim.credentials.merchantSerialNumber,
      subscriptionKey: 'not-the-subscription-key',
      useTestMode: true,
      retryRequests: false,
    });
    const res = await wrongKey.auth.getToken(h.sim.credentials.clientId, h.sim.credentials.clientSecret);
    expect(res).toEqual({
      ok: false,
      error: {
        statusCode: 401,
        message: expect.stringMatching(/^Access denied due to invalid subscription key/),
      },
    });
  });
});

describe('Webhooks API through the SDK', () => {
  let h: SdkHarness;
  let token: string;
  let relay: WebhookRelay;
  let received: ReceivedDelivery[];
  beforeAll(async () => {
    relay = await startWebhookRelay(204);
    received = relay.received;
    // Vipps resolves the registered public name; here every delivery goes to the loopback relay.
    h = await startSdkHarness({ simulator: { resolveWebhookDelivery: relay.resolve } });
    token = await h.token();
  });
  afterAll(async () => {
    await h.close();
    await relay.close();
  });
  afterEach(async () => {
    for (const r of h.sim.webhooks.registrations()) await h.sdk.webhook.delete(token, r.id);
  });

  it('register → 201 {id, secret}; list shows it without the secret; delete → 204 and it is gone', async () => {
    const url = 'https://shop.example.com/vipps/webhooks';
    const events = ['epayments.payment.captured.v1', 'epayments.payment.refunded.v1'];
    const registered = await h.sdk.webhook.register(token, { url, events });
    if (!registered.ok) throw new Error(JSON.stringify(registered.error));
    expect(registered.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      secret: expect.any(String),
    });
    expect(registered.data.secret.length).toBeGreaterThanOrEqual(32);

    const listed = await h.sdk.webhook.list(token);
    expect(listed).toEqual({ ok: true, data: { webhooks: [{ id: registered.data.id, url, events }] } });

    expect(await h.sdk.webhook.delete(token, registered.data.id)).toEqual({ ok: true, data: {} });
    expect(await h.sdk.webhook.list(token)).toEqual({ ok: true, data: { webhooks: [] } });
  });

  it.each([
    [
      'an http URL',
      { url: 'http://shop.example.com/hook', events: ['epayments.payment.captured.v1'] },
      'url',
    ],
    ['no events', { url: 'https://shop.example.com/hook', events: [] }, 'events'],
    [
      'an unknown event',
      { url: 'https://shop.example.com/hook', events: ['service.payment.nope.v1'] },
      'events[0]',
    ],
  ])('register with %s is a 400 ProblemDetails naming the field', async (_what, body, field) => {
    const res = await h.sdk.webhook.register(token, body);
    expect(res).toMatchObject({ ok: false, error: { status: 400, extraDetails: [{ name: field }] } });
    expect(h.sim.webhooks.registrations()).toEqual([]);
  });

  it('at most 25 registrations per event', async () => {
    const events = ['epayments.payment.aborted.v1'];
    for (let i = 0; i < 25; i++) {
      const res = await h.sdk.webhook.register(token, { url: `https://shop.example.com/hook/${i}`, events });
      expect(res.ok).toBe(true);
    }
    const over = await h.sdk.webhook.register(token, { url: 'https://shop.example.com/hook/26', events });
    expect(over).toMatchObject({ ok: false, error: { status: 400 } });
    expect(h.sim.webhooks.registrations()).toHaveLength(25);
  });

  it('delete of an unknown id is 404; of a non-UUID 400', async () => {
    expect(await h.sdk.webhook.delete(token, '0b52e5bd-be1e-42a1-acf2-e331f52c68ac')).toMatchObject({
      ok: false,
      error: { status: 404 },
    });
    expect(await h.sdk.webhook.delete(token, 'not-a-uuid')).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
  });

  it('a wrong token is 401 and registers nothing', async () => {
    const res = await h.sdk.webhook.register('nope', {
      url: 'https://shop.example.com/hook',
      events: [...EPAYMENT_WEBHOOK_EVENTS],
    });
    expect(res).toMatchObject({ ok: false, error: { status: 401 } });
    expect(h.sim.webhooks.registrations()).toEqual([]);
  });

  it('a registration receives signed deliveries of its events only, verifiable with its secret', async () => {
    const url = 'https://shop.example.com/vipps/hook?till=3';
    const registered = await h.sdk.webhook.register(token, {
      url,
      events: ['epayments.payment.authorized.v1', 'epayments.payment.captured.v1'],
    });
    if (!registered.ok) throw new Error(JSON.stringify(registered.error));
    received.length = 0;
    const reference = sdkReference('hook');
    await h.sdk.payment.create(token, {
      amount: NOK(1500),
      paymentMethod: { type: 'WALLET' },
      reference,
      userFlow: 'QR',
    });
    await h.sdk.payment.forceApprove(token, reference, {});
    await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(1500) });
    await h.sim.webhooks.settled();
    const deliveries = h.sim.webhooks.deliveries().filter((d) => d.reference === reference);
    expect(deliveries.map((d) => [d.eventType, d.outcome])).toEqual([
      ['epayments.payment.authorized.v1', 204],
      ['epayments.payment.captured.v1', 204],
    ]);
    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(r.url).toBe('/vipps/hook?till=3');
      const verdict = verifyWebhookRequest(
        { method: 'POST', url, headers: r.headers, body: r.body },
        { secret: registered.data.secret, now: () => h.sim.clock.now() },
      );
      expect(verdict).toEqual({ ok: true });
    }
    expect(JSON.parse(received[1]?.body ?? '{}')).toMatchObject({
      msn: h.sim.credentials.merchantSerialNumber,
      reference,
      name: 'CAPTURED',
      amount: NOK(1500),
      success: true,
    });
  });
});

describe('signing', () => {
  it("reproduces Vipps' published request-authentication example", () => {
    // github.com/vippsas/webhooks-api request-authentication.md (docs:APIs/webhooks-api/request-authentication)
    const signed = signDelivery(
      'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==',
      'https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63',
      '{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}',
      'Thu, 30 Mar 2023 08:38:32 GMT',
    );
    expect(signed).toEqual({
      host: 'webhook.site',
      'x-ms-date': 'Thu, 30 Mar 2023 08:38:32 GMT',
      'x-ms-content-sha256': 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
      authorization:
        'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
    });
  });
});

describe('SDK limitation: retrying a capture after a 5xx', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness({ retryRequests: true });
  });
  afterAll(() => h.close());

  it('throws a TypeError (the Request body was used by the first attempt); the capture never reaches Vipps again', async () => {
    const token = await h.token();
    const reference = sdkReference('retry');
    await h.sdk.payment.create(token, {
      amount: NOK(2000),
      paymentMethod: { type: 'WALLET' },
      reference,
      userFlow: 'QR',
    });
    await h.sdk.payment.forceApprove(token, reference, {});
    h.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'capturePayment' }, times: 1 });
    await expect(
      h.sdk.payment.capture(token, reference, { modificationAmount: NOK(2000) }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(h.sim.requests.count('capturePayment')).toBe(1);
    expect(h.sim.ledger.forReference(reference).map((e) => e.kind)).toEqual(['authorize']);
  });

  it('a GET is retried fine after a 5xx (no body to reuse)', async () => {
    const token = await h.token();
    const reference = sdkReference('getr');
    await h.sdk.payment.create(token, {
      amount: NOK(2000),
      paymentMethod: { type: 'WALLET' },
      reference,
      userFlow: 'QR',
    });
    h.sim.faults.add({ kind: 'status', status: 502, match: { operation: 'getPayment' }, times: 1 });
    expect(await h.sdk.payment.info(token, reference)).toMatchObject({ ok: true, data: { reference } });
    expect(h.sim.requests.count('getPayment')).toBe(2);
  });
});
