import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVippsClient } from '../../../src/main/vipps/client';
import type { CreatePaymentRequest, Receipt } from '../../../src/main/vipps/types';
import { startScriptedServer } from '../../support/scripted-server';
import {
  ACCESS_TOKEN,
  CREDENTIALS,
  type Harness,
  harness,
  KEY,
  modification,
  payment,
  REFERENCE,
  SYSTEM,
  tokenResponse,
} from './helpers';

const BASE = `/epayment/v1/payments/${REFERENCE}`;

const createRequest: CreatePaymentRequest = {
  amount: { value: 12_500, currency: 'NOK' },
  paymentMethod: { type: 'WALLET' },
  reference: REFERENCE,
  userFlow: 'PUSH_MESSAGE',
  customer: { phoneNumber: '4791234567' },
  customerInteraction: 'CUSTOMER_PRESENT',
  paymentDescription: 'Counter 1',
};

const receipt: Receipt = {
  orderLines: [
    {
      name: 'Coffee',
      id: 'coffee',
      totalAmount: 4_500,
      totalAmountExcludingTax: 3_600,
      totalTaxAmount: 900,
      taxRate: 2500,
      unitInfo: { unitPrice: 4_500, quantity: '1' },
    },
  ],
  bottomLine: { currency: 'NOK', posId: 'counter-1' },
};

