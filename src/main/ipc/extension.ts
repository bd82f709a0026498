/**
 * How other rooms (staff, receipts, reports, self-test, …) plug their channels into the app
 * without a second IPC path: a CoreExtension is started with every setup of the core (environment
 * and credentials) and stopped before the setup is replaced. The handlers it returns answer its
 * own channels through the same registration wrapper, schemas and Result envelope as everything
 * else. A checked action is not done by replacing a handler: one running extension (staff) may
 * return a `guard`, around advice that every call of the setup passes through — shell channels and
 * other extensions' channels alike — before the channel's one implementation runs. The check
 * fails closed: the extension that guards also declares a `gate` (which requests need a
 * permission), known before it starts, and while a running setup has no guard (the start
 * failed), the requests the gate covers are refused with FORBIDDEN instead of running unchecked.
 */
import type {
  AppInfo,
  Channel,
  ChannelMap,
  Environment,
  Result,
  SaleStatus,
  SaveSettingsRequest,
  SettingsView,
} from '../../preload/contract';
import type { CoreEvent } from '../core/events';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import type { PaymentsService } from '../payments/types';
import type { SecretBox } from '../settings/secret-box';
import type { VippsClient, VippsCredentials } from '../vipps/types';

/** What an extension gets from the current setup. Valid until its `stop()` is called. */
export interface RuntimeContext {
  environment: Environment;
  dataDir: string;
  journal: Journal;
  journalFile: string;
  vipps: VippsClient;
  /** Where this setup's Vipps is (the simulator's URL in training) and its keys: for tools that
   * need their own client or API (self-test, go-live, webhooks). Never log them. */
  baseUrl: string;
  credentials: VippsCredentials;
  /** The app's secret storage (OS keychain in Electron), for secrets a tool must keep. */
  secretBox: SecretBox;
  payments: PaymentsService;
  /** The engine for changing calls: also refuses while start-up recovery runs. */
  paymentsForChange: () => PaymentsService;
  settings: () => SettingsView;
  /** Saves settings like the shell's pos:settings:save, but without passing the guard: the guard
   * sits on the path from windows, not on calls an extension makes itself. */
  saveSettings: (change: SaveSettingsRequest) => Promise<SettingsView>;
  info: () => AppInfo;
  /**
   * Runs a request through the app's handler map exactly as a window's call does (the channel's
   * schema, the guard, the one implementation, the Result envelope): for rooms that take requests
   * from outside the windows (the till API) and must not find a second way in.
   */
  invoke: (channel: Channel, req: unknown) => Promise<Result<unknown>>;
  /** This setup's credential values, so exports can cut them wherever they appear. Never log them. */
  secrets: readonly string[];
  /** Pushes an event to every window and the web host's stream. */
  emit(event: CoreEvent): void;
  logger: Logger;
}

/** One channel's implementation; the request is already validated by the channel's schema. */
export type ChannelHandler<C extends Channel> = (
  req: ChannelMap[C]['req'],
) => Promise<ChannelMap[C]['res']> | ChannelMap[C]['res'];

export type ExtensionHandlers = { [C in Channel]?: ChannelHandler<C> };

/** The rest of a call: the channel's implementation, run with the request the guard passes on. */
export type GuardNext = (req: unknown) => Promise<unknown>;

/**
 * Around advice for every call of a setup: it may refuse (throw), change the request it passes on
 * (drop `approval`) and wrap the rest (run it on behalf of someone). It must call `next` at most once.
 * The request is already validated by the channel's schema.
 */
export type ChannelGuard = (channel: Channel, req: unknown, next: GuardNext) => Promise<unknown>;

export interface RunningExtension {
  handlers: ExtensionHandlers;
  /** At most one running extension of a setup may guard (the core refuses to start a second). */
  guard?: ChannelGuard;
  stop(): Promise<void>;
}

/**
 * The request without its manager approval: the approval is for the guard only; no handler sees
 * it (also when no guard runs, so a stray approval changes nothing).
 */
export function withoutApproval(req: unknown): unknown {
  if (req === null || typeof req !== 'object' || !('approval' in req)) return req;
  const { approval: _approval, ...rest } = req as Record<string, unknown>;
  return rest;
}

/** A sale's status in the current setup (undefined: no such sale). */
export type SaleStatusOf = (reference: string) => SaleStatus | undefined | Promise<SaleStatus | undefined>;

/** Known before the extension starts, so it holds even when the start fails. */
export interface PermissionGate {
  /** Whether this request needs a permission that the gate checks. */
  needsPermission(channel: Channel, req: unknown, saleStatus: SaleStatusOf): Promise<boolean>;
  /** Why such a request is refused while the gate's guard is not running, in plain words. */
  unavailable: string;
}

export interface CoreExtension {
  name: string;
  /** Set by the extension that guards (staff): requests it covers never run unchecked. */
  gate?: PermissionGate;
  start(ctx: RuntimeContext): Promise<RunningExtension>;
}
