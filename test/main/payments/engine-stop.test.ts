/**
 * What stop() leaves behind: no timer (the pending ones cancelled, none set afterwards, not even by a
 * poll whose answer arrives after the stop), and no handle of a delay that already ran; a money
 * request still on the wire gets 5 s to write its outcome, no more. The engine's timers are a manual
 * clock; Vipps is the real simulator over loopback. Last, the app's own timers (setTimeout) really
 * are cancelled by clear().
 */
import { describe, expect, it } from 'vitest';
import { REAL_TIMERS } from '../../../src/main/payments/options';
import { engineSuite, GUIDELINE_DELAYS } from '../../support/engine-suite';
import { heldOrEnded, holdSends } from '../../support/engine-wire';
import { manualClock } from '../../support/manual-clock';

const suite = engineSuite({ expirySweepMs: 0 }, { polling: GUIDELINE_DELAYS });

it('stop() cancels the pending poll, and only it: a delay that already ran is not kept', async () => {
  const clock = manualClock();
  const h = await suite.engine({ scheduler: clock.scheduler });
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
  const h = await suite.engine({
    scheduler: clock.scheduler,
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

describe('a money request still on the wire at stop()', () => {
  async function cancelOnTheWire() {
    const clock = manualClock();
    const hold = holdSends('cancel');
    const h = await suite.engine({
      scheduler: clock.scheduler,
      hooks: hold.hooks,
    });
    const { reference } = await h.engine.start({ amount: 1900, flow: 'QR' });
    const cancelling = h.engine.cancel(reference).catch(() => undefined);
    await heldOrEnded(hold.sending, cancelling);
    let stopped = false;
    const stopping = h.engine.stop().then(() => {
      stopped = true;
    });
    // requested(): the first poll (cancelled by stop) and then stop()'s grace delay.
    expect(await clock.request(2)).toBe(5000);
    return { clock, hold, cancelling, stopping, isStopped: () => stopped };
  }

  it('stop() waits for it no longer than the grace delay', async () => {
    const { clock, hold, cancelling, stopping, isStopped } = await cancelOnTheWire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(isStopped()).toBe(false);
    clock.fire();
    await stopping;
    expect(isStopped()).toBe(true);
    hold.release();
    await cancelling;
  });

  it('an outcome written within the grace delay ends stop() at once and cancels the delay', async () => {
    const { clock, hold, cancelling, stopping } = await cancelOnTheWire();
    hold.release();
    await stopping;
    await cancelling;
    expect(clock.cancelled()).toEqual([0, 1]);
    expect(clock.pending()).toEqual([]);
  });
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
