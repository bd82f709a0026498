/** Receipts, self-test, go-live evidence, webhooks (src/main/receipts, selftest, golive, webhooks). */

import type { ErrorCode } from './errors';
import type { Environment } from './money';
import type { Aggregate, GoLiveScenario, PaymentEventView, PaymentView, VippsState } from './payments';
import type { Approval } from './staff';

export type ReceiptStatus = PaymentView['receipt'];

/** Something worth knowing about a receipt (ReceiptView.notes). */
export type ReceiptNote = 'partial-capture' | 'one-line' | 'already-ours' | 'already-there';

/** A sale's receipt in the Vipps payment history (Order Management): sent, on its way, or why not. */
export interface ReceiptView {
  reference: string;
  status: ReceiptStatus;
  /** Per-counter number sent as `bottomLine.receiptNumber` (the counter goes as `posId`). */
  receiptNumber: number | null;
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** Why it is not sent (yet), in plain words. */
  lastError: { code: ErrorCode; message: string } | null;
  /** Worth knowing: Vipps already had a receipt, it went as one summary line, … (main's English). */
  note: string | null;
  /** The same as codes, for the renderer to word. */
  notes: ReceiptNote[];
  /** A failed receipt can be tried again by staff. */
  canRetry: boolean;
}

export type SelfTestCheckId = 'reachability' | 'clock' | 'credentials' | 'merchant' | 'journal' | 'disk';
export type SelfTestOutcome = 'ok' | 'warning' | 'failed' | 'skipped';

/**
 * What a check found, as a code the renderer words in the UI language (with `params`); `message`
 * and `fix` keep main's English for logs and support bundles.
 */
export const SELFTEST_CODES = [
  'reachability-ok',
  'reachability-timeout',
  'reachability-unreachable',
  'clock-no-date',
  'clock-ok',
  'clock-ahead',
  'clock-behind',
  'credentials-ok',
  'credentials-rejected',
  'credentials-incomplete',
  'credentials-missing',
  'merchant-ok',
  'merchant-wrong-msn',
  'journal-ok-full',
  'journal-ok-structure',
  'journal-damaged',
  'journal-unreadable',
  'disk-ok',
  'disk-low',
  'disk-unreadable',
  'no-answer',
  'skipped-no-keys',
  'skipped-offline',
  'skipped-keys-rejected',
  'skipped-no-journal',
] as const;
export type SelfTestCode = (typeof SELFTEST_CODES)[number];

export interface SelfTestCheck {
  id: SelfTestCheckId;
  outcome: SelfTestOutcome;
  code: SelfTestCode;
  /** Values for the code's wording: numbers, the environment, an error code or detail. */
  params: Record<string, string | number>;
  /** What was found, in plain words (English, for logs). */
  message: string;
  /** What to do about it (English, for logs); null when nothing is needed. */
  fix: string | null;
}

export interface SelfTestReport {
  environment: Environment;
  ranAt: string;
  /** The worst outcome of the checks ('skipped' does not count). */
  outcome: 'ok' | 'warning' | 'failed';
  checks: SelfTestCheck[];
}

export interface GoLiveRow {
  scenario: GoLiveScenario;
  reference: string;
  /** Vipps' state and aggregate at the end, as read back with GET. */
  state: VippsState | null;
  aggregate: Aggregate | null;
  events: PaymentEventView[];
  ok: boolean;
  /** Why the scenario did not end as intended; null when it did. */
  problem: string | null;
}

export interface GoLiveReport {
  environment: Environment;
  ranAt: string;
  ok: boolean;
  rows: GoLiveRow[];
  /** The table and the event logs as plain text, ready for the merchant's checklist. */
  text: string;
}

export interface GoLiveRequest {
  /**
   * Test environment: the phone number of the Vipps test user who approves (force-approve needs
   * it; the user must have approved one payment by hand in the test app first). Ignored in training.
   */
  phone?: string;
  /** A manager's approval: the scenarios move (test) money on the merchant's sales unit. */
  approval?: Approval;
}

export interface WebhookStatus {
  /** Whether this environment can register webhooks at all (not in training). */
  available: boolean;
  /** The merchant's public relay URL, when one is registered. */
  url: string | null;
  registered: Array<{ id: string; events: string[] }>;
  /** Always true: polling is never turned off; webhooks only add speed. */
  polling: true;
  /** Plain words: why polling alone is used, or what the registration does. */
  explanation: string;
}

export interface RegisterWebhooksRequest {
  /** https URL of a relay the merchant runs, reachable from the internet. */
  url: string;
  /** A manager's approval: registering changes the merchant's Vipps configuration. */
  approval?: Approval;
}
