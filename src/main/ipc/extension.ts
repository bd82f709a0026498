/**
 * How other rooms (staff, receipts, reports, self-test, …) plug their channels into the app
 * without a second IPC path: a CoreExtension is started with every setup of the core (environment
 * and credentials) and stopped before the setup is replaced. The handlers it returns answer their
 * channels through the same registration wrapper, schemas and Result envelope as everything else;
 * a handler for a shell channel (e.g. pos:payment:refund) replaces the shell's own, so a room can
 * put a permission check in front of it. Such a check fails closed: an extension that is the
 * permission `gate` declares which requests need a permission, and while a running setup has no
 * extension handler for such a request (the gate failed to start), the request is refused with
 * FORBIDDEN instead of reaching the shell's unchecked handler.
 */
import type {
  AppInfo,
  Channel,
  ChannelMap,
  Environment,
  SaleStatus,
  SaveSettingsRequest,
  SettingsView,
} from '../../preload/contract';
import type { CoreEvent } from '../core';
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
  /** Saves settings like the shell's pos:settings:save (an extension may put a check in front). */
  saveSettings: (change: SaveSettingsRequest) => Promise<SettingsView>;
  info: () => AppInfo;
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

export interface RunningExtension {
  handlers: ExtensionHandlers;
  stop(): Promise<void>;
}

/** A sale's status in the current setup (undefined: no such sale). */
export type SaleStatusOf = (reference: string) => SaleStatus | undefined | Promise<SaleStatus | undefined>;

/** Known before the extension starts, so it holds even when the start fails. */
export interface PermissionGate {
  /** Whether this request needs a permission that the gate checks. */
  needsPermission(channel: Channel, req: unknown, saleStatus: SaleStatusOf): Promise<boolean>;
  /** Why such a request is refused while no handler of the gate answers it, in plain words. */
  unavailable: string;
}

export interface CoreExtension {
  name: string;
  /** Set by the extension that checks permissions (staff): requests it covers never run unchecked. */
  gate?: PermissionGate;
  start(ctx: RuntimeContext): Promise<RunningExtension>;
}
