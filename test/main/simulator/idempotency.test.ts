import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/main/simulator';
import { errorCode, pushPayment, ref, type SimClient, startTestSimulator } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeAll(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.close());

async function authorized(value = 10_000): Promise<string> {
  const reference = ref('idem');
  await client.create(pushPayment(reference, value));
  sim.customer.approve(reference);
  return reference;
}

describe('idempotent replay', () => {
  it('create: same key and body replays 201 and creates one payment', async () => {
    const reference = ref('idem-create');
    const first = await client.create(pushPayment(reference), 'create-key-1');
    const second = await client.create(pushPayment(reference), 'create-key-1');
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect((await client.events(reference)).body.map((e) => e.name)).toEqual(['CREATED']);
  });

  it('create: key order in the body does not matter', async () => {
    const reference = ref('idem-order');
    const body = pushPayment(reference);
    await client.create(body, 'create-key-2');
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await client.create(reordered, 'create-key-2')).status).toBe(201);
  });

  it('capture: a replay answers the first result and moves no money again', async () => {
    const reference = await authorized();
    const first = await client.capture(reference, 4_000, 'capture-key-1');
    await client.capture(reference, 1_000, 'capture-key-2');
    const ledgerBefore = sim.ledger.entries().length;
    const replay = await client.capture(reference, 4_000, 'capture-key-1');
    expect(replay.status).toBe(200);
    // The first answer, not today's aggregate (which is 5 000 by now).
    expect(replay.body).toEqual(first.body);
    expect(replay.body.aggregate.capturedAmount.value).toBe(4_000);
    expect(sim.ledger.entries().length).toBe(ledgerBefore);
    expect(sim.ledger.total('capture', reference)).toBe(5_000);
    expect((await client.events(reference)).body.filter((e) => e.name === 'CAPTURED')).toHaveLength(2);
  });

  it('refund and cancel replays move no money again', async () => {
    const reference = await authorized();
    await client.capture(reference, 5_000);
    await client.refund(reference, 1_000, 'refund-key-1');
    await client.refund(reference, 1_000, 'refund-key-1');
    expect(sim.ledger.total('refund', reference)).toBe(1_000);
    const cancel = await client.cancel(reference, undefined, 'cancel-key-1');
    const cancelAgain = await client.cancel(reference, undefined, 'cancel-key-1');
    expect(cancelAgain.status).toBe(200);
    expect(cancelAgain.body).toEqual(cancel.body);
    expect(sim.ledger.total('cancel', reference)).toBe(5_000);
  });

  it('a refused request is not remembered: the same key succeeds once the rule allows it', async () => {
    const reference = ref('idem-late');
    await client.create(pushPayment(reference));
    const early = await client.capture(reference, 1_000, 'capture-key-late');
    expect(errorCode(early.body)).toBe('6080');
    sim.customer.approve(reference);
    expect((await client.capture(reference, 1_000, 'capture-key-late')).status).toBe(200);
    expect(sim.ledger.total('capture', reference)).toBe(1_000);
  });

  it('keys are scoped per payment: one key on two payments is two operations', async () => {
    const a = await authorized();
    const b = await authorized();
    expect((await client.capture(a, 1_000, 'shared-key')).status).toBe(200);
    expect((await client.capture(b, 2_000, 'shared-key')).status).toBe(200);
    expect(sim.ledger.total('capture', a)).toBe(1_000);
    expect(sim.ledger.total('capture', b)).toBe(2_000);
  });
});

describe('idempotency conflicts (same key, different body) change nothing', () => {
  it('capture → 409 / 4010', async () => {
    const reference = await authorized();
    await client.capture(reference, 1_000, 'conflict-capture');
    const res = await client.capture(reference, 2_000, 'conflict-capture');
    expect([res.status, errorCode(res.body)]).toEqual([409, '4010']);
    expect(sim.ledger.total('capture', reference)).toBe(1_000);
  });

  it('refund → 409 / 4150', async () => {
    const reference = await authorized();
    await client.capture(reference, 5_000);
    await client.refund(reference, 1_000, 'conflict-refund');
    const res = await client.refund(reference, 1_500, 'conflict-refund');
    expect([res.status, errorCode(res.body)]).toEqual([409, '4150']);
    expect(sim.ledger.total('refund', reference)).toBe(1_000);
  });

  it('create → 409 / 4020', async () => {
    const reference = ref('conflict-create');
    await client.create(pushPayment(reference, 1_000), 'conflict-create');
    const res = await client.create(pushPayment(reference, 2_000), 'conflict-create');
    expect([res.status, errorCode(res.body)]).toEqual([409, '4020']);
    expect((await client.get(reference)).body.amount.value).toBe(1_000);
  });

  it('cancel → 409 / 4020', async () => {
    const reference = await authorized();
    await client.cancel(reference, undefined, 'conflict-cancel');
    const res = await client.cancel(reference, { cancelTransactionOnly: true }, 'conflict-cancel');
    expect([res.status, errorCode(res.body)]).toEqual([409, '4020']);
  });
});
