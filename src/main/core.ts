import type {
  AppInfo,
  ConnectionTestResult,
  EventChannel,
  EventMap,
  PaymentView,
  SaveSettingsRequest,
  SettingsView,
  TrainingCustomerRequest,
} from '../preload/contract';
import type { PaymentsService } from './payments/types';

/** A push from main to every window (and the web host's event stream). */
export type CoreEvent = { [C in EventChannel]: { channel: C; payload: EventMap[C] } }[EventChannel];

/** What the shell (IPC, web host) gets from the running app. */
export interface Core {
  info(): AppInfo;
  /** The engine for reads; throws NOT_CONFIGURED or the start-up failure when there is none. */
  payments(): PaymentsService;
  /** The engine for anything that may move money; also throws RECOVERING until recovery is done. */
  paymentsForChange(): PaymentsService;
  settingsView(): SettingsView;
  saveSettings(change: SaveSettingsRequest): Promise<SettingsView>;
  testConnection(): Promise<ConnectionTestResult>;
  trainingCustomer(req: TrainingCustomerRequest): Promise<PaymentView>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
}
