import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatePaymentRequest, VippsClient } from '../../../src/main/vipps/types';
import { caught, type Harness, harness, KEY, modification, payment, REFERENCE } from './helpers';

const valid: CreatePaymentRequest = {
  amount: { value: 1_000, currency: 'NOK' },
  paymentMethod: { type: 'WALLET' },
  reference: REFERENCE,
  userFlow: 'PUSH_MESSAGE',
  customer: { phoneNumber: '4791234567' },
  paymentDescription: 'Till 1',
};
const nok = (value: number) => ({ value, currency: 'NOK' as const });

type Case = [string, (c: VippsClient) => Promise<unknown>, string];

/** Each case names the field the error must point at. */
const badInput: Case[] = [
  ['decimal amount', (c) => c.createPayment({ ...valid, amount: nok(10.5) }, KEY), 'amount.value'],
  ['zero amount', (c) => c.createPayment({ ...valid, amount: nok(0) }, KEY), 'amount.value'],
  ['negative amount', (c) => c.createPayment({ ...valid, amount: nok(-100) }, KEY), 'amount.value'],
  [
    'amount above 65,000,000',
    (c) => c.createPayment({ ...valid, amount: nok(65_000_001) }, KEY),
    'amount.value',
  ],
  ['NaN amount', (c) => c.createPayment({ ...valid, amount: nok(Number.NaN) }, KEY), 'amount.value'],
  [
    'unknown currency',
    (c) => c.createPayment({ ...valid, amount: { value: 100, currency: 'SEK' as 'NOK' } }, KEY),
    'amount.currency',
  ],
  ['short reference', (c) => c.createPayment({ ...valid, reference: 'abc' }, KEY), 'reference'],
  [
    'reference with a slash',
    (c) => c.createPayment({ ...valid, reference: 'abc/../defgh' }, KEY),
    'reference',
  ],
  [
    'reference of 51 chars',
    (c) => c.createPayment({ ...valid, reference: 'a'.repeat(51) }, KEY),
    'reference',
  ],
  [
    'phone with +',
    (c) => c.createPayment({ ...valid, customer: { phoneNumber: '+4791234567' } }, KEY),
    'customer',
  ],
  [
    'phone too short',
    (c) => c.createPayment({ ...valid, customer: { phoneNumber: '912345' } }, KEY),
    'customer',
  ],
  [
    'personal QR too short',
    (c) => c.createPayment({ ...valid, customer: { personalQr: 'abc' } }, KEY),
    'customer',
  ],
  [
    'personal QR too long',
    (c) => c.createPayment({ ...valid, customer: { personalQr: 'q'.repeat(256) } }, KEY),
    'customer',
  ],
  [
    'two customer fields',
    (c) =>
      c.createPayment(
        { ...valid, customer: { phoneNumber: '4791234567', personalQr: 'https://qr.vipps.no/x' } as never },
        KEY,
      ),
    'customer',
  ],
  [
    'PUSH_MESSAGE without customer',
    (c) => c.createPayment({ ...valid, customer: undefined }, KEY),
    'customer',
  ],
  [
    'description too short',
    (c) => c.createPayment({ ...valid, paymentDescription: 'ab' }, KEY),
    'paymentDescription',
  ],
  [
    'description too long',
    (c) => c.createPayment({ ...valid, paymentDescription: 'x'.repeat(101) }, KEY),
    'paymentDescription',
  ],
  [
    'qrFormat without QR flow',
    (c) => c.createPayment({ ...valid, qrFormat: { format: 'IMAGE/SVG+XML' } }, KEY),
    'qrFormat',
  ],
  ['empty idempotency key', (c) => c.createPayment(valid, ''), 'idempotencyKey'],
  ['idempotency key of 51 chars', (c) => c.createPayment(valid, 'k'.repeat(51)), 'idempotencyKey'],
  ['idempotency key with a newline', (c) => c.createPayment(valid, 'abc\r\nX-Evil: 1'), 'idempotencyKey'],
  ['zero capture', (c) => c.capturePayment(REFERENCE, nok(0), KEY), 'amount.value'],
  ['fractional refund', (c) => c.refundPayment(REFERENCE, nok(0.5), KEY), 'amount.value'],
  ['capture without key', (c) => c.capturePayment(REFERENCE, nok(100), ''), 'idempotencyKey'],
  ['cancel with bad reference', (c) => c.cancelPayment('bad ref', KEY), 'reference'],
  ['get with bad reference', (c) => c.getPayment('../../etc'), 'reference'],
  ['events with bad reference', (c) => c.getEvents('short'), 'reference'],
  [
    'receipt without lines',
    (c) => c.addReceipt(REFERENCE, { orderLines: [], bottomLine: { currency: 'NOK' } }),
    'receipt.orderLines',
  ],
  [
    'receipt line without tax',
    (c) =>
      c.addReceipt(REFERENCE, {
        orderLines: [
          { name: 'x', id: '1', totalAmount: 100, totalAmountExcludingTax: 80, totalTaxAmount: 20 },
        ],
        bottomLine: { currency: 'NOK' },
      }),
    'receipt.orderLines.0',
  ],
];

