/**
 * The app's main-process core: settings, the current setup (runtime.ts), start-up recovery and
 * its gate on money (recovery-gate.ts) and settings changes (settings-change.ts). The shell (IPC,
 * web host) sees only `Core`; this file holds the one piece of state the others share — which
 * setup is current — and answers from it.
 */
import { join } from 'node:path';
import {
  type AppInfo,
  type ConnectionTestResult,
  FINAL_SALE_STATUSES,
  type PaymentView,
  type TrainingCustomerRequest,
} from '../../preload/contract';
import { PosFailure } from '../errors';
import { withoutApproval } from '../ipc/extension';
import type { HandlerMap } from '../ipc/handler';
import { createHandlers } from '../ipc/handlers';
import { invokeHandler } from '../ipc/invoke';
import { silentLogger } from '../log';
import type { PaymentsService } from '../payments/types';
import { testSavedConnection } from '../settings/connection-test';
import { effectiveVatRate, MARKET_DEFAULTS } from '../settings/market';
import type { StoredSettings } from '../settings/schema';
import { openSettingsStore } from '../settings/store';
import { actAsCustomer } from '../training/customer';
import { systemInfoFromPackage, VIPPS_BASE_URLS } from '../vipps';
import type { CoreEvent } from './events';
import { recoveryGate, refuseUntilRecovered } from './recovery-gate';
import { buildRuntime, type Runtime, type Slot } from './runtime';
import { settingsSaver } from './settings-change';
import type { Core, CoreOptions } from './types';

export type { CoreEvent } from './events';
export type { Core, CoreOptions, OpenWork } from './types';

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

  function currentRuntime(): Runtime | null {
    return slot.kind === 'running' ? slot.runtime : null;
  }

  const recovery = recoveryGate({
    logger,
    stillWanted: (runtime) => !closed && currentRuntime() === runtime,
  });

  const build = (settings: StoredSettings): Promise<Slot> =>
    buildRuntime(settings, {
      options,
      store,
      system,
      logger,
      emit,
      core: {
        paymentsForChange,
        saveSettings: (change) => saveSettings(change),
        info: () => info(),
        invoke: (channel, req) => invokeHandler(handlerMap(), channel, req, logger),
      },
      recover: (runtime) => recovery.recover(runtime),
    });

  const saveSettings = settingsSaver({
    store,
    logger,
    slot: {
      get: () => slot,
      set: (next) => {
        slot = next;
      },
    },
    build,
  });

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
    refuseUntilRecovered(currentRuntime()?.recovery);
    return engine;
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
    const recovered = currentRuntime()?.recovery;
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
      vatRate: effectiveVatRate(settings.market, settings.vatRate),
      language: settings.language,
      recovery: recovered?.state === 'done' && recovered.result.checked > 0 ? recovered.result : null,
    };
  }

  // The handler map over this very core, made on first use: the till API calls in through it.
  let handlers: HandlerMap | undefined;
  const handlerMap = (): HandlerMap => {
    handlers ??= createHandlers(core);
    return handlers;
  };
  slot = await build(store.current());

  const core: Core = {
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
    openWork() {
      const runtime = currentRuntime();
      const active = runtime?.engine.active();
      return {
        sale: active && !FINAL_SALE_STATUSES.includes(active.status) ? active.reference : null,
        operations: runtime?.openOperations() ?? 0,
      };
    },
    extensionHandler(channel) {
      for (const extension of currentRuntime()?.extensions ?? []) {
        const handler = extension.handlers[channel];
        if (handler) return handler;
      }
      return undefined;
    },
    async guard(channel, req, next) {
      const runtime = currentRuntime();
      if (!runtime) return next(withoutApproval(req));
      const guard = runtime.extensions.find((extension) => extension.guard)?.guard;
      if (guard) return guard(channel, req, next);
      const saleStatus = async (reference: string) => (await payments().get(reference)).payment.status;
      for (const { gate } of options.extensions ?? []) {
        if (gate && (await gate.needsPermission(channel, req, saleStatus))) {
          throw new PosFailure('FORBIDDEN', gate.unavailable);
        }
      }
      return next(withoutApproval(req));
    },
    async close() {
      if (closed) return;
      closed = true;
      recovery.stop();
      listeners.clear();
      const last = slot;
      slot = { kind: 'failed', failure: new PosFailure('INTERNAL', 'The app is shutting down.') };
      if (last.kind === 'running') await last.runtime.close();
    },
  };
  return core;
}
