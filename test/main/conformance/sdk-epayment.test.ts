/**
 * Conformance: Vipps' own client (@vippsmobilepay/sdk 2.4.x) drives the simulator through every
 * ePayment call it offers — create, info, history, cancel, capture, refund, forceApprove — and gets
 * the results the SDK expects from Vipps; the simulator's ledger shows the money that moved.
 * Where the SDK itself falls short, the test shows it (simulator README, "Known SDK limitations").
 */
import type { CreatePaymentRequest } from '@vippsmobilepay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SdkHarness, sdkReference, startSdkHarness } from './sdk-harness';

let h: SdkHarness;
let token: string;
beforeAll(async () => {
  h = await startSdkHarness();
  token = await h.token();
});
afterAll(() => h.close());

const NOK = (value: number) => ({ value, currency: 'NOK' as const });
const PHONE = '4791234567';

function push(reference: string, value = 10_000): CreatePaymentRequest {
  return {
    amount: NOK(value),
    paymentMethod: { type: 'WALLET' },
    customer: { phoneNumber: PHONE },
    customerInteraction: 'CUSTOMER_PRESENT',
    reference,
    userFlow: 'PUSH_MESSAGE',
    paymentDescription: 'Conformance',
  };
}

/** The Vipps error code in a problem the SDK hands back. */
function errorCodeOf(error: unknown): string | undefined {
  const details = (error as { extraDetails?: Array<{ name: string; reason: string }> }).extraDetails;
  return details?.find((d) => d.name === 'ErrorCode')?.reason;
}

const moved = (reference: string) => h.sim.ledger.forReference(reference).map((e) => [e.kind, e.amount]);

async function authorized(reference: string, value = 10_000) {
  expect(await h.sdk.payment.create(token, push(reference, value))).toMatchObject({ ok: true });
  expect(
    await h.sdk.payment.forceApprove(token, reference, { customer: { phoneNumber: PHONE } }),
  ).toMatchObject({
    ok: true,
  });
}

describe('create', () => {
  it('PUSH_MESSAGE: the reference back, no redirectUrl; info shows CREATED with the amount', async () => {
    const reference = sdkReference('push');
    const created = await h.sdk.payment.create(token, push(reference));
    expect(created).toEqual({ ok: true, data: { reference } });
    const info = await h.sdk.payment.info(token, reference);
    expect(info).toMatchObject({
      ok: true,
      data: {
        reference,
        state: 'CREATED',
        amount: NOK(10_000),
        aggregate: { authorizedAmount: NOK(0), capturedAmount: NOK(0) },
        paymentMethod: { type: 'WALLET' },
      },
    });
    expect(moved(reference)).toEqual([]);
  });

  it.each([
    ['TEXT/TARGETURL', /\/qr\/v1\/[^/?]+$/],
    ['IMAGE/SVG+XML', /\/qr-image\/v1\?token=[^&]+$/],
    ['IMAGE/PNG', /\/qr-image\/v1\?token=.+&format=png&size=400$/],
  ] as const)('QR with %s: a redirectUrl the simulator serves', async (format, pattern) => {
    const reference = sdkReference('qr');
    const created = await h.sdk.payment.create(token, {
      amount: NOK(5000),
      paymentMethod: { type: 'WALLET' },
      reference,
      userFlow: 'QR',
      qrFormat: { format, ...(format === 'IMAGE/PNG' ? { size: 400 } : {}) },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created.data.redirectUrl).toMatch(pattern);
    expect((await fetch(created.data.redirectUrl ?? '')).status).toBe(200);
  });

  it('without a reference the SDK makes a UUID one, which the simulator accepts', async () => {
    const body = push('');
    delete (body as Partial<CreatePaymentRequest>).reference;
    const created = await h.sdk.payment.create(token, body);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created.data.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.sim.payments.get(created.data.reference)?.state).toBe('CREATED');
  });

  it('a 64-character reference is accepted (current API); 65 is a 400 naming the reference', async () => {
    const reference = sdkReference('long', 64);
    expect(reference).toHaveLength(64);
    expect(await h.sdk.payment.create(token, push(reference))).toEqual({ ok: true, data: { reference } });
    const tooLong = await h.invalidOnPurpose(() => h.sdk.payment.create(token, push(`${reference}x`)));
    expect(tooLong).toMatchObject({
      ok: false,
      error: {
        status: 400,
        extraDetails: [{ name: 'reference', reason: expect.stringContaining('{8,64}') }],
      },
    });
  });

  it('a bad body is a 400 problem naming the field; nothing is created', async () => {
    const reference = sdkReference('bad');
    const res = await h.invalidOnPurpose(() =>
      h.sdk.payment.create(token, { ...push(reference), amount: NOK(1.5) }),
    );
    expect(res).toMatchObject({
      ok: false,
      error: { status: 400, extraDetails: [expect.objectContaining({})] },
    });
    expect(h.sim.payments.get(reference)).toBeUndefined();
  });
});

