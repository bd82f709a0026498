import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, UNKNOWN_CUSTOMER_PHONE } from '../../../src/main/simulator';
import { errorCode, pushPayment, ref, type SimClient, startTestSimulator, T0 } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeAll(async () => {
  ({ sim, client } = await startTestSimulator({ currencies: ['NOK', 'DKK'] }));
});
afterAll(() => sim.close());

/** Creates with a body the spec does not allow; the simulator must refuse it. */
function createInvalid(body: unknown, headers: Record<string, string | undefined> = {}) {
  return client.call('POST', '/epayment/v1/payments', {
    body,
    idempotencyKey: randomUUID(),
    headers,
    invalidRequest: true,
  });
}

function fieldNames(body: unknown): string[] {
  return ((body as { extraDetails: Array<{ name: string }> }).extraDetails ?? []).map((d) => d.name);
}

describe('create payment: userFlow rules', () => {
  it('PUSH_MESSAGE answers without redirectUrl', async () => {
    const reference = ref('push');
    const res = await client.create(pushPayment(reference));
    expect(res.body).toEqual({ reference });
  });

  it('QR answers with a link to a QR image the simulator serves', async () => {
    const reference = ref('qr');
    const res = await client.create({ ...pushPayment(reference), userFlow: 'QR', customer: undefined });
    expect(res.status).toBe(201);
    const url = new URL(res.body.redirectUrl ?? '');
    expect(url.pathname).toBe('/qr-image/v1');
    const image = await fetch(url);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(await image.text()).toMatch(/^<svg/);
    // GET payment repeats the redirect URL.
    expect((await client.get(reference)).body.redirectUrl).toBe(res.body.redirectUrl);
  });

  it('QR with TEXT/TARGETURL answers with the URL to encode; PNG with a PNG link', async () => {
    const text = await client.create({
      ...pushPayment(ref('qrtext')),
      userFlow: 'QR',
      customer: undefined,
      qrFormat: { format: 'TEXT/TARGETURL' },
    });
    const target = text.body.redirectUrl ?? '';
    expect(target).toMatch(/\/qr\/v1\/[A-Za-z0-9_-]+$/);
    expect((await fetch(target)).status).toBe(200);

    const png = await client.create({
      ...pushPayment(ref('qrpng')),
      userFlow: 'QR',
      customer: undefined,
      qrFormat: { format: 'IMAGE/PNG', size: 200 },
    });
    const image = await fetch(png.body.redirectUrl ?? '');
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('WEB_REDIRECT needs a returnUrl (4140) that is https or a custom scheme (4090)', async () => {
    const base = { ...pushPayment(ref('web')), userFlow: 'WEB_REDIRECT', customer: undefined };
    const missing = await client.create(base);
    expect([missing.status, errorCode(missing.body)]).toEqual([400, '4140']);
    const http = await client.create({ ...base, returnUrl: 'http://example.com/back' });
    expect([http.status, errorCode(http.body)]).toEqual([400, '4090']);
    const ok = await client.create({ ...base, returnUrl: 'https://example.com/back' });
    expect(ok.status).toBe(201);
    expect(ok.body.redirectUrl).toMatch(/\/landing\?token=/);
  });

  it('PUSH_MESSAGE without a customer is 4140', async () => {
    const res = await client.create({ ...pushPayment(ref('nocust')), customer: undefined });
    expect([res.status, errorCode(res.body)]).toEqual([400, '4140']);
  });

  it('qrFormat with another userFlow is a 400 naming qrFormat', async () => {
    const res = await client.create({ ...pushPayment(ref('qrf')), qrFormat: { format: 'IMAGE/PNG' } });
    expect(res.status).toBe(400);
    expect(fieldNames(res.body)).toEqual(['qrFormat']);
    expect(errorCode(res.body)).toBeUndefined();
  });
});

describe('create payment: amount', () => {
  it.each([
    ['decimals', 1000.5, '4040'],
    ['negative', -100, '4040'],
    ['above the maximum', 65_000_001, '4040'],
    ['below the NOK minimum', 99, '6010'],
  ])('%s is refused', async (_name, value, code) => {
    const res = await createInvalid(pushPayment(ref('amt'), value));
    expect([res.status, errorCode(res.body)]).toEqual([400, code]);
  });

  it('accepts exactly the NOK minimum and the maximum, and DKK from 1 øre', async () => {
    expect((await client.create(pushPayment(ref('min'), 100))).status).toBe(201);
    expect((await client.create(pushPayment(ref('max'), 65_000_000))).status).toBe(201);
    const dkk = { ...pushPayment(ref('dkk'), 1), amount: { value: 1, currency: 'DKK' } };
    expect((await client.create(dkk)).status).toBe(201);
  });

  it('a currency the sales unit does not take is 5040', async () => {
    const eur = { ...pushPayment(ref('eur')), amount: { value: 1000, currency: 'EUR' } };
    const res = await client.create(eur);
    expect([res.status, errorCode(res.body)]).toEqual([400, '5040']);
  });

  it('an unknown currency is a schema error naming amount.currency', async () => {
    const res = await createInvalid({ ...pushPayment(ref('sek')), amount: { value: 1000, currency: 'SEK' } });
    expect(res.status).toBe(400);
    expect(fieldNames(res.body)).toEqual(['amount.currency']);
  });
});

describe('create payment: customer', () => {
  it('a phone number outside ^\\d{10,15}$ is 4070', async () => {
    for (const phoneNumber of ['+4791234567', '479123', '47 91234567', '4791234567123456']) {
      const res = await createInvalid(pushPayment(ref('phone'), 1000, { customer: { phoneNumber } }));
      expect([res.status, errorCode(res.body)], phoneNumber).toEqual([400, '4070']);
    }
  });

  it(`the unknown customer ${UNKNOWN_CUSTOMER_PHONE} is 7010 Customer not found`, async () => {
    const res = await client.create(
      pushPayment(ref('unknown'), 1000, { customer: { phoneNumber: UNKNOWN_CUSTOMER_PHONE } }),
    );
    expect([res.status, errorCode(res.body)]).toEqual([400, '7010']);
    expect((res.body as unknown as { title: string }).title).toBe('Customer not found');
  });

  it('more than one customer field is a 400 naming customer', async () => {
    const res = await createInvalid(
      pushPayment(ref('two'), 1000, { customer: { phoneNumber: '4791234567', customerToken: 'abc' } }),
    );
    expect(res.status).toBe(400);
    expect(fieldNames(res.body)).toEqual(['customer']);
  });

  it('a personal QR is accepted; other scanned text (too short, a barcode, another link) is 4060; an empty token is 4050', async () => {
    const qr = pushPayment(ref('pqr'), 1000, {
      customer: { personalQr: 'https://qr.vipps.no/28/2/01/031/4791234567?v=1' },
    });
    expect((await client.create(qr)).status).toBe(201);
    const short = await createInvalid(pushPayment(ref('pqr'), 1000, { customer: { personalQr: 'abc' } }));
    expect(errorCode(short.body)).toBe('4060');
    for (const scanned of [
      'hello-not-a-qr',
      '7038010005678',
      'http://qr.vipps.no/28/2/01/031/4791234567',
      'https://example.com/qr/4791234567',
    ]) {
      const other = await createInvalid(pushPayment(ref('pqr'), 1000, { customer: { personalQr: scanned } }));
      expect(errorCode(other.body), scanned).toBe('4060');
    }
    const token = await client.create(pushPayment(ref('tok'), 1000, { customer: { customerToken: '' } }));
    expect(errorCode(token.body)).toBe('4050');
  });

  it('customerInteraction must be one of the two values', async () => {
    const res = await createInvalid(pushPayment(ref('ci'), 1000, { customerInteraction: 'IN_STORE' }));
    expect(fieldNames(res.body)).toEqual(['customerInteraction']);
  });
});

describe('create payment: reference and other fields', () => {
  // 51–64 characters are accepted, as by the current API: test/conformance/sdk-epayment.test.ts
  // (this client checks responses against the 1.4.1 spec, which caps references at 50).
  it.each(['short', 'has space 123', 'under_score1', 'x'.repeat(65)])(
    'reference %j is a 400 naming reference',
    async (reference) => {
      const res = await createInvalid(pushPayment(reference));
      expect(res.status).toBe(400);
      expect(fieldNames(res.body)).toEqual(['reference']);
    },
  );

  it('a reference is unique per merchant: a second create with a new key is 409 / 4150', async () => {
    const reference = ref('dup');
    expect((await client.create(pushPayment(reference))).status).toBe(201);
    const again = await client.create(pushPayment(reference));
    expect([again.status, errorCode(again.body)]).toEqual([409, '4150']);
  });

  it('missing required fields are named', async () => {
    const res = await createInvalid({ reference: ref('req') });
    expect(res.status).toBe(400);
    expect(fieldNames(res.body).sort()).toEqual(['amount', 'paymentMethod', 'userFlow']);
  });

  it('metadata over the limits gives 4100 / 4120 / 4130; valid metadata is echoed by GET', async () => {
    const six = Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`k${i}`, 'v']));
    expect(errorCode((await createInvalid(pushPayment(ref('md'), 1000, { metadata: six }))).body)).toBe(
      '4100',
    );
    const longKey = { ['k'.repeat(101)]: 'v' };
    expect(errorCode((await client.create(pushPayment(ref('md'), 1000, { metadata: longKey }))).body)).toBe(
      '4120',
    );
    const longValue = { k: 'v'.repeat(501) };
    expect(errorCode((await client.create(pushPayment(ref('md'), 1000, { metadata: longValue }))).body)).toBe(
      '4130',
    );
    const reference = ref('md');
    await client.create(pushPayment(reference, 1000, { metadata: { till: '3' } }));
    expect((await client.get(reference)).body.metadata).toEqual({ till: '3' });
  });

  it('profile.scope must use the documented words (4080); sub appears once AUTHORIZED', async () => {
    const bad = await client.create(pushPayment(ref('scope'), 1000, { profile: { scope: 'name shoeSize' } }));
    expect([bad.status, errorCode(bad.body)]).toEqual([400, '4080']);
    const reference = ref('scope');
    await client.create(pushPayment(reference, 1000, { profile: { scope: 'name phoneNumber' } }));
    expect((await client.get(reference)).body.profile).toEqual({});
    sim.customer.approve(reference);
    expect((await client.get(reference)).body.profile.sub).toEqual(expect.any(String));
  });

  it('paymentDescription must be 3–100 characters', async () => {
    const res = await createInvalid(pushPayment(ref('desc'), 1000, { paymentDescription: 'ab' }));
    expect(fieldNames(res.body)).toEqual(['paymentDescription']);
  });

  it('expiresAt needs a receipt (6130) and must lie 10 minutes to 60 days ahead (6120 / 6110)', async () => {
    const at = (ms: number) => new Date(T0 + ms).toISOString();
    const receipt = {
      orderLines: [
        {
          name: 'Bun',
          id: 'bun',
          totalAmount: 1000,
          totalAmountExcludingTax: 800,
          totalTaxAmount: 200,
          taxPercentage: 25,
        },
      ],
      bottomLine: { currency: 'NOK' },
    };
    const base = pushPayment(ref('exp'), 1000);
    expect(errorCode((await client.create({ ...base, expiresAt: at(3_600_000) })).body)).toBe('6130');
    expect(errorCode((await client.create({ ...base, receipt, expiresAt: at(5 * 60_000) })).body)).toBe(
      '6120',
    );
    expect(errorCode((await client.create({ ...base, receipt, expiresAt: at(61 * 86_400_000) })).body)).toBe(
      '6110',
    );
    const reference = ref('exp');
    const ok = await client.create({ ...pushPayment(reference, 1000), receipt, expiresAt: at(3_600_000) });
    expect(ok.status).toBe(201);
    sim.clock.advance(30 * 60_000);
    await client.fetchToken();
    expect((await client.get(reference)).body.state).toBe('CREATED');
  });

  it('a body that is not JSON is a 400', async () => {
    const res = await client.call('POST', '/epayment/v1/payments', {
      rawBody: '{"amount":',
      idempotencyKey: randomUUID(),
      invalidRequest: true,
    });
    expect(res.status).toBe(400);
  });
});

