/**
 * The real client against the real simulator over loopback, with every request and answer checked
 * against the official OpenAPI files (ePayment 1.4.1, Order Management 2.1).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReceipt } from '../../../src/main/receipts/build';
import { createSimClock, type SimClock, type Simulator, startSimulator } from '../../../src/main/simulator';
import { createVippsClient, type VippsClientOptions } from '../../../src/main/vipps/client';
import { systemInfoFromPackage } from '../../../src/main/vipps/system-info';
import type { CreatePaymentRequest, Receipt, VippsClient } from '../../../src/main/vipps/types';
import { type OrderLine, VAT_RATES } from '../../../src/preload/contract';
import { INVALID_ON_PURPOSE } from '../../support/spec/traffic-check';
import { type SpecCheckingFetch, specCheckingFetch } from './spec-fetch';

const nok = (value: number) => ({ value, currency: 'NOK' as const });
const PHONE = '4791234567';

let counter = 0;
const newReference = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;
const newKey = (what: string) => `${what}-${counter}-${Math.random().toString(36).slice(2, 10)}`;

function pushPayment(reference: string, value = 10_000): CreatePaymentRequest {
  return {
    amount: nok(value),
    paymentMethod: { type: 'WALLET' },
    reference,
    userFlow: 'PUSH_MESSAGE',
    customer: { phoneNumber: PHONE },
    customerInteraction: 'CUSTOMER_PRESENT',
    paymentDescription: 'Coffee and bun',
  };
}

const receipt: Receipt = {
  orderLines: [
    {
      name: 'Coffee',
      id: 'coffee',
      totalAmount: 4_000,
      totalAmountExcludingTax: 3_200,
      totalTaxAmount: 800,
      taxRate: 2500,
      unitInfo: { unitPrice: 2_000, quantity: '2', quantityUnit: 'PCS' },
    },
    {
      name: 'Bun',
      id: 'bun',
      totalAmount: 6_000,
      totalAmountExcludingTax: 4_800,
      totalTaxAmount: 1_200,
      taxRate: 2500,
    },
  ],
  bottomLine: { currency: 'NOK', posId: 'counter-1', receiptNumber: 'R-1' },
};

let sim: Simulator;
let simClock: SimClock;
let checker: SpecCheckingFetch;
let client: VippsClient;

function clientFor(options: Partial<VippsClientOptions> = {}): VippsClient {
  return createVippsClient({
    baseUrl: sim.url,
    credentials: sim.credentials,
    system: systemInfoFromPackage({ name: 'vipps-counter', version: '0.1.0' }),
    fetch: checker.fetch,
    timeoutMs: 2_000,
    // Retries in these tests are about keys and outcomes, not about waiting.
    sleep: async () => {},
    ...options,
  });
}

beforeEach(async () => {
  simClock = createSimClock();
  sim = await startSimulator({ clock: simClock, expirySweepMs: 0 });
  checker = specCheckingFetch();
  client = clientFor();
});

/** Every operation the client offers must have been exercised and checked somewhere in this file. */
const exercised = new Set<string>();

afterEach(async () => {
  await sim.close();
  for (const exchange of checker.seen) exercised.add(exchange.split(' ')[0]!);
  expect(checker.violations).toEqual([]);
});

afterAll(() => {
  expect([...exercised].sort()).toEqual(
    [
      'cancelPayment',
      'capturePayment',
      'createPayment',
      'fetchAccessToken',
      'forceApprove',
      'getPayment',
      'getPaymentEventLog',
      'post-receipt-v2',
      'refundPayment',
    ].sort(),
  );
});

