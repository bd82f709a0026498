/**
 * The engine's go-live side (engine.goLive), on which the go-live runner (src/main/golive) builds:
 * a go-live payment is journaled like a sale (payment row and create intent committed before the
 * request, audit entry by the go-live actor) but is never the counter's sale, carries its scenario,
 * and only go-live payments can be driven through it. Real simulator over loopback, real journal file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoLiveStart } from '../../../src/main/payments/golive';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

const PHONE = '4791234567';

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngineHarness({ polling: { firstDelayMs: 3_600_000 } });
});
afterAll(async () => {
  await h.close();
});

let serial = 0;
function request(scenario: GoLiveStart['scenario'], over: Partial<GoLiveStart> = {}): GoLiveStart {
  serial += 1;
  return {
    scenario,
    reference: `golive-t${serial}-${scenario.toLowerCase()}`,
    amount: 1000 + serial,
    currency: 'NOK',
    phone: PHONE,
    ...over,
  };
}

/** Starts a go-live payment and lets the test user approve it, as the runner does. */
async function approved(scenario: GoLiveStart['scenario'], amount: number): Promise<string> {
  const { reference } = await h.engine.goLive.start(request(scenario, { amount }));
  h.sim.customer.approve(reference);
  const v = await h.engine.goLive.refresh(reference);
  expect(v).toMatchObject({ vippsState: 'AUTHORIZED', status: 'RESERVED', attention: null });
  return reference;
}

describe('starting a go-live payment', () => {
  it('journals it as a go-live payment away from the counter, and sends the push request', async () => {
    const req = request('AUTHORIZED', { phone: '+47 912 34 567' });
    const v = await h.engine.goLive.start(req);
    expect(v).toMatchObject({
      reference: req.reference,
      status: 'WAITING',
      goLive: 'AUTHORIZED',
      amount: req.amount,
      currency: 'NOK',
      flow: 'PUSH_PHONE',
      description: 'Go-live check AUTHORIZED',
      phoneMasked: expect.stringMatching(/567$/),
      counterId: 'lane1',
    });
    expect(v.phoneMasked).not.toContain('912');
    // Never the counter's sale: the cashier's slot is free.
    expect(h.engine.active()).toBeNull();
    const row = h.journal.payments.get(req.reference)!;
    expect(row).toMatchObject({
      dismissed: true,
      goLive: 'AUTHORIZED',
      origin: null,
      phoneLast4: '4567',
      vatRate: 2500,
    });
    expect(Date.parse(row.expiresAt!) - Date.parse(row.createdAt)).toBe(10 * 60_000);
    const [create] = h.journal.operations.forReference(req.reference);
    expect(create).toMatchObject({ kind: 'create', amount: req.amount, status: 'succeeded' });
    const [audit] = h.journal.audit.forReference(req.reference);
    expect(audit).toMatchObject({
      actor: 'golive',
      action: 'start',
      amount: req.amount,
      details: { scenario: 'AUTHORIZED' },
    });
    const atVipps = h.sim.payments.get(req.reference)!;
    expect(atVipps).toMatchObject({
      userFlow: 'PUSH_MESSAGE',
      paymentMethodType: 'WALLET',
      customerInteraction: 'CUSTOMER_PRESENT',
      paymentDescription: 'Go-live check AUTHORIZED',
      amount: { value: req.amount, currency: 'NOK' },
    });
    expect(atVipps.events[0]?.idempotencyKey).toBe(create!.idempotencyKey);
  });

  it('refuses a reference already in the journal, and bad input, without sending anything', async () => {
    const first = request('CAPTURED');
    await h.engine.goLive.start(first);
    const before = h.sim.requests.count('createPayment');
    await expect(h.engine.goLive.start({ ...first, amount: 999 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A payment with this reference is already in the journal.',
      details: { reference: first.reference },
    });
    await expect(h.engine.goLive.start(request('CAPTURED', { reference: 'no' }))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'reference' },
    });
    await expect(h.engine.goLive.start(request('CAPTURED', { amount: 0 }))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'amount' },
    });
    await expect(h.engine.goLive.start(request('CAPTURED', { phone: '123' }))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'phone' },
    });
    expect(h.sim.requests.count('createPayment')).toBe(before);
    expect(h.journal.payments.get(first.reference)!.amount).toBe(first.amount);
  });

  it('a create Vipps refuses is thrown with the reference, and the payment is failed', async () => {
    const req = request('REFUNDED');
    const refusal = h.sim.faults.add({
      kind: 'status',
      status: 400,
      match: { operation: 'createPayment' },
      times: 1,
    });
    await expect(h.engine.goLive.start(req)).rejects.toMatchObject({ details: { reference: req.reference } });
    expect(refusal.fired()).toBe(1);
    expect(h.journal.payments.get(req.reference)).toMatchObject({ status: 'FAILED' });
  });
});

