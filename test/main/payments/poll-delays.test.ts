/**
 * How often a waiting sale is looked at, delay by delay, per Vipps' polling guideline: the first look
 * after `firstDelayMs`, then every `intervalMs`; after a 429 the interval doubles up to
 * `maxIntervalMs`, or follows a longer Retry-After; an answer brings it back to `intervalMs`. The
 * engine's timers are a manual clock (nothing waits); Vipps is the real simulator over loopback.
 */
import { expect, it } from 'vitest';
import type { ConnectivityEvent } from '../../../src/preload/contract';
import { type EngineHarness, type HarnessOptions, vippsClientFor } from '../../support/engine-harness';
import { engineSuite, GUIDELINE_DELAYS, NO_CLIENT_RETRY } from '../../support/engine-suite';
import { type ManualClock, manualClock } from '../../support/manual-clock';

const suite = engineSuite({ expirySweepMs: 0 }, { polling: GUIDELINE_DELAYS, retry: NO_CLIENT_RETRY });

async function waitingSale(options: HarnessOptions = {}): Promise<{
  h: EngineHarness;
  clock: ManualClock;
  reference: string;
}> {
  const clock = manualClock();
  const h = await suite.engine({ scheduler: clock.scheduler, ...options });
  const { reference } = await h.engine.start({ amount: 1500, flow: 'QR' });
  return { h, clock, reference };
}

it('looks first after 5 s, then every 2 s; 429s double the wait up to 30 s, an answer resets it', async () => {
  const { h, clock, reference } = await waitingSale();
  expect(clock.requested()).toEqual([5000]);
  expect(await clock.step()).toBe(2000);

  const slowDown = suite.sim.faults.add({
    kind: 'rate-limit',
    retryAfterSeconds: 1,
    match: { operation: 'getPayment' },
  });
  const waits: number[] = [];
  for (let i = 0; i < 5; i++) waits.push(await clock.step());
  expect(waits).toEqual([4000, 8000, 16_000, 30_000, 30_000]);
  expect(slowDown.fired()).toBe(5);
  slowDown.remove();

  expect(await clock.step()).toBe(2000);
  // One timer per sale the whole time: every step replaced the one it fired.
  expect(clock.pending()).toEqual([2000]);
  expect(h.view(reference).status).toBe('WAITING');
});

it('a Retry-After longer than the doubled interval is waited out, then the interval is back to 2 s', async () => {
  const { clock } = await waitingSale();
  expect(await clock.step()).toBe(2000);
  suite.sim.faults.add({
    kind: 'rate-limit',
    retryAfterSeconds: 10,
    times: 1,
    match: { operation: 'getPayment' },
  });
  expect(await clock.step()).toBe(10_000);
  expect(await clock.step()).toBe(2000);
});

it('a poll that times out says offline with the reason, and keeps the 2 s interval (no back-off)', async () => {
  // Only the first poll goes through a client with a short timeout (and Vipps answers it late);
  // everything else through the usual one, so nothing else can time out on a busy machine.
  const impatient = vippsClientFor(suite.sim, NO_CLIENT_RETRY, 50);
  let firstPoll = true;
  const { h, clock } = await waitingSale({
    variant: (deps) => ({
      ...deps,
      vipps: {
        ...deps.vipps,
        getPayment: (ref) => {
          const client = firstPoll ? impatient : deps.vipps;
          firstPoll = false;
          return client.getPayment(ref);
        },
      },
    }),
  });
  const states: ConnectivityEvent[] = [];
  h.engine.on('connectivity', (s) => states.push(s));
  suite.sim.faults.add({ kind: 'latency', ms: 1000, times: 1, match: { operation: 'getPayment' } });
  expect(await clock.step()).toBe(2000);
  expect(states).toEqual([{ online: false, reason: 'Vipps did not answer getPayment within 50 ms.' }]);
  expect(await clock.step()).toBe(2000);
  expect(states).toEqual([
    { online: false, reason: 'Vipps did not answer getPayment within 50 ms.' },
    { online: true },
  ]);
});

it('a sale already followed is not followed twice: a refused cancel leaves one poll timer', async () => {
  const { h, clock, reference } = await waitingSale();
  suite.sim.faults.add({ kind: 'status', status: 409, times: 1, match: { operation: 'cancelPayment' } });
  await expect(h.engine.cancel(reference)).rejects.toMatchObject({ code: 'CONFLICT' });
  expect(h.view(reference).status).toBe('WAITING');
  expect(clock.pending()).toEqual([5000]);
  // The one loop goes on as before.
  expect(await clock.step()).toBe(2000);
  expect(clock.pending()).toEqual([2000]);
});