describe('input validation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it.each(badInput)('rejects %s with VALIDATION and sends nothing', async (_name, act, field) => {
    const error = await caught(() => act(h.client));
    expect(error).toMatchObject({ code: 'VALIDATION', retryable: false, outcomeUnknown: false });
    const issues = (error as { details?: { issues?: string[] } }).details?.issues ?? [];
    expect(issues.some((issue) => issue.startsWith(field))).toBe(true);
    expect(h.server.requests).toHaveLength(0);
  });

  it('never quotes the rejected phone number', async () => {
    const error = await caught(() =>
      h.client.createPayment({ ...valid, customer: { phoneNumber: '47912345678901234' } }, KEY),
    );
    expect(JSON.stringify(error)).not.toContain('47912345678901234');
  });

  it('accepts the edges of every range', async () => {
    h.server.on('POST', '/epayment/v1/payments', { status: 201, body: { reference: REFERENCE } });
    await h.client.createPayment(
      { ...valid, amount: nok(65_000_000), reference: 'a'.repeat(50) },
      'k'.repeat(50),
    );
    await h.client.createPayment({ ...valid, amount: nok(1), reference: 'A-1-b-2-' }, 'k');
    await h.client.createPayment(
      { ...valid, customer: { personalQr: 'q'.repeat(255) }, paymentDescription: 'abc' },
      KEY,
    );
    await h.client.createPayment(
      { ...valid, userFlow: 'QR', customer: undefined, qrFormat: { format: 'TEXT/TARGETURL' } },
      KEY,
    );
    expect(h.server.requestsTo('POST', '/epayment/v1/payments')).toHaveLength(4);
  });
});

describe('response validation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  const GET = `/epayment/v1/payments/${REFERENCE}`;

  it.each([
    ['an empty body', undefined],
    ['HTML', '<html>hello</html>'],
    ['a missing state', { ...payment(), state: undefined }],
    ['an unknown state', { ...payment(), state: 'PENDING' }],
    ['a string amount', { ...payment(), amount: { value: '1000', currency: 'NOK' } }],
    ['no aggregate', { ...payment(), aggregate: undefined }],
  ])('turns %s into UPSTREAM, not a crash', async (_name, body) => {
    h.server.on('GET', GET, { status: 200, body });
    const error = await caught(() => h.client.getPayment(REFERENCE));
    expect(error).toMatchObject({
      code: 'UPSTREAM',
      status: 200,
      outcomeUnknown: false,
      operation: 'getPayment',
    });
    expect((error as Error).message).toMatch(/do not understand/);
  });

  it('keeps extra fields Vipps adds', async () => {
    h.server.on('GET', GET, { body: { ...payment(), userDetails: { name: 'x' }, futureField: 1 } });
    const got = (await h.client.getPayment(REFERENCE)) as unknown as Record<string, unknown>;
    expect(got.futureField).toBe(1);
  });

  it('a capture that succeeded with an unreadable answer is outcome-unknown', async () => {
    h.server.on('POST', `${GET}/capture`, { body: { ...modification(), aggregate: null } });
    const error = await caught(() => h.client.capturePayment(REFERENCE, nok(100), KEY));
    expect(error).toMatchObject({ code: 'UPSTREAM', outcomeUnknown: true, retryable: false });
    expect((error as { details?: { issues?: string[] } }).details?.issues?.[0]).toMatch(/^aggregate/);
  });

  it('rejects a malformed event list', async () => {
    h.server.on('GET', `${GET}/events`, { body: [{ name: 'CREATED' }] });
    await expect(h.client.getEvents(REFERENCE)).rejects.toMatchObject({ code: 'UPSTREAM' });
  });

  it('tolerates what real Vipps does beyond the spec: null redirectUrl, no profile', async () => {
    const { profile: _profile, ...withoutProfile } = payment();
    h.server.on('GET', GET, { body: { ...withoutProfile, redirectUrl: null } });
    const got = await h.client.getPayment(REFERENCE);
    expect(got.redirectUrl).toBeUndefined();
    expect(got.profile).toEqual({ sub: undefined });
  });

  it('leaves out events with names it does not know, keeps the rest', async () => {
    const event = (name: string | undefined) => ({
      reference: REFERENCE,
      pspReference: 'psp',
      ...(name ? { name } : {}),
      amount: { value: 100, currency: 'NOK' },
      timestamp: '2026-11-25T10:00:00Z',
      idempotencyKey: null,
      success: true,
    });
    h.server.on('GET', `${GET}/events`, {
      body: [event('CREATED'), event('SOMETHING_NEW'), event(undefined), event('AUTHORIZED')],
    });
    const events = await h.client.getEvents(REFERENCE);
    expect(events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED']);
  });
});
