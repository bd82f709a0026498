import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/main/simulator';
import { errorCode, pushPayment, ref, type SimClient, startTestSimulator } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeEach(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterEach(() => sim.close());

async function authorized(): Promise<string> {
  const reference = ref('fault');
  await client.create(pushPayment(reference, 10_000));
  sim.customer.approve(reference);
  return reference;
}

describe('fault injection', () => {
  it('drop: the socket closes before anything is read or applied', async () => {
    const reference = await authorized();
    const fault = sim.faults.add({ kind: 'drop', match: { operation: 'capturePayment' }, times: 1 });
    await expect(client.capture(reference, 1_000, 'drop-key')).rejects.toThrow();
    expect(fault.fired()).toBe(1);
    expect(sim.ledger.total('capture', reference)).toBe(0);
    expect(sim.requests.list().at(-1)?.outcome).toBe('dropped');
    // times: 1 — the retry goes through.
    expect((await client.capture(reference, 1_000, 'drop-key')).status).toBe(200);
    expect(sim.ledger.total('capture', reference)).toBe(1_000);
  });

  it('lost-response: the request IS applied, the answer never arrives; a retry with the same key replays', async () => {
    const reference = await authorized();
    sim.faults.add({ kind: 'lost-response', match: { operation: 'capturePayment' }, times: 1 });
    await expect(client.capture(reference, 2_500, 'lost-key')).rejects.toThrow();
    expect(sim.ledger.total('capture', reference)).toBe(2_500);
    expect(sim.requests.list().at(-1)?.outcome).toBe('lost-response');
    const retry = await client.capture(reference, 2_500, 'lost-key');
    expect(retry.status).toBe(200);
    expect(retry.body.aggregate.capturedAmount.value).toBe(2_500);
    expect(sim.ledger.forReference(reference).filter((e) => e.kind === 'capture')).toHaveLength(1);
  });

  it('lost-response on create: the payment exists although the caller never heard', async () => {
    const reference = ref('lost-create');
    sim.faults.add({ kind: 'lost-response', match: { operation: 'createPayment' }, times: 1 });
    await expect(client.create(pushPayment(reference), 'lost-create-key')).rejects.toThrow();
    expect(sim.payments.get(reference)?.state).toBe('CREATED');
    expect((await client.create(pushPayment(reference), 'lost-create-key')).status).toBe(201);
  });

  it.each([500, 502, 503])('status %i: answered without applying', async (status) => {
    const reference = await authorized();
    sim.faults.add({ kind: 'status', status, match: { path: /\/capture$/ }, times: 1 });
    const res = await client.capture(reference, 1_000);
    expect(res.status).toBe(status);
    if (status === 500) expect(errorCode(res.body)).toBe('3010');
    expect(sim.ledger.total('capture', reference)).toBe(0);
  });

  it('rate-limit: 429 with Retry-After, nothing applied', async () => {
    const reference = ref('limited');
    sim.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7, match: { method: 'POST' }, times: 1 });
    const res = await client.create(pushPayment(reference));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(sim.payments.get(reference)).toBeUndefined();
    expect((await client.create(pushPayment(reference))).status).toBe(201);
  });

  it('latency: the request waits before it is applied, then goes through', async () => {
    const reference = ref('slow');
    sim.faults.add({ kind: 'latency', ms: 300, match: { operation: 'createPayment' }, times: 1 });
    const slowCreate = client.create(pushPayment(reference));
    // A request without the fault overtakes it: the payment does not exist yet.
    expect((await client.get(reference)).status).toBe(404);
    expect((await slowCreate).status).toBe(201);
    expect((await client.get(reference)).status).toBe(200);
  });

  it('a fault without times keeps firing until removed; clear() removes all', async () => {
    const reference = await authorized();
    const fault = sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPayment' } });
    expect((await client.get(reference)).status).toBe(503);
    expect((await client.get(reference)).status).toBe(503);
    expect(fault.fired()).toBe(2);
    fault.remove();
    expect((await client.get(reference)).status).toBe(200);
    sim.faults.add({ kind: 'status', status: 502 });
    sim.faults.add({ kind: 'drop' });
    sim.faults.clear();
    expect((await client.get(reference)).status).toBe(200);
  });

  it('faults only hit what they match', async () => {
    const reference = await authorized();
    sim.faults.add({ kind: 'status', status: 500, match: { operation: 'refundPayment' } });
    expect((await client.get(reference)).status).toBe(200);
    expect((await client.capture(reference, 100)).status).toBe(200);
  });

  it('probability: a seeded share of requests fails, the same way for the same seed', async () => {
    const reference = await authorized();
    const run = async () => {
      sim.faults.clear();
      sim.faults.seed(42);
      sim.faults.add({ kind: 'status', status: 503, probability: 0.3, match: { operation: 'getPayment' } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await client.get(reference)).status);
      return statuses;
    };
    const first = await run();
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(24);
    expect(await run()).toEqual(first);
  });

  it('rejects nonsense fault specs', () => {
    expect(() => sim.faults.add({ kind: 'latency' })).toThrow();
    expect(() => sim.faults.add({ kind: 'drop', probability: 2 })).toThrow();
    expect(() => sim.faults.add({ kind: 'explode' as never })).toThrow();
  });

  it('counts requests per operation, faulted or not', async () => {
    const reference = ref('count');
    sim.requests.reset();
    sim.faults.add({ kind: 'drop', match: { operation: 'createPayment' }, times: 1 });
    await expect(client.create(pushPayment(reference), randomUUID())).rejects.toThrow();
    await client.create(pushPayment(reference));
    await client.get(reference);
    expect(sim.requests.count('createPayment')).toBe(2);
    expect(sim.requests.count('getPayment')).toBe(1);
    expect(sim.requests.count()).toBe(3);
  });
});
