/**
 * What stop() leaves behind: no timer (the pending ones cancelled, none set afterwards, not even by a
 * poll whose answer arrives after the stop), and no handle of a delay that already ran. The engine's
 * timers are a manual clock; Vipps is the real simulator over loopback. Last, the app's own timers
 * (setTimeout) really are cancelled by clear().
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { REAL_TIMERS } from '../../../src/main/payments/options';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { manualClock } from '../../support/manual-clock';

const DELAYS = { firstDelayMs: 5000, intervalMs: 2000, maxIntervalMs: 30_000, reconcileDelayMs: 3000 };

let sim: Simulator;
const running: EngineHarness[] = [];
beforeAll(async () => {
  sim = await startSimulator({ expirySweepMs: 0 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  for (const h of running.splice(0)) await h.close();
});

it('stop() cancels the pending poll, and only it: a delay that already ran is not kept', async () => {
  const clock = manualClock();
  const h = await startEngineHarness({ sim, scheduler: clock.scheduler, polling: DELAYS });
  running.push(h);
  await h.engine.start({ amount: 1700, flow: 'QR' });
  expect(await clock.step()).toBe(2000);
  expect(await clock.step()).toBe(2000);
  await h.engine.stop();
  // requested() is [5000, 2000, 2000]: the first two ran, the third was pending.
  expect(clock.cancelled()).toEqual([2]);
  expect(clock.pending()).toEqual([]);
});

it('a poll answered after stop() sets no new timer', async () => {
  const clock = manualClock();
  const reads: Promise<unknown>[] = [];
  const h = await startEngineHarness({
    sim,
    scheduler: clock.scheduler,
    polling: DELAYS,
    variant: (deps) => ({
      ...deps,
      vipps: {
        ...deps.vipps,
        getPayment: (ref) => {
          const answer = deps.vipps.getPayment(ref);
          reads.push(answer.catch(() => {}));
          return answer;
        },
      },
    }),
  });
  running.push(h);
  await h.engine.start({ amount: 1800, flow: 'QR' });
  clock.fire();
  expect(reads).toHaveLength(1);
  await h.engine.stop();
  await Promise.all(reads);
  // The poll has handled its answer by now (it continues on the answer's promise).
  await new Promise((resolve) => setImmediate(resolve));
  expect(clock.requested()).toEqual([5000]);
  expect(clock.pending()).toEqual([]);
});

it('the app’s timers: a cleared one never runs, an uncleared one does', async () => {
  const ran: string[] = [];
  const cleared = REAL_TIMERS.set(() => ran.push('cleared'), 0);
  REAL_TIMERS.set(() => ran.push('kept'), 0);
  REAL_TIMERS.clear(cleared);
  // Timers of the same length run in the order they were set: this one runs after both.
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(ran).toEqual(['kept']);
});