describe('required headers', () => {
  const refused: string[] = [];
  const valid = () => {
    const reference = ref('hdr');
    refused.push(reference);
    return pushPayment(reference);
  };

  it('Idempotency-Key is required on create and at most 50 characters', async () => {
    const missing = await client.call('POST', '/epayment/v1/payments', {
      body: valid(),
      invalidRequest: true,
    });
    expect(missing.status).toBe(400);
    expect(fieldNames(missing.body)).toEqual(['Idempotency-Key']);
    const long = await createInvalid(valid(), { 'idempotency-key': 'k'.repeat(51) });
    expect(fieldNames(long.body)).toEqual(['Idempotency-Key']);
  });

  it('Idempotency-Key is required on cancel, capture and refund', async () => {
    const reference = ref('hdr');
    await client.create(pushPayment(reference));
    for (const op of ['cancel', 'capture', 'refund']) {
      const res = await client.call('POST', `/epayment/v1/payments/${reference}/${op}`, {
        body: op === 'cancel' ? undefined : { modificationAmount: { value: 100, currency: 'NOK' } },
        invalidRequest: true,
      });
      expect([res.status, fieldNames(res.body)], op).toEqual([400, ['Idempotency-Key']]);
    }
    expect(sim.payments.get(reference)?.state).toBe('CREATED');
  });

  it('Merchant-Serial-Number is required (400) and must be this merchant (403)', async () => {
    const missing = await createInvalid(valid(), { 'merchant-serial-number': undefined });
    expect([missing.status, fieldNames(missing.body)]).toEqual([400, ['Merchant-Serial-Number']]);
    const other = await createInvalid(valid(), { 'merchant-serial-number': '654321' });
    expect(other.status).toBe(403);
  });

  it('Authorization and Ocp-Apim-Subscription-Key are required (401)', async () => {
    expect((await createInvalid(valid(), { authorization: undefined })).status).toBe(401);
    expect((await createInvalid(valid(), { authorization: 'Bearer nonsense' })).status).toBe(401);
    expect((await createInvalid(valid(), { 'ocp-apim-subscription-key': undefined })).status).toBe(401);
    expect((await createInvalid(valid(), { 'ocp-apim-subscription-key': 'other' })).status).toBe(401);
  });

  it('Vipps-System-* headers longer than 30 characters are refused', async () => {
    const res = await createInvalid(valid(), { 'vipps-system-name': 'n'.repeat(31) });
    expect([res.status, fieldNames(res.body)]).toEqual([400, ['vipps-system-name']]);
  });

  it('no refused create left a payment behind', () => {
    expect(refused.length).toBeGreaterThan(5);
    for (const reference of refused) expect(sim.payments.get(reference)).toBeUndefined();
  });
});
