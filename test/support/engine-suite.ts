/**
 * The frame most engine test files share: one simulator for the file, and the engines a test starts
 * closed after it (with the simulator's faults cleared), so a file only says what it tests.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/main/simulator';
import { type EngineHarness, type HarnessOptions, startEngineHarness } from './engine-harness';

/** Vipps' polling guideline and a reconcile check 3 s after an unknown outcome (manual-clock tests). */
export const GUIDELINE_DELAYS = {
  firstDelayMs: 5000,
  intervalMs: 2000,
  maxIntervalMs: 30_000,
  reconcileDelayMs: 3000,
};
/** One attempt per call: the engine's own back-off is what the delay tests look at. */
export const NO_CLIENT_RETRY = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 5000 };

export interface EngineSuite {
  /** The file's simulator (started before the first test). */
  readonly sim: Simulator;
  /** An engine on the simulator with the file's defaults and these options; closed after the test. */
  engine(options?: HarnessOptions): Promise<EngineHarness>;
  /** The same, as counter `counterId`. */
  counter(counterId: string, options?: HarnessOptions): Promise<EngineHarness>;
}

export function engineSuite(simOptions: SimulatorOptions = {}, defaults: HarnessOptions = {}): EngineSuite {
  let sim: Simulator | undefined;
  const running: EngineHarness[] = [];
  beforeAll(async () => {
    sim = await startSimulator(simOptions);
  });
  afterAll(async () => {
    await sim?.close();
  });
  afterEach(async () => {
    sim?.faults.clear();
    for (const h of running.splice(0)) await h.close();
  });

  const suite: EngineSuite = {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    async engine(options = {}) {
      const settings = { ...defaults.settings, ...options.settings };
      const h = await startEngineHarness({ sim: suite.sim, ...defaults, ...options, settings });
      running.push(h);
      return h;
    },
    counter: (counterId, options = {}) =>
      suite.engine({ ...options, settings: { counterId, ...options.settings } }),
  };
  return suite;
}
