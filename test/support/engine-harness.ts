/**
 * The engine as it runs in the app, for tests: the REAL Vipps client talking over loopback to the
 * REAL simulator, and a REAL SQLite journal file in a temp directory. Polling is fast; nothing else
 * is replaced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Journal, openJournal } from '../../src/main/journal';
import type { Logger } from '../../src/main/log';
import {
  createPaymentsEngine,
  type EngineHooks,
  type EngineScheduler,
  type EngineSettings,
  type PollingOptions,
} from '../../src/main/payments/engine';
import type { PaymentsService } from '../../src/main/payments/types';
import { type Simulator, startSimulator } from '../../src/main/simulator';
import { createVippsClient } from '../../src/main/vipps/client';
import type { RetryPolicy } from '../../src/main/vipps/retry';
import type { VippsClient } from '../../src/main/vipps/types';
import type { AlertEvent, PaymentView } from '../../src/preload/contract';
import { movementsUnlikeIntents } from './reliability/ledger-check';
import { mutantFromEnv } from './reliability/mutants';
import { type WriteAheadWitness, writeAheadWitness } from './write-ahead';

export const FAST_POLLING: Partial<PollingOptions> = {
  firstDelayMs: 15,
  intervalMs: 15,
  maxIntervalMs: 150,
  reconcileDelayMs: 15,
};

export const FAST_RETRY: Partial<RetryPolicy> = {
  maxAttempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxTotalMs: 5000,
};

export interface EngineDeps {
  journal: Journal;
  vipps: VippsClient;
}
export type EngineVariant = (deps: EngineDeps) => EngineDeps;

export interface HarnessOptions {
  sim?: Simulator;
  dir?: string;
  settings?: Partial<EngineSettings>;
  polling?: Partial<PollingOptions>;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  hooks?: EngineHooks;
  /** The engine's timers (default: setTimeout); a ManualClock lets a test fire them itself. */
  scheduler?: EngineScheduler;
  /** Given to both the client and the engine (default: silent). */
  logger?: Logger;
  /** Default true: run recover() so the engine accepts work. */
  recover?: boolean;
  /** Default true (as in the app): the client keeps to Vipps' per-reference rate limits. */
  perReferenceLimits?: boolean;
  /** Replaces what the engine is given by a deliberately broken variant (the oracle's own tests). */
  variant?: EngineVariant;
  /** The test asserts the witness's and the money check's findings itself (a broken variant). */
  brokenOnPurpose?: boolean;
}

export interface EngineHarness {
  sim: Simulator;
  dir: string;
  file: string;
  journal: Journal;
  vipps: VippsClient;
  engine: PaymentsService;
  settings: EngineSettings;
  payments: PaymentView[];
  alerts: AlertEvent[];
  /** Checks at the simulator that every money request's intent was committed first (shared per simulator). */
  writeAhead: WriteAheadWitness;
  /** Resolves with the sale once `test` holds (checked on every change and every 10 ms). */
  waitFor(reference: string, test: (view: PaymentView) => boolean, what?: string): Promise<PaymentView>;
  view(reference: string): PaymentView;
  /** Stops this engine and closes the journal, keeping the file and the simulator. */
  shutdown(): Promise<void>;
  close(): Promise<void>;
}

export function vippsClientFor(
  sim: Simulator,
  retry: Partial<RetryPolicy> = FAST_RETRY,
  timeoutMs = 2000,
  logger?: Logger,
  perReferenceLimits = true,
) {
  return createVippsClient({
    perReferenceLimits,
    ...(logger ? { logger } : {}),
    baseUrl: sim.url,
    credentials: sim.credentials,
    system: {
      systemName: 'vipps-counter',
      systemVersion: '0.1.0',
      pluginName: 'engine-tests',
      pluginVersion: '1',
    },
    retry,
    timeoutMs,
  });
}

export async function startEngineHarness(options: HarnessOptions = {}): Promise<EngineHarness> {
  const ownSim = !options.sim;
  const sim = options.sim ?? (await startSimulator());
  const ownDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pos-engine-'));
  const file = join(dir, 'journal.db');
  const journal = openJournal(file);
  const vipps = vippsClientFor(
    sim,
    options.retry ?? FAST_RETRY,
    options.timeoutMs ?? 2000,
    options.logger,
    options.perReferenceLimits ?? true,
  );
  const settings: EngineSettings = {
    counterId: 'lane1',
    currency: 'NOK',
    capturePolicy: 'capture-now',
    description: 'Kjøp i butikk',
    vatRate: 2500,
    ...options.settings,
  };
  const writeAhead = writeAheadWitness(sim);
  const unwatch = writeAhead.watch(file);
  // RELIABILITY_MUTANT runs every suite on the harness against a broken engine (they must fail).
  const variant = options.variant ?? mutantFromEnv();
  const deps = variant ? variant({ journal, vipps }) : { journal, vipps };
  const engine = createPaymentsEngine({
    ...deps,
    settings: () => settings,
    polling: { ...FAST_POLLING, ...options.polling },
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const payments: PaymentView[] = [];
  const alerts: AlertEvent[] = [];
  const waiters = new Set<() => void>();
  engine.on('payment', (v) => {
    payments.push(v);
    // Checked after the engine finished the step that emitted (its lock is released by then).
    for (const w of waiters) setImmediate(w);
  });
  engine.on('alert', (a) => alerts.push(a));
  if (options.recover !== false) await engine.recover();

  const view = (reference: string): PaymentView => {
    const row = journal.payments.get(reference);
    if (!row) throw new Error(`no payment ${reference}`);
    return (
      engine.search({ text: reference, limit: 1 }).items[0] ??
      (() => {
        throw new Error(`payment ${reference} not found by search`);
      })()
    );
  };

  let stopped = false;
  let unlike: string[] = [];
  const shutdown = async () => {
    if (stopped) return;
    stopped = true;
    await engine.stop();
    unwatch();
    // Whatever the test looked at, money that moved must be what its intent said (a remote
    // simulator's ledger is the parent's to check).
    if ('ledger' in sim) unlike = movementsUnlikeIntents(sim, journal);
    journal.close();
  };

  return {
    sim,
    dir,
    file,
    journal,
    vipps,
    engine,
    settings,
    payments,
    alerts,
    writeAhead,
    view,
    waitFor: (reference, test, what = 'the expected state') =>
      new Promise((resolve, reject) => {
        const check = () => {
          const row = journal.payments.get(reference);
          if (!row) return false;
          const v = view(reference);
          if (test(v)) {
            cleanup();
            resolve(v);
            return true;
          }
          return false;
        };
        const timer = setInterval(check, 10);
        const deadline = setTimeout(() => {
          cleanup();
          const row = journal.payments.get(reference);
          reject(
            new Error(`${reference} never reached ${what}; last status ${row?.status} (${row?.vippsState})`),
          );
        }, 10_000);
        const cleanup = () => {
          clearInterval(timer);
          clearTimeout(deadline);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    shutdown,
    close: async () => {
      await shutdown();
      if (ownSim) await sim.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      // Every suite on the harness proves write-ahead order, not only the ones that look.
      if (options.brokenOnPurpose) return;
      if (writeAhead.violations.length > 0)
        throw new Error(`sent before committed: ${writeAhead.violations.slice(0, 5).join(' | ')}`);
      if (unlike.length > 0)
        throw new Error(`moved otherwise than intended: ${unlike.slice(0, 5).join(' | ')}`);
    },
  };
}
