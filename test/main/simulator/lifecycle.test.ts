import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/main/simulator';
import { errorCode, pushPayment, ref, type SimClient, startTestSimulator, T0 } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeEach(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterEach(() => sim.close());

const nok = (value: number) => ({ value, currency: 'NOK' });

describe('payment lifecycle', () => {
  it('goes CREATED → AUTHORIZED → partly and fully CAPTURED → REFUNDED in parts, with Vipps-shaped events', async () => {
    const reference = ref('life');
    const created = await client.create(pushPayment(reference, 10_000), 'key-create-1');
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ reference });

    const waiting = await client.get(reference);
    expect(waiting.body.state).toBe('CREATED');
    expect(waiting.body.aggregate.authorizedAmount).toEqual(nok(0));

    sim.customer.approve(reference);
    const approved = await client.get(reference);
    expect(approved.body.state).toBe('AUTHORIZED');
    expect(approved.body.aggregate.authorizedAmount).toEqual(nok(10_000));

    const partial = await client.capture(reference, 4_000, 'key-capture-1');
    expect(partial.status).toBe(200);
    expect(partial.body.state).toBe('AUTHORIZED');
    expect(partial.body.aggregate.capturedAmount).toEqual(nok(4_000));

    const rest = await client.capture(reference, 6_000, 'key-capture-2');
    expect(rest.body.aggregate.capturedAmount).toEqual(nok(10_000));

    await client.refund(reference, 2_500, 'key-refund-1');
    const refunded = await client.refund(reference, 1_500, 'key-refund-2');
    expect(refunded.status).toBe(200);
    expect(refunded.body.state).toBe('AUTHORIZED');
    expect(refunded.body.aggregate).toEqual({
      authorizedAmount: nok(10_000),
      cancelledAmount: nok(0),
      capturedAmount: nok(10_000),
      refundedAmount: nok(4_000),
    });

    const events = await client.events(reference);
    expect(events.status).toBe(200);
    expect(events.body.map((e) => [e.name, e.amount.value, e.idempotencyKey, e.success])).toEqual([
      ['CREATED', 10_000, 'key-create-1', true],
      ['AUTHORIZED', 10_000, null, true],
      ['CAPTURED', 4_000, 'key-capture-1', true],
      ['CAPTURED', 6_000, 'key-capture-2', true],
      ['REFUNDED', 2_500, 'key-refund-1', true],
      ['REFUNDED', 1_500, 'key-refund-2', true],
    ]);
    for (const event of events.body) {
      expect(event.reference).toBe(reference);
      expect(event.amount.currency).toBe('NOK');
      expect(event.timestamp).toBe(new Date(T0).toISOString());
    }
    // The payment's pspReference is the CREATED event's; every event has its own.
    expect(events.body[0]?.pspReference).toBe(refunded.body.pspReference);
    expect(new Set(events.body.map((e) => e.pspReference)).size).toBe(events.body.length);

    expect(sim.ledger.forReference(reference).map((e) => [e.kind, e.amount, e.idempotencyKey])).toEqual([
      ['authorize', 10_000, null],
      ['capture', 4_000, 'key-capture-1'],
      ['capture', 6_000, 'key-capture-2'],
      ['refund', 2_500, 'key-refund-1'],
      ['refund', 1_500, 'key-refund-2'],
    ]);
  });

  it('force approve over HTTP drives CREATED → AUTHORIZED exactly like the customer', async () => {
    const reference = ref('force');
    await client.create(pushPayment(reference));
    const approved = await client.approve(reference, { customer: { phoneNumber: '4791234567' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toBeUndefined();
    expect((await client.get(reference)).body.state).toBe('AUTHORIZED');
    expect((await client.events(reference)).body.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED']);

    const again = await client.approve(reference);
    expect(again.status).toBe(400);
    expect(errorCode(again.body)).toBe('6230');
  });

  it('force approve accepts the token from the redirect URL and refuses another one', async () => {
    const reference = ref('token');
    const created = await client.create({ ...pushPayment(reference), userFlow: 'QR', customer: undefined });
    const token = new URL(created.body.redirectUrl ?? '').searchParams.get('token') ?? '';
    const wrong = await client.approve(reference, { token: 'not-this-one' });
    expect(errorCode(wrong.body)).toBe('10010');
    expect((await client.approve(reference, { token })).status).toBe(200);
  });

  it('the customer rejecting gives ABORTED; nothing is authorized', async () => {
    const reference = ref('reject');
    await client.create(pushPayment(reference));
    sim.customer.reject(reference);
    const payment = await client.get(reference);
    expect(payment.body.state).toBe('ABORTED');
    expect((await client.events(reference)).body.map((e) => e.name)).toEqual(['CREATED', 'ABORTED']);
    expect(sim.ledger.forReference(reference)).toEqual([]);
  });
});

describe('cancel', () => {
  it('before approval terminates the payment and reports the whole amount as cancelled', async () => {
    const reference = ref('cancel-early');
    await client.create(pushPayment(reference, 5_000));
    const cancelled = await client.cancel(reference, undefined, 'key-cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('TERMINATED');
    expect(cancelled.body.aggregate.cancelledAmount).toEqual(nok(5_000));
    expect(cancelled.body.aggregate.authorizedAmount).toEqual(nok(0));
    expect((await client.events(reference)).body.map((e) => [e.name, e.idempotencyKey])).toEqual([
      ['CREATED', expect.any(String)],
      ['TERMINATED', 'key-cancel'],
    ]);
    // The customer can no longer approve it.
    expect(() => sim.customer.approve(reference)).toThrow(/Approve not allowed/);
  });

  it('with cancelTransactionOnly before approval also terminates', async () => {
    const reference = ref('cto-early');
    await client.create(pushPayment(reference));
    const cancelled = await client.cancel(reference, { cancelTransactionOnly: true });
    expect(cancelled.body.state).toBe('TERMINATED');
  });

  it('after approval keeps AUTHORIZED and releases the whole remainder', async () => {
    const reference = ref('cancel-late');
    await client.create(pushPayment(reference, 10_000));
    sim.customer.approve(reference);
    await client.capture(reference, 3_000);
    const cancelled = await client.cancel(reference);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('AUTHORIZED');
    expect(cancelled.body.aggregate.capturedAmount).toEqual(nok(3_000));
    expect(cancelled.body.aggregate.cancelledAmount).toEqual(nok(7_000));
    const names = (await client.events(reference)).body.map((e) => [e.name, e.amount.value]);
    expect(names.at(-1)).toEqual(['CANCELLED', 7_000]);
    expect(sim.ledger.total('cancel', reference)).toBe(7_000);

    const captureAfter = await client.capture(reference, 100);
    expect(errorCode(captureAfter.body)).toBe('6070');
  });

  it('with cancelTransactionOnly on an authorized payment is refused with 6060 and changes nothing', async () => {
    const reference = ref('cto-late');
    await client.create(pushPayment(reference, 10_000));
    sim.customer.approve(reference);
    const before = await client.get(reference);
    const refused = await client.cancel(reference, { cancelTransactionOnly: true });
    expect(refused.status).toBe(400);
    expect(errorCode(refused.body)).toBe('6060');
    const after = await client.get(reference);
    expect(after.body).toEqual(before.body);
    expect(sim.ledger.total('cancel', reference)).toBe(0);
  });

  it('of a fully captured payment is refused with 6040', async () => {
    const reference = ref('cancel-captured');
    await client.create(pushPayment(reference, 2_000));
    sim.customer.approve(reference);
    await client.capture(reference, 2_000);
    const refused = await client.cancel(reference);
    expect(refused.status).toBe(400);
    expect(errorCode(refused.body)).toBe('6040');
  });
});

describe('expiry', () => {
  it('expires an unapproved payment 10 minutes after creation on the simulator clock', async () => {
    const reference = ref('expiry');
    await client.create(pushPayment(reference));
    const changes: string[] = [];
    sim.onChange((c) => changes.push(`${c.reference}:${c.event}:${c.state}`));

    sim.clock.advance(9 * 60_000 + 59_999);
    expect((await client.get(reference)).body.state).toBe('CREATED');

    sim.clock.advance(1);
    // Evaluated on the clock advance itself, before anyone asks.
    expect(changes).toEqual([`${reference}:EXPIRED:EXPIRED`]);
    const payment = await client.get(reference);
    expect(payment.body.state).toBe('EXPIRED');
    const events = (await client.events(reference)).body;
    expect(events.map((e) => e.name)).toEqual(['CREATED', 'EXPIRED']);
    expect(events[1]?.timestamp).toBe(new Date(T0 + 10 * 60_000).toISOString());
    expect(() => sim.customer.approve(reference)).toThrow();
  });

  it('an approved payment never expires', async () => {
    const reference = ref('no-expiry');
    await client.create(pushPayment(reference));
    sim.customer.approve(reference);
    sim.clock.advance(60 * 60_000);
    await client.fetchToken();
    expect((await client.get(reference)).body.state).toBe('AUTHORIZED');
  });

  it('customer.expire ends the wait at once', async () => {
    const reference = ref('expire-now');
    await client.create(pushPayment(reference));
    sim.customer.expire(reference);
    expect((await client.get(reference)).body.state).toBe('EXPIRED');
  });
});
