/**
 * Settlement reconciliation (Report API): one ledger date of the shop's Vipps ledger matched against
 * this counter's journal. Amounts are minor units, signed as the ledger books them (a refund is
 * negative, fees and payouts are negative on the funds topic).
 */
import type { Currency, MinorUnits } from './money';
import type { Approval } from './staff';

/** Where the Report API is: production only at Vipps; the simulator in training; none in test. */
export type SettlementAvailability = 'production' | 'training' | 'no-test-api';

export interface SettlementRequest {
  /** Ledger date, e.g. 2026-11-25. */
  ledgerDate: string;
  /** Omitted: the ledger in the market's currency (or the first one). */
  ledgerId?: string;
  approval?: Approval;
}

/**
 * How a capture or refund entry relates to this journal:
 * - matched: a succeeded capture/refund of this journal, by pspReference or reference and amount;
 * - other-counter: the reference is not in this journal, booked for our sales unit (another till);
 * - outside-app: booked for another recipient on the same ledger (a Vippsnummer, a web shop);
 * - mismatch: the sale is in this journal, but no movement of this kind and amount is.
 */
export type SettlementMatch = 'matched' | 'other-counter' | 'outside-app' | 'mismatch';

export interface SettlementEntryView {
  pspReference: string;
  reference: string | null;
  entryType: string;
  amount: MinorUnits;
  time: string;
  recipientHandle: string | null;
  /** Captures and refunds only. */
  match: SettlementMatch | null;
  /** matched: the counter in this journal that made it. */
  counterId: string | null;
}

/**
 * A succeeded capture or refund of this journal in the ledger date's period that this date's
 * ledger does not hold: booked on another date (near the cut-off), still waiting, or overdue
 * (older than the grace period and still in no ledger date).
 */
export interface UnsettledMovement {
  reference: string;
  kind: 'capture' | 'refund';
  amount: MinorUnits;
  at: string;
  state: 'other-date' | 'waiting' | 'overdue';
  bookedOn: string | null;
}

export interface SettlementTotals {
  opening: MinorUnits | null;
  closing: MinorUnits | null;
  captures: MinorUnits;
  refunds: MinorUnits;
  /** fees-retained on the funds topic (negative). */
  feesRetained: MinorUnits;
  /** The fees topic's itemised fees for the date (positive). */
  feesCharged: MinorUnits;
  /** scheduled-for-payout (negative: money leaving the ledger to the bank). */
  payout: MinorUnits;
  /** Any other entry type (corrections, disputes, top-ups …). */
  other: MinorUnits;
  /** Matched entries and what this journal says they were. */
  matchedLedger: MinorUnits;
  matchedJournal: MinorUnits;
  /** other-counter and outside-app entries. */
  elsewhere: MinorUnits;
}

export type SettlementCheckName = 'balance' | 'fees' | 'payout' | 'matched' | 'entries' | 'journal';

export interface SettlementCheck {
  name: SettlementCheckName;
  ok: boolean;
  expected: MinorUnits;
  actual: MinorUnits;
}

export interface SettlementSyncView {
  running: boolean;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  failures: number;
  entries: number;
  nextRunAt: string | null;
}

export interface SettlementDayView {
  availability: SettlementAvailability;
  ledgers: Array<{ ledgerId: string; currency: string | null }>;
  ledgerId: string | null;
  ledgerDate: string;
  currency: Currency | null;
  /** Vipps has closed the date (its report answered): the figures are final. */
  closed: boolean;
  funds: SettlementEntryView[];
  fees: SettlementEntryView[];
  unsettled: UnsettledMovement[];
  totals: SettlementTotals;
  checks: SettlementCheck[];
  /** Closed, and every check holds to the øre. */
  agrees: boolean;
  /** Hours a journal movement may wait for a ledger date before it is flagged overdue. */
  graceHours: number;
  sync: SettlementSyncView;
  generatedAt: string;
}