describe('Vipps client requests', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it('asks for a token with the credentials and system headers', async () => {
    const token = await h.client.fetchToken();
    expect(token.accessToken).toBe(ACCESS_TOKEN);
    expect(token.expiresAt).toBe(h.clock.now() + 3_600_000);
    const [req] = h.server.requestsTo('POST', '/accesstoken/get');
    expect(req?.headers).toMatchObject({
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
      'ocp-apim-subscription-key': CREDENTIALS.subscriptionKey,
      'merchant-serial-number': CREDENTIALS.merchantSerialNumber,
      'vipps-system-name': SYSTEM.systemName,
      'vipps-system-version': SYSTEM.systemVersion,
      'vipps-system-plugin-name': SYSTEM.pluginName,
      'vipps-system-plugin-version': SYSTEM.pluginVersion,
    });
    expect(req?.headers.authorization).toBeUndefined();
  });

  it('creates a payment with bearer token, common headers and the caller’s Idempotency-Key', async () => {
    h.server.on('POST', '/epayment/v1/payments', { status: 201, body: { reference: REFERENCE } });
    const created = await h.client.createPayment(createRequest, KEY);
    expect(created).toEqual({ reference: REFERENCE });
    const [req] = h.server.requestsTo('POST', '/epayment/v1/payments');
    expect(req?.headers).toMatchObject({
      authorization: `Bearer ${ACCESS_TOKEN}`,
      'idempotency-key': KEY,
      'ocp-apim-subscription-key': CREDENTIALS.subscriptionKey,
      'merchant-serial-number': CREDENTIALS.merchantSerialNumber,
      'vipps-system-name': SYSTEM.systemName,
      'vipps-system-version': SYSTEM.systemVersion,
      'vipps-system-plugin-name': SYSTEM.pluginName,
      'vipps-system-plugin-version': SYSTEM.pluginVersion,
      'content-type': 'application/json',
    });
    expect(req?.headers.client_secret).toBeUndefined();
    expect(req?.body).toEqual(createRequest);
  });

  it('reads a payment and its events without an Idempotency-Key', async () => {
    h.server.on('GET', BASE, { body: payment('CREATED') });
    h.server.on('GET', `${BASE}/events`, {
      body: [
        {
          reference: REFERENCE,
          pspReference: 'psp-1',
          name: 'CREATED',
          amount: { value: 10_000, currency: 'NOK' },
          timestamp: '2026-11-25T10:00:00Z',
          idempotencyKey: KEY,
          success: true,
        },
        // The spec requires idempotencyKey but Vipps may leave it out: treated as null.
        {
          reference: REFERENCE,
          pspReference: 'psp-2',
          name: 'AUTHORIZED',
          amount: { value: 10_000, currency: 'NOK' },
          timestamp: '2026-11-25T10:00:05Z',
          success: true,
        },
      ],
    });
    const got = await h.client.getPayment(REFERENCE);
    expect(got.state).toBe('CREATED');
    const events = await h.client.getEvents(REFERENCE);
    expect(events.map((e) => [e.name, e.idempotencyKey])).toEqual([
      ['CREATED', KEY],
      ['AUTHORIZED', null],
    ]);
    for (const req of h.server.requests.filter((r) => r.method === 'GET')) {
      expect(req.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(req.headers['idempotency-key']).toBeUndefined();
      expect(req.headers['merchant-serial-number']).toBe(CREDENTIALS.merchantSerialNumber);
    }
  });

  it('sends capture and refund as modificationAmount with the given key', async () => {
    h.server.on('POST', `${BASE}/capture`, { body: modification({ captured: 10_000 }) });
    h.server.on('POST', `${BASE}/refund`, { body: modification({ captured: 10_000, refunded: 2_000 }) });
    const captured = await h.client.capturePayment(
      REFERENCE,
      { value: 10_000, currency: 'NOK' },
      'cap-key-1',
    );
    expect(captured.aggregate.capturedAmount.value).toBe(10_000);
    const refunded = await h.client.refundPayment(REFERENCE, { value: 2_000, currency: 'NOK' }, 'ref-key-1');
    expect(refunded.aggregate.refundedAmount.value).toBe(2_000);
    const [capture] = h.server.requestsTo('POST', `${BASE}/capture`);
    const [refund] = h.server.requestsTo('POST', `${BASE}/refund`);
    expect(capture?.body).toEqual({ modificationAmount: { value: 10_000, currency: 'NOK' } });
    expect(capture?.headers['idempotency-key']).toBe('cap-key-1');
    expect(refund?.body).toEqual({ modificationAmount: { value: 2_000, currency: 'NOK' } });
    expect(refund?.headers['idempotency-key']).toBe('ref-key-1');
  });

  it('sends a cancel body only when cancelTransactionOnly is given', async () => {
    h.server.on('POST', `${BASE}/cancel`, { body: { ...modification(), state: 'TERMINATED' } });
    await h.client.cancelPayment(REFERENCE, 'cancel-1');
    await h.client.cancelPayment(REFERENCE, 'cancel-2', { cancelTransactionOnly: true });
    await h.client.cancelPayment(REFERENCE, 'cancel-3', { cancelTransactionOnly: false });
    const bodies = h.server
      .requestsTo('POST', `${BASE}/cancel`)
      .map((r) => [r.headers['idempotency-key'], r.rawBody]);
    expect(bodies).toEqual([
      ['cancel-1', ''],
      ['cancel-2', '{"cancelTransactionOnly":true}'],
      ['cancel-3', '{"cancelTransactionOnly":false}'],
    ]);
  });

  it('reads a 200 modification answer sent as application/problem+json (spec quirk)', async () => {
    h.server.on('POST', `${BASE}/capture`, {
      body: modification({ captured: 5_000 }),
      contentType: 'application/problem+json',
    });
    const result = await h.client.capturePayment(REFERENCE, { value: 5_000, currency: 'NOK' }, KEY);
    expect(result.aggregate.capturedAmount.value).toBe(5_000);
  });

  it('force-approves on the /test/ path with the customer body', async () => {
    h.server.on('POST', `/epayment/v1/test/payments/${REFERENCE}/approve`, { status: 200 });
    await h.client.forceApprove(REFERENCE, { customer: { phoneNumber: '4791234567' } });
    const [req] = h.server.requestsTo('POST', `/epayment/v1/test/payments/${REFERENCE}/approve`);
    expect(req?.body).toEqual({ customer: { phoneNumber: '4791234567' } });
    expect(req?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('talks to Order Management: the receipt', async () => {
    h.server.on('POST', `/order-management/v2/ECOM/receipts/${REFERENCE}`, {
      status: 201,
      body: '"16328cb8-d769-4c53-90ad-e19777823f0a"',
    });

    await h.client.addReceipt(REFERENCE, receipt);

    const om = h.server.requests.filter((r) => r.path.startsWith('/order-management'));
    expect(om.map((r) => [r.method, r.path])).toEqual([
      ['POST', `/order-management/v2/ECOM/receipts/${REFERENCE}`],
    ]);
    expect(om[0]?.body).toEqual(receipt);
    for (const req of om) {
      expect(req.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(req.headers['merchant-serial-number']).toBe(CREDENTIALS.merchantSerialNumber);
      expect(req.headers['vipps-system-name']).toBe(SYSTEM.systemName);
    }
  });

  it('keeps the base URL’s own path (an API gateway prefix)', async () => {
    const server = await startScriptedServer();
    try {
      server.on('POST', '/gw/accesstoken/get', tokenResponse());
      server.on('GET', `/gw${BASE}`, { body: payment() });
      const client = createVippsClient({
        baseUrl: `${server.url}/gw`,
        credentials: CREDENTIALS,
        system: SYSTEM,
      });
      expect((await client.getPayment(REFERENCE)).reference).toBe(REFERENCE);
      expect(server.requests.map((r) => r.path)).toEqual(['/gw/accesstoken/get', `/gw${BASE}`]);
    } finally {
      await server.close();
    }
  });
});
