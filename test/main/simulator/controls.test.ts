import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSimClock,
  type PaymentChange,
  type PaymentRecord,
  paymentsWaitingForCustomer,
  type SimClock,
  type Simulator,
  startSimulator,
} from '../../../src/main/simulator';
import { pushPayment, ref, SimClient, startTestSimulator, T0 } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeEach(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterEach(() => sim.close());

describe('customer controls and change events', () => {
  it('onChange reports every payment change with state, event and time; unsubscribe stops it', async () => {
    const changes: PaymentChange[] = [];
    const stop = sim.onChange((c) => changes.push(c));
    const reference = ref('watch');
    await client.create(pushPayment(reference, 5_000));
    sim.customer.approve(reference);
    await client.capture(reference, 5_000);
    stop();
    await client.refund(reference, 1_000);
    expect(changes).toEqual([
      { reference, state: 'CREATED', event: 'CREATED', at: T0 },
      { reference, state: 'AUTHORIZED', event: 'AUTHORIZED', at: T0 },
      { reference, state: 'AUTHORIZED', event: 'CAPTURED', at: T0 },
    ]);
  });

  it('a listener that throws does not break the simulator', async () => {
    sim.onChange(() => {
      throw new Error('listener bug');
    });
    const reference = ref('throws');
    expect((await client.create(pushPayment(reference))).status).toBe(201);
    expect(sim.customer.approve(reference).state).toBe('AUTHORIZED');
  });

  it('customer actions on an unknown or finished payment throw and change nothing', async () => {
    expect(() => sim.customer.approve(ref('nobody'))).toThrow(/Reference not found/);
    const reference = ref('done');
    await client.create(pushPayment(reference));
    sim.customer.reject(reference);
    expect(() => sim.customer.approve(reference)).toThrow();
    expect(() => sim.customer.expire(reference)).toThrow();
    expect(sim.payments.get(reference)?.state).toBe('ABORTED');
  });

  it('payments are copies: changing them changes nothing in the simulator', async () => {
    const reference = ref('copy');
    await client.create(pushPayment(reference));
    const copy = sim.payments.get(reference) as PaymentRecord;
    copy.state = 'AUTHORIZED';
    copy.aggregate.captured = 999;
    expect(sim.payments.get(reference)?.state).toBe('CREATED');
    expect((await client.get(reference)).body.aggregate.capturedAmount.value).toBe(0);
    expect(sim.payments.list().map((p) => p.reference)).toContain(reference);
  });

  it('lists the payments waiting for the customer, oldest first, phone masked', async () => {
    const first = ref('wait');
    const second = ref('wait');
    await client.create(pushPayment(first, 1_000));
    sim.clock.advance(1_000);
    await client.create({ ...pushPayment(second, 2_000), userFlow: 'QR', customer: undefined });
    const third = ref('wait');
    await client.create(pushPayment(third));
    sim.customer.approve(third);

    const waiting = sim.customer.waiting();
    expect(waiting.map((w) => [w.reference, w.amount.value, w.customer, w.userFlow])).toEqual([
      [first, 1_000, '•••• 4567', 'PUSH_MESSAGE'],
      [second, 2_000, null, 'QR'],
    ]);
    expect(waiting[0]?.remainingMs).toBe(10 * 60_000 - 1_000);
    expect(waiting[0]?.description).toBe('Coffee and bun');
  });
});

describe('paymentsWaitingForCustomer (pure)', () => {
  const record = (reference: string, state: PaymentRecord['state'], createdAt: number): PaymentRecord => ({
    msn: '123456',
    reference,
    pspReference: '1',
    state,
    amount: { value: 100, currency: 'NOK' },
    userFlow: 'PUSH_MESSAGE',
    paymentMethodType: 'WALLET',
    customer: { personalQr: 'https://qr.vipps.no/x' },
    customerInteraction: 'CUSTOMER_PRESENT',
    paymentDescription: null,
    metadata: null,
    profileScope: null,
    redirectUrl: null,
    redirectToken: 't',
    createdAt,
    expiresAt: createdAt + 600_000,
    aggregate: { authorized: 0, cancelled: 0, captured: 0, refunded: 0 },
    events: [],
    profileSub: null,
  });

  it('keeps only CREATED payments that have not run out, and never shows a personal QR', () => {
    const now = 1_000_000;
    const list = paymentsWaitingForCustomer(
      [
        record('late-one', 'CREATED', now - 100),
        record('early-one', 'CREATED', now - 200),
        record('overdue', 'CREATED', now - 600_000),
        record('approved', 'AUTHORIZED', now),
      ],
      now,
    );
    expect(list.map((w) => [w.reference, w.customer])).toEqual([
      ['early-one', 'personal QR'],
      ['late-one', 'personal QR'],
    ]);
  });
});

describe('server lifecycle', () => {
  it('listens on 127.0.0.1 only and close() ends kept-alive connections', async () => {
    const own = await startSimulator({ clock: createSimClock(), expirySweepMs: 0 });
    expect(new URL(own.url).hostname).toBe('127.0.0.1');
    expect((await fetch(`${own.url}/nowhere`)).status).toBe(404);
    await own.close();
    await expect(fetch(`${own.url}/nowhere`)).rejects.toThrow();
  });

  it('the periodic sweep expires payments when time passes without an advance() call', async () => {
    // A clock that moves silently, like real time does.
    let now = T0;
    const silentClock: SimClock = { now: () => now, advance: () => {}, onAdvance: () => () => {} };
    const own = await startSimulator({ clock: silentClock, expirySweepMs: 5 });
    try {
      const ownClient = new SimClient(own);
      await ownClient.fetchToken();
      const reference = ref('sweep');
      await ownClient.create(pushPayment(reference));
      const expired = new Promise<PaymentChange>((resolve) => own.onChange(resolve));
      now += 10 * 60_000;
      expect(await expired).toEqual({ reference, state: 'EXPIRED', event: 'EXPIRED', at: T0 + 10 * 60_000 });
    } finally {
      await own.close();
    }
  });
});
