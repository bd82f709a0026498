/**
 * The engine's timers run by hand (EngineScheduler): every delay the engine asks for is recorded with
 * its length, nothing fires until the test says so, and stop()'s cancellations are recorded too. So
 * a test asserts the delays themselves (first look, interval, back-off, caps) and that no second timer
 * is set, without waiting for any of them.
 */
import type { EngineScheduler } from '../../src/main/payments/engine';

interface Timer {
  id: number;
  ms: number;
  fn: () => void;
  state: 'pending' | 'fired' | 'cancelled';
}

/** How long a test waits for a delay the engine should ask for before calling it missing (real time). */
const MISSING_AFTER_MS = 5000;

export interface ManualClock {
  scheduler: EngineScheduler;
  /** Every delay asked for so far, in order. */
  requested(): number[];
  /** The delays asked for and neither run nor cancelled, oldest first. */
  pending(): number[];
  /** The delays stop() cancelled, by their position in requested() (0-based). */
  cancelled(): number[];
  /** Runs the oldest pending delay's work and returns its length. */
  fire(): number;
  /** Resolves with the length of the `n`-th delay asked for (1-based) once the engine asked for it. */
  request(n: number): Promise<number>;
  /** fire(), then resolves with the length of the next delay the engine asks for. */
  step(): Promise<number>;
}

export function manualClock(): ManualClock {
  const timers: Timer[] = [];
  const cancelled: number[] = [];
  const waiting = new Set<() => void>();

  const scheduler: EngineScheduler = {
    set(fn, ms) {
      const timer: Timer = { id: timers.length, ms, fn, state: 'pending' };
      timers.push(timer);
      for (const wake of [...waiting]) wake();
      return timer;
    },
    clear(handle) {
      const timer = handle as Timer;
      cancelled.push(timer.id);
      if (timer.state === 'pending') timer.state = 'cancelled';
    },
  };

  const fire = (): number => {
    const timer = timers.find((t) => t.state === 'pending');
    if (!timer) throw new Error('no delay is pending');
    timer.state = 'fired';
    timer.fn();
    return timer.ms;
  };

  const request = (n: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const timer = timers[n - 1];
        if (!timer) return;
        done();
        resolve(timer.ms);
      };
      const missing = setTimeout(() => {
        done();
        reject(
          new Error(`delay #${n} never asked for; asked so far: ${JSON.stringify(timers.map((t) => t.ms))}`),
        );
      }, MISSING_AFTER_MS);
      const done = () => {
        clearTimeout(missing);
        waiting.delete(check);
      };
      waiting.add(check);
      check();
    });

  return {
    scheduler,
    requested: () => timers.map((t) => t.ms),
    pending: () => timers.filter((t) => t.state === 'pending').map((t) => t.ms),
    cancelled: () => [...cancelled],
    fire,
    request,
    step: () => {
      const next = timers.length + 1;
      fire();
      return request(next);
    },
  };
}