describe('approve, capture, refund', () => {
  it('forceApprove (test only) reserves the amount; partial then full capture; partial refund', async () => {
    const reference = sdkReference('cap');
    await authorized(reference);
    expect(await h.sdk.payment.info(token, reference)).toMatchObject({
      ok: true,
      data: { state: 'AUTHORIZED', aggregate: { authorizedAmount: NOK(10_000) } },
    });

    const part = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(4000) });
    expect(part).toMatchObject({
      ok: true,
      data: { reference, state: 'AUTHORIZED', aggregate: { capturedAmount: NOK(4000) } },
    });
    const rest = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(6000) });
    expect(rest).toMatchObject({ ok: true, data: { aggregate: { capturedAmount: NOK(10_000) } } });
    const refund = await h.sdk.payment.refund(token, reference, { modificationAmount: NOK(2500) });
    expect(refund).toMatchObject({
      ok: true,
      data: { aggregate: { capturedAmount: NOK(10_000), refundedAmount: NOK(2500) } },
    });
    expect(moved(reference)).toEqual([
      ['authorize', 10_000],
      ['capture', 4000],
      ['capture', 6000],
      ['refund', 2500],
    ]);

    const history = await h.sdk.payment.history(token, reference);
    if (!history.ok) throw new Error(JSON.stringify(history.error));
    expect(history.data.map((e) => [e.name, e.amount.value, e.success])).toEqual([
      ['CREATED', 10_000, true],
      ['AUTHORIZED', 10_000, true],
      ['CAPTURED', 4000, true],
      ['CAPTURED', 6000, true],
      ['REFUNDED', 2500, true],
    ]);
  });

  it('forceApprove with the token from a QR redirectUrl works too; a wrong token is 10010', async () => {
    const reference = sdkReference('qrok');
    const created = await h.sdk.payment.create(token, {
      amount: NOK(3000),
      paymentMethod: { type: 'WALLET' },
      reference,
      userFlow: 'QR',
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const qrToken = new URL(created.data.redirectUrl ?? '').searchParams.get('token') ?? '';
    const wrong = await h.sdk.payment.forceApprove(token, reference, { token: 'not-the-token' });
    expect(wrong.ok).toBe(false);
    expect(errorCodeOf(!wrong.ok && wrong.error)).toBe('10010');
    expect(await h.sdk.payment.forceApprove(token, reference, { token: qrToken })).toMatchObject({
      ok: true,
    });
    expect(moved(reference)).toEqual([['authorize', 3000]]);
  });

  it('over-capture is 6090 and over-refund 6150; neither moves money', async () => {
    const reference = sdkReference('over');
    await authorized(reference, 5000);
    const over = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(5001) });
    expect(over).toMatchObject({ ok: false, error: { status: 400 } });
    expect(errorCodeOf(!over.ok && over.error)).toBe('6090');
    expect(await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(3000) })).toMatchObject({
      ok: true,
    });
    const overRefund = await h.sdk.payment.refund(token, reference, { modificationAmount: NOK(3001) });
    expect(overRefund).toMatchObject({ ok: false, error: { status: 400 } });
    expect(errorCodeOf(!overRefund.ok && overRefund.error)).toBe('6150');
    expect(moved(reference)).toEqual([
      ['authorize', 5000],
      ['capture', 3000],
    ]);
  });

  it('a capture body without modificationAmount is a 400; nothing moves', async () => {
    const reference = sdkReference('nobody');
    await authorized(reference);
    const res = await h.invalidOnPurpose(() => h.sdk.payment.capture(token, reference, {} as never));
    expect(res).toMatchObject({ ok: false, error: { status: 400 } });
    expect(moved(reference)).toEqual([['authorize', 10_000]]);
  });
});

describe('cancel', () => {
  it('a CREATED payment ends TERMINATED', async () => {
    const reference = sdkReference('term');
    await h.sdk.payment.create(token, push(reference));
    const res = await h.sdk.payment.cancel(token, reference);
    expect(res).toMatchObject({ ok: true, data: { reference, state: 'TERMINATED' } });
    expect(h.sim.payments.get(reference)?.state).toBe('TERMINATED');
  });

  it('an AUTHORIZED payment stays AUTHORIZED (a final state) with the reservation released', async () => {
    const reference = sdkReference('canc');
    await authorized(reference, 7000);
    const res = await h.sdk.payment.cancel(token, reference);
    expect(res).toMatchObject({
      ok: true,
      data: { state: 'AUTHORIZED', aggregate: { cancelledAmount: NOK(7000) } },
    });
    expect(moved(reference)).toEqual([
      ['authorize', 7000],
      ['cancel', 7000],
    ]);
  });
});

