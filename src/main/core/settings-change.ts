/**
 * Saving settings while the app runs. A change of Vipps or keys needs a new setup (the old one is
 * closed first: one journal connection, one engine); a change the engine reads per sale does not,
 * but like a new setup it is refused while a sale is open, so one sale never spans two setups.
 */
import { FINAL_SALE_STATUSES, type SaveSettingsRequest, type SettingsView } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Logger } from '../log';
import type { StoredSettings } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import type { Runtime, Slot } from './runtime';

/** Fields whose change needs a new Vipps client and engine (a different Vipps, or different keys). */
function connectionKey(s: StoredSettings): string {
  return JSON.stringify([s.environment, s.clientId, s.merchantSerialNumber, s.secrets]);
}

/** Fields the engine reads per sale: changing them mid-sale would split one sale across two setups. */
function saleKey(s: StoredSettings): string {
  return JSON.stringify([s.counterId, s.market, s.capturePolicy]);
}

function refuseWhileSaleInProgress(runtime: Runtime | null): void {
  const active = runtime?.engine.active();
  if (active && !FINAL_SALE_STATUSES.includes(active.status)) {
    throw new PosFailure(
      'ACTIVE_PAYMENT_EXISTS',
      'Finish or cancel the current sale before changing these settings.',
      { details: { reference: active.reference } },
    );
  }
}

export function settingsSaver(deps: {
  store: SettingsStore;
  logger: Logger;
  /** The core's current setup, read and replaced here while a change is applied. */
  slot: { get(): Slot; set(slot: Slot): void };
  build: (settings: StoredSettings) => Promise<Slot>;
}): (change: SaveSettingsRequest) => Promise<SettingsView> {
  const { store, logger, slot } = deps;
  let saving = false;
  return async function saveSettings(change) {
    if (saving || slot.get().kind === 'switching') {
      throw new PosFailure('OPERATION_IN_PROGRESS', 'Settings are already being saved.', { retryable: true });
    }
    saving = true;
    try {
      const before = store.current();
      const next = await store.prepare(change);
      const reconnect = connectionKey(next) !== connectionKey(before);
      if (reconnect || saleKey(next) !== saleKey(before)) {
        const current = slot.get();
        refuseWhileSaleInProgress(current.kind === 'running' ? current.runtime : null);
      }
      if (!reconnect) {
        store.commit(next);
        return store.view();
      }
      const previous = slot.get();
      slot.set({ kind: 'switching' });
      if (previous.kind === 'running') await previous.runtime.close();
      store.commit(next);
      const built = await deps.build(next);
      slot.set(built);
      logger.info('settings applied', { environment: next.environment, state: built.kind });
      return store.view();
    } finally {
      saving = false;
    }
  };
}
