import { PosFailure } from '../errors';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import type { VippsClient } from '../vipps/types';
import type { EngineHooks, EngineScheduler, EngineSettings, PollingOptions } from './options';
import type { PaymentsEvents } from './types';

/** Everything the engine's parts share. One per engine; never exported beyond src/main/payments. */
export interface EngineContext {
  journal: Journal;
  vipps: VippsClient;
  settings: () => EngineSettings;
  now: () => Date;
  iso: () => string;
  polling: PollingOptions;
  log: Logger;
  hooks: EngineHooks;
  emit<K extends keyof PaymentsEvents>(event: K, payload: Parameters<PaymentsEvents[K]>[0]): void;
  /** Per-reference lock: a double click or a second window cannot start a second money operation. */
  locks: Map<string, string>;
  /** Operations whose request is on the wire in this process: never re-sent or resolved meanwhile. */
  inFlight: Set<string>;
  /** The sends themselves, so stop() can let their outcomes reach the journal before it closes. */
  sending: Set<Promise<unknown>>;
  /** Where the engine's delays come from (setTimeout in the app; a manual clock in tests). */
  scheduler: EngineScheduler;
  /** The delays still pending, so stop() can cancel them. */
  timers: Set<unknown>;
  stopped: boolean;
  phase: 'idle' | 'recovering' | 'ready';
  /** Wired by the engine so the parts can call each other without import cycles. */
  watch(reference: string): void;
  reconcileLater(reference: string): void;
  afterAuthorized(reference: string): void;
}

/** A delay that stop() cancels; once stopped, nothing is scheduled any more. */
export function later(ctx: EngineContext, ms: number, fn: () => void): void {
  if (ctx.stopped) return;
  const timer = ctx.scheduler.set(() => {
    ctx.timers.delete(timer);
    fn();
  }, ms);
  ctx.timers.add(timer);
}

export function withLock<T>(
  ctx: EngineContext,
  reference: string,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  const holder = ctx.locks.get(reference);
  if (holder) {
    return Promise.reject(
      new PosFailure('OPERATION_IN_PROGRESS', `A ${holder} is already running for this sale.`, {
        retryable: true,
        details: { reference },
      }),
    );
  }
  ctx.locks.set(reference, what);
  return fn().finally(() => ctx.locks.delete(reference));
}