describe('the spec checker itself', () => {
  it('notices a request and an answer the spec does not allow', async () => {
    const probe = specCheckingFetch();
    const response = await probe.fetch(`${sim.url}/epayment/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k', [INVALID_ON_PURPOSE]: '1' },
      body: JSON.stringify({ reference: 'short' }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(probe.violations.some((v) => v.startsWith('request POST /epayment/v1/payments'))).toBe(true);
  });
});

describe('client ↔ simulator, spec-checked', () => {
  it('runs a sale: create → force-approve → capture → refund, events and ledger agree', async () => {
    const reference = newReference('life');
    const keys = { create: newKey('create'), capture: newKey('capture'), refund: newKey('refund') };

    expect(await client.createPayment(pushPayment(reference), keys.create)).toEqual({ reference });
    expect((await client.getPayment(reference)).state).toBe('CREATED');

    await client.forceApprove(reference, { customer: { phoneNumber: PHONE } });
    const approved = await client.getPayment(reference);
    expect(approved.state).toBe('AUTHORIZED');
    expect(approved.aggregate.authorizedAmount).toEqual(nok(10_000));

    const captured = await client.capturePayment(reference, nok(10_000), keys.capture);
    expect(captured.aggregate.capturedAmount).toEqual(nok(10_000));

    const refunded = await client.refundPayment(reference, nok(4_000), keys.refund);
    expect(refunded.state).toBe('AUTHORIZED');
    expect(refunded.aggregate.refundedAmount).toEqual(nok(4_000));

    const events = await client.getEvents(reference);
    expect(events.map((e) => [e.name, e.amount.value, e.idempotencyKey, e.success])).toEqual([
      ['CREATED', 10_000, keys.create, true],
      ['AUTHORIZED', 10_000, null, true],
      ['CAPTURED', 10_000, keys.capture, true],
      ['REFUNDED', 4_000, keys.refund, true],
    ]);
    expect(sim.ledger.total('capture', reference)).toBe(10_000);
    expect(sim.ledger.total('refund', reference)).toBe(4_000);
  });

  it('creates a QR payment and gets a URL to show', async () => {
    const reference = newReference('qr');
    const created = await client.createPayment(
      {
        amount: nok(2_500),
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'QR',
        qrFormat: { format: 'TEXT/TARGETURL' },
        customerInteraction: 'CUSTOMER_PRESENT',
      },
      newKey('create'),
    );
    expect(created.reference).toBe(reference);
    expect(created.redirectUrl).toMatch(/^https?:\/\//);
  });

  it('cancels before approval: TERMINATED, nothing moved', async () => {
    const reference = newReference('cancel');
    await client.createPayment(pushPayment(reference), newKey('create'));
    const cancelled = await client.cancelPayment(reference, newKey('cancel'), {
      cancelTransactionOnly: true,
    });
    expect(cancelled.state).toBe('TERMINATED');
    expect((await client.getPayment(reference)).state).toBe('TERMINATED');
    expect(sim.ledger.forReference(reference).filter((e) => e.kind !== 'cancel')).toEqual([]);
  });

  it('refuses cancelTransactionOnly once approved, leaving the reservation alone', async () => {
    const reference = newReference('late');
    await client.createPayment(pushPayment(reference), newKey('create'));
    sim.customer.approve(reference);
    await expect(
      client.cancelPayment(reference, newKey('cancel'), { cancelTransactionOnly: true }),
    ).rejects.toMatchObject({ code: 'CONFLICT', vippsErrorCode: '6060', outcomeUnknown: false });
    const after = await client.getPayment(reference);
    expect(after.aggregate.cancelledAmount).toEqual(nok(0));

    // A plain cancel releases the reservation.
    const released = await client.cancelPayment(reference, newKey('cancel'));
    expect(released.aggregate.cancelledAmount).toEqual(nok(10_000));
  });

  it('maps Vipps refusals: refund over captured, capture over authorized, unknown payment', async () => {
    const reference = newReference('errors');
    await client.createPayment(pushPayment(reference), newKey('create'));
    await client.forceApprove(reference, { customer: { phoneNumber: PHONE } });
    await expect(client.capturePayment(reference, nok(10_001), newKey('capture'))).rejects.toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
      status: 400,
      vippsErrorCode: '6090',
    });
    await client.capturePayment(reference, nok(3_000), newKey('capture'));
    const overRefund = await client.refundPayment(reference, nok(3_001), newKey('refund')).catch((e) => e);
    expect(overRefund).toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
      vippsErrorCode: '6150',
      retryable: false,
      outcomeUnknown: false,
    });
    expect(overRefund.traceId).toEqual(expect.any(String));
    expect(sim.ledger.total('refund', reference)).toBe(0);

    await expect(client.getPayment(newReference('nobody'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to capture before approval and to reuse a reference', async () => {
    const reference = newReference('rules');
    await client.createPayment(pushPayment(reference), newKey('create'));
    await expect(client.capturePayment(reference, nok(100), newKey('capture'))).rejects.toMatchObject({
      code: 'CONFLICT',
      vippsErrorCode: '6080',
    });
    await expect(client.createPayment(pushPayment(reference), newKey('create'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('sends order lines and refuses a second receipt', async () => {
    const reference = newReference('om');
    await client.createPayment(pushPayment(reference), newKey('create'));
    sim.customer.approve(reference);
    await client.addReceipt(reference, receipt);
    await expect(client.addReceipt(reference, receipt)).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 409,
    });
  });
});

describe('receipts the app builds validate against Order Management 2.1', () => {
  const markets = [
    ['NO', 'NOK'],
    ['DK', 'DKK'],
    ['FI', 'EUR'],
  ] as const;
  for (const [market, currency] of markets) {
    it(`${market}: every VAT rate on a line, mixed rates, and a partly captured sale`, async () => {
      const rates = VAT_RATES[market];
      const lines: OrderLine[] = rates.flatMap((taxRate, i) => [
        { name: `Item ${i} a`, unitPrice: 1, quantity: 1, taxRate },
        { name: `Item ${i} b`, unitPrice: 12_345 + i, quantity: 3, taxRate },
      ]);
      const whole = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
      for (const amount of [whole, Math.floor(whole / 3)]) {
        const reference = newReference(`vat-${market}`);
        await client.createPayment(
          { ...pushPayment(reference), amount: { value: whole, currency } },
          newKey('c'),
        );
        sim.customer.approve(reference);
        const built = buildReceipt({
          lines,
          amount,
          description: 'Bakery',
          currency,
          counterId: 'pos1',
          receiptNumber: 1,
          vatRate: rates[0]!,
        });
        if (!built.ok) throw new Error(built.problems.join('; '));
        const sent = built.receipt.orderLines;
        expect(sent.reduce((sum, l) => sum + l.totalAmount, 0)).toBe(amount);
        expect(new Set(sent.map((l) => l.taxRate))).toEqual(new Set(rates));
        await client.addReceipt(reference, built.receipt);
      }
    });
  }
});

describe('client ↔ simulator under faults', () => {
  it('a capture whose answer is lost is repeated with the same key and moves money once', async () => {
    const reference = newReference('lost');
    await client.createPayment(pushPayment(reference), newKey('create'));
    sim.customer.approve(reference);
    const fault = sim.faults.add({ kind: 'lost-response', match: { operation: 'capturePayment' }, times: 1 });
    const key = newKey('capture');
    const captured = await client.capturePayment(reference, nok(10_000), key);
    expect(fault.fired()).toBe(1);
    expect(captured.aggregate.capturedAmount).toEqual(nok(10_000));
    const captures = sim.ledger.forReference(reference).filter((e) => e.kind === 'capture');
    expect(captures.map((e) => [e.amount, e.idempotencyKey])).toEqual([[10_000, key]]);
  });

  it('5xx and 429 are retried with the same key; the payment is created once', async () => {
    const reference = newReference('flaky');
    sim.faults.add({ kind: 'status', status: 503, match: { operation: 'createPayment' }, times: 1 });
    sim.faults.add({
      kind: 'rate-limit',
      retryAfterSeconds: 1,
      match: { operation: 'createPayment' },
      times: 1,
    });
    const key = newKey('create');
    await client.createPayment(pushPayment(reference), key);
    expect(checker.seen.filter((s) => s.startsWith('createPayment'))).toEqual([
      'createPayment 503',
      'createPayment 429',
      'createPayment 201',
    ]);
    const events = await client.getEvents(reference);
    expect(events.filter((e) => e.name === 'CREATED').map((e) => e.idempotencyKey)).toEqual([key]);
  });

  it('a refund that keeps failing ends outcome-unknown, and the payment tells the truth', async () => {
    const reference = newReference('unknown');
    await client.createPayment(pushPayment(reference), newKey('create'));
    sim.customer.approve(reference);
    await client.capturePayment(reference, nok(10_000), newKey('capture'));
    sim.faults.add({ kind: 'lost-response', match: { operation: 'refundPayment' } });
    const error = await client
      .refundPayment(reference, nok(1_000), newKey('refund'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK', outcomeUnknown: true, retryable: true });
    sim.faults.clear();
    // The first attempt was applied; every repeat was an idempotent replay.
    expect((await client.getPayment(reference)).aggregate.refundedAmount).toEqual(nok(1_000));
    expect(sim.ledger.total('refund', reference)).toBe(1_000);
  });

  it('a receipt whose answer is lost counts as sent (409 on the repeat)', async () => {
    const reference = newReference('receipt');
    await client.createPayment(pushPayment(reference), newKey('create'));
    sim.faults.add({ kind: 'lost-response', match: { operation: 'addReceipt' }, times: 1 });
    await expect(client.addReceipt(reference, receipt)).resolves.toBeUndefined();
    expect(checker.seen.filter((s) => s.startsWith('post-receipt-v2'))).toEqual(['post-receipt-v2 409']);
  });

  it('an expired token is refreshed once after a 401', async () => {
    const reference = newReference('token');
    await client.createPayment(pushPayment(reference), newKey('create'));
    // The simulator's tokens live an hour; the client's clock has not moved, so it still trusts its token.
    simClock.advance(3_601_000);
    expect((await client.getPayment(reference)).reference).toBe(reference);
    expect(checker.seen.filter((s) => s.startsWith('fetchAccessToken'))).toHaveLength(2);
    expect(checker.seen).toContain('getPayment 401');
  });

  it('wrong credentials are AUTH and nothing else is sent', async () => {
    const wrong = clientFor({ credentials: { ...sim.credentials, clientSecret: 'not-the-secret' } });
    await expect(
      wrong.createPayment(pushPayment(newReference('auth')), newKey('create')),
    ).rejects.toMatchObject({
      code: 'AUTH',
      outcomeUnknown: false,
    });
    expect(checker.seen).toEqual(['fetchAccessToken 401']);
  });
});