describe('driving a go-live payment', () => {
  it('captures, refunds and releases through the journal, as the go-live actor', async () => {
    const captured = await approved('CAPTURED', 2000);
    await expect(h.engine.goLive.capture(captured, 2000)).resolves.toMatchObject({ status: 'COMPLETED' });
    await expect(h.engine.goLive.refund(captured, 500, 'golive-refund-0001')).resolves.toMatchObject({
      aggregate: { refunded: 500 },
    });
    expect(h.sim.ledger.total('capture', captured)).toBe(2000);
    expect(h.sim.ledger.total('refund', captured)).toBe(500);
    const refund = h.journal.operations.forReference(captured).find((o) => o.kind === 'refund')!;
    expect(refund).toMatchObject({
      requestId: 'golive-refund-0001',
      reason: 'Go-live check',
      status: 'succeeded',
    });
    const actions = h.journal.audit.forReference(captured).map((a) => [a.actor, a.action]);
    expect(actions).toEqual([
      ['golive', 'start'],
      ['golive', 'capture'],
      ['golive', 'refund'],
    ]);

    const released = await approved('CANCELLED', 3000);
    await expect(h.engine.goLive.cancel(released)).resolves.toMatchObject({ status: 'RELEASED' });
    expect(h.sim.ledger.total('cancel', released)).toBe(3000);
    expect(h.journal.audit.forReference(released).at(-1)).toMatchObject({ actor: 'golive' });
  });

  it('refuses a shop sale and a malformed reference: it drives go-live payments only', async () => {
    const { reference } = await h.engine.start({ amount: 4000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    const shopSale = { code: 'INVALID_STATE', message: 'This is a shop sale, not a go-live payment.' };
    await expect(h.engine.goLive.refresh(reference)).rejects.toMatchObject(shopSale);
    await expect(h.engine.goLive.capture(reference, 4000)).rejects.toMatchObject(shopSale);
    await expect(h.engine.goLive.refund(reference, 100, 'golive-refund-0002')).rejects.toMatchObject(
      shopSale,
    );
    await expect(h.engine.goLive.cancel(reference)).rejects.toMatchObject(shopSale);
    for (const call of [
      () => h.engine.goLive.refresh('bad ref'),
      () => h.engine.goLive.capture('bad ref', 1),
      () => h.engine.goLive.refund('bad ref', 1, 'golive-refund-0003'),
      () => h.engine.goLive.cancel('bad ref'),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'reference' } });
    expect(h.sim.requests.count('capturePayment')).toBe(1);
    await h.engine.cancel(reference).catch(() => undefined);
  });
});

describe('before recovery', () => {
  it('a go-live payment is refused like any payment work', async () => {
    const fresh = await startEngineHarness({ sim: h.sim, recover: false });
    try {
      await expect(fresh.engine.goLive.start(request('AUTHORIZED'))).rejects.toMatchObject({
        code: 'RECOVERING',
        message: 'Checking unfinished payments with Vipps first.',
        retryable: true,
      });
    } finally {
      await fresh.close();
    }
  });
});
