import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/main/simulator';
import { INVALID_ON_PURPOSE } from '../../support/spec/traffic-check';
import { errorCode, pushPayment, ref, type SimClient, startTestSimulator } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeAll(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.close());

type Setup = 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED';

/** A 10 000 øre payment brought into `state`. */
async function paymentIn(state: Setup): Promise<string> {
  const reference = ref(state.toLowerCase());
  await client.create(pushPayment(reference, 10_000));
  if (state === 'AUTHORIZED') sim.customer.approve(reference);
  if (state === 'ABORTED') sim.customer.reject(reference);
  if (state === 'EXPIRED') sim.customer.expire(reference);
  if (state === 'TERMINATED') await client.cancel(reference);
  return reference;
}

async function expectRefused(promise: ReturnType<SimClient['capture']>, status: number, code: string) {
  const res = await promise;
  expect([res.status, errorCode(res.body)]).toEqual([status, code]);
}

describe('what each state refuses (documented codes)', () => {
  it.each([
    ['CREATED', 'capture', '6080'],
    ['CREATED', 'refund', '6020'],
    ['ABORTED', 'cancel', '6050'],
    ['ABORTED', 'capture', '6200'],
    ['ABORTED', 'refund', '6210'],
    ['EXPIRED', 'cancel', '6050'],
    ['EXPIRED', 'capture', '6200'],
    ['EXPIRED', 'refund', '6210'],
    ['TERMINATED', 'cancel', '6190'],
    ['TERMINATED', 'capture', '6070'],
    ['TERMINATED', 'refund', '6210'],
  ] as const)('%s: %s → %s', async (state, op, code) => {
    const reference = await paymentIn(state);
    const before = sim.ledger.entries().length;
    const res =
      op === 'cancel'
        ? await client.cancel(reference)
        : op === 'capture'
          ? await client.capture(reference, 1_000)
          : await client.refund(reference, 1_000);
    expect([res.status, errorCode(res.body)]).toEqual([400, code]);
    expect(sim.ledger.entries().length).toBe(before);
    expect((await client.get(reference)).body.state).toBe(state);
  });
});

describe('force approve outside CREATED', () => {
  it.each(['ABORTED', 'EXPIRED', 'TERMINATED'] as const)('%s → 400 / 10020', async (state) => {
    const reference = await paymentIn(state);
    const res = await client.approve(reference);
    expect([res.status, errorCode(res.body)]).toEqual([400, '10020']);
    expect(sim.ledger.forReference(reference).filter((e) => e.kind === 'authorize')).toEqual([]);
  });
});

describe('amount rules on an authorized payment', () => {
  it('capture above authorized − captured − cancelled is 6090', async () => {
    const reference = await paymentIn('AUTHORIZED');
    await expectRefused(client.capture(reference, 10_001), 400, '6090');
    await client.capture(reference, 6_000);
    await expectRefused(client.capture(reference, 4_001), 400, '6090');
    expect((await client.capture(reference, 4_000)).status).toBe(200);
    await expectRefused(client.capture(reference, 1), 400, '6090');
  });

  it('refund before any capture is 6020; above captured − refunded is 6150', async () => {
    const reference = await paymentIn('AUTHORIZED');
    await expectRefused(client.refund(reference, 100), 400, '6020');
    await client.capture(reference, 3_000);
    await expectRefused(client.refund(reference, 3_001), 400, '6150');
    await client.refund(reference, 2_000);
    await expectRefused(client.refund(reference, 1_001), 400, '6150');
    expect((await client.refund(reference, 1_000)).status).toBe(200);
    expect(sim.ledger.total('refund', reference)).toBe(3_000);
  });

  it('a second cancel after the remainder was released is 6190', async () => {
    const reference = await paymentIn('AUTHORIZED');
    await client.capture(reference, 1_000);
    expect((await client.cancel(reference)).status).toBe(200);
    const again = await client.cancel(reference);
    expect([again.status, errorCode(again.body)]).toEqual([400, '6190']);
    expect(sim.ledger.total('cancel', reference)).toBe(9_000);
  });

  it('a modification in another currency or of zero is refused', async () => {
    const reference = await paymentIn('AUTHORIZED');
    const dkk = await client.capture(reference, 1_000, undefined, 'DKK');
    expect(dkk.status).toBe(400);
    expect(errorCode(dkk.body)).toBeUndefined();
    await expectRefused(client.capture(reference, 0), 400, '4040');
    expect(sim.ledger.total('capture', reference)).toBe(0);
  });

  it('a malformed capture body names the field', async () => {
    const reference = await paymentIn('AUTHORIZED');
    const res = await client.call('POST', `/epayment/v1/payments/${reference}/capture`, {
      body: { modificationAmount: { value: '1000', currency: 'NOK' } },
      idempotencyKey: 'bad-body-1',
      invalidRequest: true,
    });
    expect(res.status).toBe(400);
    expect((res.body as { extraDetails: Array<{ name: string }> }).extraDetails.map((d) => d.name)).toEqual([
      'modificationAmount.value',
    ]);
  });
});

describe('unknown payments and paths', () => {
  it('GET, events and modifications of an unknown reference are 404', async () => {
    const reference = ref('missing');
    const get = await client.get(reference);
    expect([get.status, errorCode(get.body)]).toEqual([404, '5090']);
    expect((await client.events(reference)).status).toBe(404);
    expect((await client.capture(reference, 100)).status).toBe(404);
    expect((await client.cancel(reference)).status).toBe(404);
    expect((await client.refund(reference, 100)).status).toBe(404);
    expect((await client.approve(reference)).status).toBe(404);
  });

  it('a reference that breaks the path pattern is a 400', async () => {
    const res = await client.call('GET', '/epayment/v1/payments/bad_ref!', { invalidRequest: true });
    expect(res.status).toBe(400);
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await fetch(`${sim.url}/epayment/v2/payments`, { headers: { [INVALID_ON_PURPOSE]: '1' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
