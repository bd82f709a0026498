import type { CapturePolicy, Currency } from '../../preload/contract';
import type { Journal, OperationRow } from '../journal';
import type { Logger } from '../log';
import type { VippsClient } from '../vipps/types';

export interface EngineSettings {
  counterId: string;
  currency: Currency;
  capturePolicy: CapturePolicy;
  /** The payment description when the cashier typed none (the shop's name, or the market's default). */
  description: string;
  /** The shop's VAT rate: for lines without one, and the receipt's one line of a sale without lines. */
  vatRate: number;
}

/** Vipps' polling guideline: first look after 5 s, then every 2 s, slower when told to (429). */
export interface PollingOptions {
  firstDelayMs: number;
  intervalMs: number;
  /** Ceiling for the interval after 429s and for re-checking unknown outcomes. */
  maxIntervalMs: number;
  /** First re-check of an unknown outcome; doubles up to maxIntervalMs. */
  reconcileDelayMs: number;
  /** Vipps lets a payment expire this long after creation when the customer does nothing. */
  expiryMs: number;
  /**
   * A create whose answer was lost and which Vipps does not know is re-sent (same key) only this
   * soon after it was written; older ones are marked failed, so a customer never gets a stale request.
   */
  createResendWindowMs: number;
}

export const DEFAULT_POLLING: PollingOptions = {
  firstDelayMs: 5000,
  intervalMs: 2000,
  maxIntervalMs: 30_000,
  reconcileDelayMs: 2000,
  expiryMs: 10 * 60_000,
  createResendWindowMs: 2 * 60_000,
};

/**
 * Test seam for the crash tests: awaited right before an operation's request goes out (the intent
 * is committed) and right after its answer arrived (the outcome is not written yet).
 */
export interface EngineHooks {
  beforeSend?(op: OperationRow): void | Promise<void>;
  afterSend?(op: OperationRow): void | Promise<void>;
}

/**
 * Where the engine's delays come from: polling, back-off after 429, re-checks of unknown outcomes.
 * The app uses setTimeout; tests give a manual clock that records each requested delay and fires it
 * on demand, so the delays themselves can be asserted without waiting.
 */
export interface EngineScheduler {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const REAL_TIMERS: EngineScheduler = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface EngineDeps {
  journal: Journal;
  vipps: VippsClient;
  settings: () => EngineSettings;
  clock?: () => Date;
  scheduler?: EngineScheduler;
  polling?: Partial<PollingOptions>;
  logger?: Logger;
  hooks?: EngineHooks;
}
