import { join } from 'node:path';
import type {
  AppInfo,
  ConnectionTestResult,
  Environment,
  EventChannel,
  EventMap,
  PaymentView,
  SaveSettingsRequest,
  SettingsView,
  TrainingCustomerRequest,
} from '../preload/contract';
import { type Channel, FINAL_SALE_STATUSES } from '../preload/contract';
import { isPosFailure, PosFailure } from './errors';
import type { ChannelHandler, CoreExtension, RunningExtension } from './ipc/extension';
import { openJournal } from './journal';
import { type Logger, silentLogger } from './log';
import { createPaymentsEngine } from './payments/engine';
import type { PollingOptions } from './payments/options';
import type { PaymentsService } from './payments/types';
import { testSavedConnection } from './settings/connection-test';
import { MARKET_DEFAULTS } from './settings/market';
import type { StoredSettings } from './settings/schema';
import type { SecretBox } from './settings/secret-box';
import { openSettingsStore } from './settings/store';
import { TRAINING_CREDENTIALS } from './simulator';
import { journalWithStaffActor } from './staff/actor';
import { startTrainingBackend, type TrainingBackend } from './training/backend';
import { actAsCustomer } from './training/customer';
import { journalFileFor } from './training/journal-file';
import { createVippsClient, systemInfoFromPackage, VIPPS_BASE_URLS, type VippsClient } from './vipps';

/** A push from main to every window (and the web host's event stream). */
export type CoreEvent = { [C in EventChannel]: { channel: C; payload: EventMap[C] } }[EventChannel];

/** What the shell (IPC, web host) gets from the running app. */
export interface Core {
  info(): AppInfo;
  /** The engine for reads; throws NOT_CONFIGURED or the start-up failure when there is none. */
  payments(): PaymentsService;
  /**
   * The engine for anything that may move money; also throws RECOVERING until recovery is done, or
   * the blocking JOURNAL failure that stopped recovery.
   */
  paymentsForChange(): PaymentsService;
  settingsView(): SettingsView;
  saveSettings(change: SaveSettingsRequest): Promise<SettingsView>;
  testConnection(): Promise<ConnectionTestResult>;
  trainingCustomer(req: TrainingCustomerRequest): Promise<PaymentView>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** The current setup's extension handler for a channel, if an extension provides one. */
  extensionHandler<C extends Channel>(channel: C): ChannelHandler<C> | undefined;
  /**
   * For a request no extension handler answers: throws FORBIDDEN when a permission gate covers it
   * (ipc/extension.ts), so a gate that failed to start blocks instead of letting it through
   * unchecked. With no running setup nothing is refused: settings stay open, payments say why not.
   */
  refuseUngated(channel: Channel, req: unknown): Promise<void>;
  /**
   * Resolves once start-up recovery of the current setup has finished or stopped on a blocking
   * journal failure (payment calls then answer that failure), and at once when there is no engine.
   * It never rejects: like a setup that failed to start, a blocked one is reported by the calls.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Settings, journals and logs live here (Electron: app.getPath('userData')). */
  dataDir: string;
  secretBox: SecretBox;
  /** Talk to this Vipps instead of the real one or the in-process simulator (development, e2e). */
  baseUrlOverride?: string;
  logger?: Logger;
  polling?: Partial<PollingOptions>;
  app?: { name: string; version: string };
  /** Other rooms' services, started with every setup (see ipc/extension.ts). */
  extensions?: readonly CoreExtension[];
}

type Recovery =
  | { state: 'running' }
  | { state: 'done'; result: { checked: number; resolved: number; needsAttention: number } }
  | { state: 'failed'; failure: PosFailure }
  /** The journal cannot be written: waiting cannot fix it, a person must (disk, file, permissions). */
  | { state: 'blocked'; failure: PosFailure };

/** Everything that belongs to one environment and one set of credentials. */
interface Runtime {
  environment: Environment;
  baseUrl: string;
  credentials: {
    clientId: string;
    clientSecret: string;
    subscriptionKey: string;
    merchantSerialNumber: string;
  };
  client: VippsClient;
  engine: PaymentsService;
  close(): Promise<void>;
  training: TrainingBackend | null;
  extensions: RunningExtension[];
  recovery: Recovery;
  recovered: Promise<void>;
  markRecovered(): void;
}

