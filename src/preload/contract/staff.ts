/** Staff, audit, reports, support (src/main/staff, src/main/reports, src/main/support). */

import type { Currency, MinorUnits } from './money';
import type { OperationStatus, PaymentView, SaleStatus, ShownStatus } from './payments';

export type StaffRole = 'cashier' | 'manager';
/** Actions whose permission a manager can set to 'anyone' or 'manager'. */
export type ProtectedAction = 'refund' | 'release' | 'settings' | 'report' | 'support';
export type PermissionLevel = 'anyone' | 'manager';
export type PermissionPolicy = Record<ProtectedAction, PermissionLevel>;

/** A manager's PIN typed into the approval dialog, sent along with the request it approves. */
export interface Approval {
  pin: string;
}

export interface StaffMemberView {
  id: number;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: string;
}

export interface StaffSession {
  /** Who is signed in at this counter, or null. */
  staff: StaffMemberView | null;
  /** No manager exists yet (test/production first run): create one before anything is protected. */
  bootstrapNeeded: boolean;
  /** Training only: the documented PIN of the built-in training manager. */
  trainingPin: string | null;
  policy: PermissionPolicy;
  /** A signed-in session ends after this many minutes without input (set by a manager). */
  idleMinutes: number;
  /** When the current session ends unless there is input before then; null when nobody is signed in. */
  expiresAt: string | null;
}

/** Why a session ends other than by the sign-out button: the OS locked or went to sleep. */
export interface SignOutRequest {
  reason?: 'lock';
}

export interface SignInRequest {
  pin: string;
}

export interface BootstrapRequest {
  name: string;
  pin: string;
}

/** Without id: a new staff member (name, role and pin required). With id: a change. */
export interface SaveStaffRequest {
  id?: number;
  name?: string;
  role?: StaffRole;
  pin?: string;
  active?: boolean;
  approval?: Approval;
}

export interface ApprovalOnlyRequest {
  approval?: Approval;
}

export interface SavePolicyRequest {
  policy: Partial<PermissionPolicy>;
  /** Idle minutes before a staff session ends (1–120). */
  idleMinutes?: number;
  approval?: Approval;
}

export interface AuditQuery {
  /** Local calendar days, inclusive. */
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  reference?: string;
  limit?: number;
  /** Paging: entries older than this id. */
  beforeId?: number;
  approval?: Approval;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  reference: string | null;
  amount: MinorUnits | null;
  /** The currency of the sale the entry names (amounts keep their own currency), or null. */
  currency: Currency | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntryView[];
  nextBeforeId: number | null;
}

export interface DayReportRequest {
  /** Local calendar day, e.g. 2026-11-25. */
  date: string;
  /** Omitted = this counter. '*' = every counter in this journal. */
  counterId?: string;
  approval?: Approval;
}

export interface StatusTotal {
  /** Refunded sales count as PARTLY_REFUNDED / REFUNDED, not as paid. */
  status: ShownStatus;
  currency: Currency;
  count: number;
  /** Sum of the sales' amounts. */
  amount: MinorUnits;
  /** Sum of what the shop keeps of these sales (captured − refunded). */
  kept: MinorUnits;
}

export interface MoneyTotal {
  currency: Currency;
  captured: MinorUnits;
  refunded: MinorUnits;
  /** captured − refunded. */
  net: MinorUnits;
  captures: number;
  refunds: number;
}

export interface RefundLine {
  reference: string;
  amount: MinorUnits;
  currency: Currency;
  reason: string | null;
  status: OperationStatus;
  at: string;
}

export interface OpenItem {
  reference: string;
  kind: 'operation-pending' | 'operation-unknown' | 'reservation-uncaptured' | 'decision-needed';
  status: SaleStatus;
  amount: MinorUnits;
  currency: Currency;
  since: string;
}

export interface DayReport {
  date: string;
  counterId: string;
  /** The period covered, as ISO instants (local midnight to midnight). */
  from: string;
  to: string;
  byStatus: StatusTotal[];
  money: MoneyTotal[];
  refunds: RefundLine[];
  openItems: OpenItem[];
  generatedAt: string;
}

/** A file main produced: saved through the save dialog (Electron), or handed over as a download. */
export interface ExportResult {
  filename: string;
  bytes: number;
  /** Where the file was written, or null when the renderer should download `content`. */
  savedTo: string | null;
  /** The user closed the save dialog; nothing was written. */
  cancelled: boolean;
  content: { mime: string; base64: string } | null;
}

export interface ReservationView {
  payment: PaymentView;
  /** When the customer approved (Vipps' AUTHORIZED event, or the sale's start when unknown). */
  authorizedAt: string;
  ageHours: number;
  /** Documented capture deadline for the market (Vipps auto-cancels after it). */
  deadline: string;
  /** Earlier limit that is safe for every card type (some cards release after 7 days). */
  safeUntil: string;
  urgency: 'ok' | 'soon' | 'overdue';
}

export interface SupportBundleRequest {
  /** Include this payment's journal rows and Vipps event log. */
  reference?: string;
  approval?: Approval;
}
