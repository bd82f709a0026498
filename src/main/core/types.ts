/**
 * How the core is started and what it offers the shell; apart from index.ts so the setup
 * (runtime.ts) and the handler map (ipc/handlers.ts, which the core itself uses for the till API's
 * calls) can name them without an import cycle.
 */
import type {
  AppInfo,
  Channel,
  ConnectionTestResult,
  PaymentView,
  SaveSettingsRequest,
  SettingsView,
  TrainingCustomerRequest,
} from '../../preload/contract';
import type { ChannelHandler, CoreExtension, GuardNext } from '../ipc/extension';
import type { Logger } from '../log';
import type { PollingOptions } from '../payments/options';
import type { PaymentsService } from '../payments/types';
import type { SecretBox } from '../settings/secret-box';
import type { CoreEvent } from './events';

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
   * Runs one call through the current setup's guard (ipc/extension.ts). When the setup has no
   * running guard, a request a permission gate covers is refused FORBIDDEN, so a guard that failed
   * to start blocks instead of letting it through unchecked. With no running setup nothing is
   * refused: settings stay open, payments say why not.
   */
  guard(channel: Channel, req: unknown, next: GuardNext): Promise<unknown>;
  /**
   * Resolves once start-up recovery of the current setup has finished or stopped on a blocking
   * journal failure (payment calls then answer that failure), and at once when there is no engine.
   * It never rejects: like a setup that failed to start, a blocked one is reported by the calls.
   */
  ready(): Promise<void>;
  /**
   * Work a restart would interrupt: the counter's sale while it is not final, and journal operations
   * without a final outcome. An app update installs only when both are clear (src/main/updates).
   */
  openWork(): OpenWork;
  close(): Promise<void>;
}

export interface OpenWork {
  sale: string | null;
  operations: number;
}