type Slot =
  | { kind: 'running'; runtime: Runtime }
  | { kind: 'unconfigured' }
  | { kind: 'failed'; failure: PosFailure }
  | { kind: 'switching' };

const RECOVERY_RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

/** Fields whose change needs a new Vipps client and engine (a different Vipps, or different keys). */
function connectionKey(s: StoredSettings): string {
  return JSON.stringify([s.environment, s.clientId, s.merchantSerialNumber, s.secrets]);
}

/** Fields the engine reads per sale: changing them mid-sale would split one sale across two setups. */
function saleKey(s: StoredSettings): string {
  return JSON.stringify([s.counterId, s.market, s.capturePolicy]);
}

/**
 * Starts the app's main-process core: settings, the Vipps client (the in-process simulator in
 * training, the default), the journal and the payments engine. Start-up recovery runs before new
 * payment work is accepted; until it finishes, changing calls answer RECOVERING.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = (options.logger ?? silentLogger).child('core');
  const app = options.app ?? { name: 'vipps-counter', version: '0.0.0' };
  const system = systemInfoFromPackage(app);
  const store = openSettingsStore({
    file: join(options.dataDir, 'settings.json'),
    secretBox: options.secretBox,
    logger,
  });
  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => {
    for (const listener of listeners) listener(event);
  };
  let slot: Slot = { kind: 'switching' };
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();

  async function buildRuntime(settings: StoredSettings): Promise<Slot> {
    let training: TrainingBackend | null = null;
    let journal: ReturnType<typeof openJournal> | null = null;
    try {
      let baseUrl: string;
      let credentials: Runtime['credentials'];
      if (settings.environment === 'training') {
        if (options.baseUrlOverride) {
          baseUrl = options.baseUrlOverride;
          credentials = TRAINING_CREDENTIALS;
        } else {
          training = await startTrainingBackend({ logger });
          baseUrl = training.url;
          credentials = training.credentials;
        }
      } else {
        const stored = store.credentials(settings);
        if (!stored) return { kind: 'unconfigured' };
        baseUrl = options.baseUrlOverride ?? VIPPS_BASE_URLS[settings.environment];
        credentials = stored;
      }
      const client = createVippsClient({ baseUrl, credentials, system, logger });
      const journalFile = journalFileFor(
        options.dataDir,
        settings.environment,
        options.baseUrlOverride !== undefined,
      );
      journal = openJournal(journalFile);
      const engine = createPaymentsEngine({
        // Engine audit entries name the signed-in staff member inside a staff request (staff/actor.ts).
        journal: journalWithStaffActor(journal),
        vipps: client,
        settings: () => {
          const current = store.current();
          return {
            counterId: current.counterId,
            currency: MARKET_DEFAULTS[current.market].currency,
            capturePolicy: current.capturePolicy,
          };
        },
        logger,
        ...(options.polling ? { polling: options.polling } : {}),
      });
      const unsubscribe = [
        engine.on('payment', (payload) => emit({ channel: 'pos:event:payment', payload })),
        engine.on('alert', (payload) => emit({ channel: 'pos:event:alert', payload })),
        engine.on('connectivity', (payload) => emit({ channel: 'pos:event:connectivity', payload })),
      ];
      const openedJournal = journal;
      const openedTraining = training;
      let markRecovered = () => {};
      const recovered = new Promise<void>((resolve) => {
        markRecovered = resolve;
      });
      const runtime: Runtime = {
        recovered,
        markRecovered: () => markRecovered(),
        environment: settings.environment,
        baseUrl,
        credentials,
        client,
        engine,
        training,
        extensions: [],
        recovery: { state: 'running' },
        async close() {
          markRecovered();
          for (const extension of runtime.extensions.splice(0)) {
            await extension
              .stop()
              .catch((error: unknown) => logger.error('extension did not stop', { error }));
          }
          for (const off of unsubscribe) off();
          await engine.stop();
          openedJournal.close();
          await openedTraining?.close();
        },
      };
      runtime.extensions = await startExtensions({
        environment: settings.environment,
        dataDir: options.dataDir,
        journal,
        journalFile,
        vipps: client,
        baseUrl,
        credentials,
        secretBox: options.secretBox,
        payments: engine,
        paymentsForChange,
        settings: () => store.view(),
        saveSettings: (change) => saveSettings(change),
        info: () => info(),
        secrets: [credentials.clientSecret, credentials.subscriptionKey, credentials.clientId],
        emit,
        logger,
      });
      logger.info('runtime started', { environment: settings.environment, journal: journalFile });
      recover(runtime, 0);
      return { kind: 'running', runtime };
    } catch (error) {
      journal?.close();
      await training?.close();
      const failure = isPosFailure(error)
        ? error
        : new PosFailure('INTERNAL', 'The payment service could not start; see the log.');
      logger.error('runtime failed to start', { error });
      return { kind: 'failed', failure };
    }
  }

  /** A tool that fails to start is logged and left out; payments never wait on it. */
  async function startExtensions(ctx: Parameters<CoreExtension['start']>[0]): Promise<RunningExtension[]> {
    const running: RunningExtension[] = [];
    for (const extension of options.extensions ?? []) {
      try {
        running.push(await extension.start({ ...ctx, logger: ctx.logger.child(extension.name) }));
      } catch (error) {
        logger.error('extension failed to start', { extension: extension.name, error });
      }
    }
    return running;
  }

  /** Recovery is retried with back-off; new payment work stays blocked until it succeeds. */
  function recover(runtime: Runtime, attempt: number): void {
    runtime.engine.recover().then(
      (result) => {
        runtime.recovery = { state: 'done', result };
        runtime.markRecovered();
        logger.info('recovery finished', result);
      },
      (error: unknown) => {
        logger.error('recovery failed', { error, attempt });
        if (isPosFailure(error) && error.code === 'JOURNAL') {
          // Retrying would hit the same file the same way and keep the cashier on "retrying" forever.
          runtime.recovery = {
            state: 'blocked',
            failure: new PosFailure(
              'JOURNAL',
              error.message,
              error.details ? { details: error.details } : {},
            ),
          };
          runtime.markRecovered();
          return;
        }
        runtime.recovery = {
          state: 'failed',
          failure: isPosFailure(error)
            ? error
            : new PosFailure('RECOVERING', 'Unfinished payments could not be checked yet.', {
                retryable: true,
              }),
        };
        if (closed || currentRuntime() !== runtime) return;
        const delay = RECOVERY_RETRY_MS[Math.min(attempt, RECOVERY_RETRY_MS.length - 1)]!;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!closed && currentRuntime() === runtime) {
            runtime.recovery = { state: 'running' };
            recover(runtime, attempt + 1);
          }
        }, delay);
        timer.unref();
        timers.add(timer);
      },
    );
  }

  function currentRuntime(): Runtime | null {
    return slot.kind === 'running' ? slot.runtime : null;
  }

  function payments(): PaymentsService {
    switch (slot.kind) {
      case 'running':
        return slot.runtime.engine;
      case 'unconfigured':
        throw new PosFailure(
          'NOT_CONFIGURED',
          `Vipps credentials for the ${store.current().environment} environment are missing. Add them in settings, or switch to training mode.`,
        );
      case 'failed':
        throw slot.failure;
      case 'switching':
        throw new PosFailure('OPERATION_IN_PROGRESS', 'Settings are being applied. Try again in a moment.', {
          retryable: true,
        });
    }
  }

  function paymentsForChange(): PaymentsService {
    const engine = payments();
    const recovery = currentRuntime()?.recovery;
    if (recovery?.state === 'running') {
      throw new PosFailure(
        'RECOVERING',
        'Checking unfinished payments with Vipps before new work can start.',
        {
          retryable: true,
        },
      );
    }
    if (recovery?.state === 'blocked') throw recovery.failure;
    if (recovery?.state === 'failed') {
      throw new PosFailure(
        'RECOVERING',
        `Unfinished payments could not be checked yet (${recovery.failure.message}). Retrying automatically.`,
        { retryable: true },
      );
    }
    return engine;
  }

  function refuseWhileSaleInProgress(): void {
    const active = currentRuntime()?.engine.active();
    if (active && !FINAL_SALE_STATUSES.includes(active.status)) {
      throw new PosFailure(
        'ACTIVE_PAYMENT_EXISTS',
        'Finish or cancel the current sale before changing these settings.',
        { details: { reference: active.reference } },
      );
    }
  }

  let saving = false;
  async function saveSettings(change: SaveSettingsRequest): Promise<SettingsView> {
    if (saving || slot.kind === 'switching') {
      throw new PosFailure('OPERATION_IN_PROGRESS', 'Settings are already being saved.', { retryable: true });
    }
    saving = true;
    try {
      const before = store.current();
      const next = store.prepare(change);
      const reconnect = connectionKey(next) !== connectionKey(before);
      if (reconnect || saleKey(next) !== saleKey(before)) refuseWhileSaleInProgress();
      if (!reconnect) {
        store.commit(next);
        return store.view();
      }
      const previous = slot;
      slot = { kind: 'switching' };
      if (previous.kind === 'running') await previous.runtime.close();
      store.commit(next);
      slot = await buildRuntime(next);
      logger.info('settings applied', { environment: next.environment, state: slot.kind });
      return store.view();
    } finally {
      saving = false;
    }
  }

  function testConnection(): Promise<ConnectionTestResult> {
    const runtime = currentRuntime();
    return testSavedConnection({
      environment: store.current().environment,
      training:
        runtime?.environment === 'training'
          ? { baseUrl: runtime.baseUrl, credentials: runtime.credentials }
          : null,
      credentials: () => store.credentials(),
      baseUrl: (environment) => options.baseUrlOverride ?? VIPPS_BASE_URLS[environment],
      system,
      logger,
    });
  }

  async function trainingCustomer(req: TrainingCustomerRequest): Promise<PaymentView> {
    if (store.current().environment !== 'training') {
      throw new PosFailure('FORBIDDEN', 'The customer phone exists only in training mode.');
    }
    const engine = payments(); // throws why, when training has no running setup
    const runtime = currentRuntime()!;
    return actAsCustomer({ backend: runtime.training, engine, client: runtime.client }, req);
  }

  function info(): AppInfo {
    const settings = store.current();
    const recovery = currentRuntime()?.recovery;
    const market = MARKET_DEFAULTS[settings.market];
    return {
      name: app.name,
      version: app.version,
      environment: settings.environment,
      training: settings.environment === 'training',
      counterId: settings.counterId,
      market: settings.market,
      currency: market.currency,
      brand: market.brand,
      language: settings.language,
      recovery: recovery?.state === 'done' && recovery.result.checked > 0 ? recovery.result : null,
    };
  }

  slot = await buildRuntime(store.current());

  return {
    info,
    payments,
    paymentsForChange,
    settingsView: () => store.view(),
    saveSettings,
    testConnection,
    trainingCustomer,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => currentRuntime()?.recovered ?? Promise.resolve(),
    extensionHandler(channel) {
      for (const extension of currentRuntime()?.extensions ?? []) {
        const handler = extension.handlers[channel];
        if (handler) return handler;
      }
      return undefined;
    },
    async refuseUngated(channel, req) {
      if (!currentRuntime()) return;
      const saleStatus = async (reference: string) => (await payments().get(reference)).payment.status;
      for (const { gate } of options.extensions ?? []) {
        if (gate && (await gate.needsPermission(channel, req, saleStatus))) {
          throw new PosFailure('FORBIDDEN', gate.unavailable);
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      listeners.clear();
      const last = slot;
      slot = { kind: 'failed', failure: new PosFailure('INTERNAL', 'The app is shutting down.') };
      if (last.kind === 'running') await last.runtime.close();
    },
  };
}