describe('refusals the SDK reports', () => {
  it('an unknown reference is 404 for info, history and capture', async () => {
    const reference = sdkReference('none');
    for (const res of [
      await h.sdk.payment.info(token, reference),
      await h.sdk.payment.history(token, reference),
      await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(100) }),
    ]) {
      expect(res).toMatchObject({ ok: false, error: { status: 404 } });
    }
  });

  it('a wrong access token is 401 (problem); nothing is created', async () => {
    const reference = sdkReference('tok');
    const res = await h.sdk.payment.create('not-a-token', push(reference));
    expect(res).toMatchObject({ ok: false, error: { status: 401 } });
    expect(h.sim.payments.get(reference)).toBeUndefined();
  });

  it("another merchant's serial number is 403, which the SDK words as 'not authorized for this product'", async () => {
    const { Client } = await import('@vippsmobilepay/sdk');
    const other = Client({
      merchantSerialNumber: '654321',
      subscriptionKey: h.sim.credentials.subscriptionKey,
      useTestMode: true,
      retryRequests: false,
    });
    const reference = sdkReference('msn');
    const res = await other.payment.create(token, push(reference));
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toBeInstanceOf(Error);
    expect(String(!res.ok && (res.error as Error).message)).toMatch(/not authorized for this product/);
    expect(h.sim.payments.get(reference)).toBeUndefined();
  });

  it('an injected 500 is a retryable error to the SDK, and nothing moved', async () => {
    const reference = sdkReference('five');
    await authorized(reference);
    const fault = h.sim.faults.add({
      kind: 'status',
      status: 500,
      match: { operation: 'capturePayment' },
      times: 1,
    });
    const res = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(1000) });
    expect(fault.fired()).toBe(1);
    expect(res).toMatchObject({ ok: false, retry: true });
    expect(String(!res.ok && (res.error as Error).message)).toMatch(/^500/);
    expect(moved(reference)).toEqual([['authorize', 10_000]]);
  });
});

describe('idempotency', () => {
  it('the same key and body is a replay (money moves once); the same key with another amount is 4010', async () => {
    const reference = sdkReference('idem');
    await authorized(reference);
    h.pinIdempotencyKey('conformance-capture-key-1');
    try {
      const first = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(2000) });
      const replay = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(2000) });
      expect(replay).toEqual(first);
      const conflict = await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(3000) });
      expect(conflict).toMatchObject({ ok: false, error: { status: 409 } });
      expect(errorCodeOf(!conflict.ok && conflict.error)).toBe('4010');
    } finally {
      h.pinIdempotencyKey(null);
    }
    expect(moved(reference)).toEqual([
      ['authorize', 10_000],
      ['capture', 2000],
    ]);
  });

  it('SDK limitation: it sends a new Idempotency-Key on every call, so a repeated capture captures twice', async () => {
    const reference = sdkReference('twice');
    await authorized(reference);
    const before = h.sent.length;
    await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(1000) });
    await h.sdk.payment.capture(token, reference, { modificationAmount: NOK(1000) });
    const keys = h.sent.slice(before).map((s) => s.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(moved(reference)).toEqual([
      ['authorize', 10_000],
      ['capture', 1000],
      ['capture', 1000],
    ]);
  });

  it('SDK limitation: cancel drops cancelTransactionOnly, so an authorized payment is released anyway', async () => {
    const reference = sdkReference('only');
    await authorized(reference, 4000);
    // The same request with the body, as Vipps documents it: 6060, nothing released.
    const direct = await fetch(`${h.sim.url}/epayment/v1/payments/${reference}/cancel`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'ocp-apim-subscription-key': h.sim.credentials.subscriptionKey,
        'merchant-serial-number': h.sim.credentials.merchantSerialNumber,
        'idempotency-key': 'conformance-cancel-only',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ cancelTransactionOnly: true }),
    });
    expect(direct.status).toBe(400);
    expect(errorCodeOf(await direct.json())).toBe('6060');
    expect(moved(reference)).toEqual([['authorize', 4000]]);

    const before = h.sent.length;
    const cancel = h.sdk.payment.cancel as (...args: unknown[]) => ReturnType<typeof h.sdk.payment.cancel>;
    const res = await cancel(token, reference, { cancelTransactionOnly: true });
    expect(h.sent.slice(before)).toEqual([
      expect.objectContaining({ path: expect.stringMatching(/\/cancel$/), body: '' }),
    ]);
    expect(res).toMatchObject({ ok: true, data: { aggregate: { cancelledAmount: NOK(4000) } } });
    expect(moved(reference)).toEqual([
      ['authorize', 4000],
      ['cancel', 4000],
    ]);
  });
});
