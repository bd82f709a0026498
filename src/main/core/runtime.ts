/**
 * One setup: everything that belongs to one environment and one set of credentials — the Vipps
 * (the in-process simulator in training), the client, the journal, the payments engine and the
 * extensions. Built whole or not at all: a part that fails to start closes the parts before it,
 * so a failed setup holds no file or port open.
 */
import type { Environment } from '../../preload/contract';
import { isPosFailure, PosFailure } from '../errors';
import type { CoreExtension, RunningExtension, RuntimeContext } from '../ipc/extension';
import { openJournal } from '../journal';
import type { Logger } from '../log';
import { createPaymentsEngine } from '../payments/engine';
import type { PaymentsService } from '../payments/types';
import { rememberSecrets } from '../redaction';
import { effectiveVatRate, MARKET_DEFAULTS, paymentDescription } from '../settings/market';
import type { StoredSettings } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import { TRAINING_CREDENTIALS } from '../simulator';
import { journalWithStaffActor } from '../staff/actor';
import { journalWithTillOrigin } from '../till/origin';
import { startTrainingBackend, type TrainingBackend } from '../training/backend';
import { journalFileFor } from '../training/journal-file';
import { createVippsClient, type SystemInfo, VIPPS_BASE_URLS, type VippsClient } from '../vipps';
import type { CoreEvent } from './events';
import type { Recovery } from './recovery-gate';
import type { CoreOptions } from './types';

export interface Runtime {
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
  /** Journal operations still without a final outcome (pending or unknown). */
  openOperations(): number;
}

/** What the core has in place of a setup: none yet (no keys), one that failed, or a change underway. */
export type Slot =
  | { kind: 'running'; runtime: Runtime }
  | { kind: 'unconfigured' }
  | { kind: 'failed'; failure: PosFailure }
  | { kind: 'switching' };

export interface RuntimeDeps {
  options: CoreOptions;
  store: SettingsStore;
  system: SystemInfo;
  logger: Logger;
  emit: (event: CoreEvent) => void;
  /** The core's own calls, handed to the extensions (they act through the core, not around it). */
  core: Pick<RuntimeContext, 'paymentsForChange' | 'saveSettings' | 'info' | 'invoke'>;
  /** Starts the setup's recovery; called before the setup is returned, as it always was. */
  recover: (runtime: Runtime) => void;
}

export async function buildRuntime(settings: StoredSettings, deps: RuntimeDeps): Promise<Slot> {
  const { options, store, logger, emit } = deps;
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
      const stored = await store.credentials(settings);
      if (!stored) return { kind: 'unconfigured' };
      baseUrl = options.baseUrlOverride ?? VIPPS_BASE_URLS[settings.environment];
      credentials = stored;
    }
    rememberSecrets([credentials.clientSecret, credentials.subscriptionKey, credentials.clientId]);
    const client = createVippsClient({ baseUrl, credentials, system: deps.system, logger });
    const journalFile = journalFileFor(
      options.dataDir,
      settings.environment,
      options.baseUrlOverride !== undefined,
    );
    journal = openJournal(journalFile);
    const engine = createPaymentsEngine({
      // Engine audit entries name the signed-in staff member inside a staff request (staff/actor.ts),
      // and the till inside a till's request, whose request id is bound as the sale or intent is written (till/origin.ts).
      journal: journalWithStaffActor(journalWithTillOrigin(journal)),
      vipps: client,
      settings: () => {
        const current = store.current();
        return {
          counterId: current.counterId,
          currency: MARKET_DEFAULTS[current.market].currency,
          capturePolicy: current.capturePolicy,
          description: paymentDescription(current.market, current.shopName),
          vatRate: effectiveVatRate(current.market, current.vatRate),
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
      openOperations: () => openedJournal.operations.open().length,
      async close() {
        markRecovered();
        for (const extension of runtime.extensions.splice(0)) {
          await extension.stop().catch((error: unknown) => logger.error('extension did not stop', { error }));
        }
        for (const off of unsubscribe) off();
        await engine.stop();
        openedJournal.close();
        await openedTraining?.close();
      },
    };
    runtime.extensions = await startExtensions(options.extensions ?? [], logger, {
      environment: settings.environment,
      dataDir: options.dataDir,
      journal,
      journalFile,
      vipps: client,
      baseUrl,
      credentials,
      secretBox: options.secretBox,
      payments: engine,
      paymentsForChange: deps.core.paymentsForChange,
      settings: () => store.view(),
      saveSettings: deps.core.saveSettings,
      info: deps.core.info,
      invoke: deps.core.invoke,
      secrets: [credentials.clientSecret, credentials.subscriptionKey, credentials.clientId],
      emit,
      logger,
    });
    logger.info('runtime started', { environment: settings.environment, journal: journalFile });
    deps.recover(runtime);
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

/**
 * A tool that fails to start is logged and left out; payments never wait on it. Two guards would
 * make the order of checks depend on the extension list, so a second one fails the whole setup.
 */
async function startExtensions(
  extensions: readonly CoreExtension[],
  logger: Logger,
  ctx: RuntimeContext,
): Promise<RunningExtension[]> {
  const running: RunningExtension[] = [];
  for (const extension of extensions) {
    try {
      running.push(await extension.start({ ...ctx, logger: ctx.logger.child(extension.name) }));
    } catch (error) {
      logger.error('extension failed to start', { extension: extension.name, error });
    }
  }
  if (running.filter((extension) => extension.guard).length > 1) {
    for (const extension of running) await extension.stop().catch(() => {});
    throw new PosFailure('INTERNAL', 'More than one extension guards the calls; see the log.');
  }
  return running;
}
