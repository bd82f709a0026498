/** Settings, training customer and app info (src/main/settings, src/main/training). */

import type { ErrorCode } from './errors';
import type { Brand, CapturePolicy, Currency, Environment, Language, Market } from './money';
import type { Approval } from './staff';

export interface SettingsView {
  environment: Environment;
  market: Market;
  language: Language;
  counterId: string;
  capturePolicy: CapturePolicy;
  /** The shop's name: the payment description in the customer's app ('' = a default in the market's language). */
  shopName: string;
  /** VAT rate for lines without one and for sales without lines, one of VAT_RATES[market]. */
  vatRate: number;
  merchantSerialNumber: string;
  clientId: string;
  /** Secrets are never sent to the renderer; only whether they are stored. */
  secrets: { clientSecret: boolean; subscriptionKey: boolean };
  /** True when real credentials are complete for the chosen environment. */
  configured: boolean;
  /** True when secrets can be stored at all (see secretStorage for how). */
  encryptionAvailable: boolean;
  /**
   * How stored secrets are protected: the OS keychain, in clear (the development web host with
   * POS_ALLOW_PLAINTEXT_SECRETS=1), or not storable.
   */
  secretStorage: 'keychain' | 'plaintext' | 'unavailable';
  /** Why the saved settings could not be used (the app then runs in training mode). */
  problem?: SettingsProblem;
}

/**
 * Saved settings that could not be used, as a code the renderer words in the UI language; `detail`
 * keeps main's English for the log and the technical details.
 */
export interface SettingsProblem {
  code: 'unreadable' | 'not-json' | 'invalid-fields';
  /** invalid-fields: the paths of the fields that are not valid ("environment", "secrets.clientSecret"). */
  fields: string[];
  detail: string;
}

export interface SaveSettingsRequest {
  environment?: Environment;
  market?: Market;
  language?: Language;
  counterId?: string;
  capturePolicy?: CapturePolicy;
  shopName?: string;
  vatRate?: number;
  merchantSerialNumber?: string;
  clientId?: string;
  /** Write-only. Empty string clears. */
  clientSecret?: string;
  subscriptionKey?: string;
  approval?: Approval;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** Plain words: "Connected to Vipps test environment", "Client secret was rejected", … */
  message: string;
  code?: ErrorCode;
}

export interface TrainingCustomerRequest {
  reference: string;
  action: 'approve' | 'reject' | 'expire';
}

export interface AppInfo {
  name: string;
  version: string;
  environment: Environment;
  training: boolean;
  counterId: string;
  market: Market;
  currency: Currency;
  brand: Brand;
  /** The shop's VAT rate: what a sale line without its own rate gets. */
  vatRate: number;
  language: Language;
  /** Filled when start-up recovery found unfinished work. */
  recovery: { checked: number; resolved: number; needsAttention: number } | null;
}
