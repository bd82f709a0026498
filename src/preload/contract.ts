/**
 * The one contract between the renderer and the main process.
 *
 * Every IPC channel is named here (`pos:<domain>:<verb>`), with its request and response types.
 * Main→renderer pushes use the `pos:event:*` family. This file is imported by the sandboxed preload,
 * so it holds string constants and types only: no npm imports, no runtime logic beyond constants.
 * The runtime (zod) schemas that enforce these types live in `src/main/ipc/schemas.ts` and are tied
 * to these types with `satisfies`, so drift fails to compile.
 */

// ---------------------------------------------------------------------------------------------
// Money and market

/** Amounts are always integers in minor units (øre, cent). 10.00 NOK = 1000. */
export type MinorUnits = number;
export type Currency = 'NOK' | 'DKK' | 'EUR';
export type Market = 'NO' | 'DK' | 'FI';
export type Language = 'nb' | 'da' | 'fi' | 'en';
export type Brand = 'vipps' | 'mobilepay';
export type Environment = 'training' | 'test' | 'production';
export type CapturePolicy = 'capture-now' | 'reserve-only';

// ---------------------------------------------------------------------------------------------
// Payments

/** How the customer is reached. */
export type PaymentFlow =
  /** Cashier types the customer's phone number; Vipps pushes the request to the app. */
  | 'PUSH_PHONE'
  /** A dynamic QR is shown (cashier and customer display); the customer scans it. */
  | 'QR'
  /** A keyboard-wedge scanner reads the customer's personal QR; sent as `customer.personalQr`. */
  | 'PERSONAL_QR';

/** Vipps' own payment state (ePayment `State`). */
export type VippsState = 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED';

/** Vipps event log names (`PaymentEvent.name`). */
export type VippsEventName =
  | 'CREATED'
  | 'ABORTED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'CAPTURED'
  | 'REFUNDED'
  | 'AUTHORIZED'
  | 'TERMINATED';

/**
 * The sale as the cashier sees it. Derived by the engine from the journal and Vipps' answers.
 * - CREATING: the create intent is journaled and the request is on its way.
 * - WAITING: Vipps has the payment (CREATED); waiting for the customer.
 * - CANCELLING: the cashier pressed cancel; waiting for Vipps to confirm.
 * - RESERVED: the customer approved (AUTHORIZED) and nothing is captured yet (reserve-only policy,
 *   or capture not yet started).
 * - CAPTURING: capture intent journaled, request in flight.
 * - COMPLETED: captured (fully, or partly with the rest released). The sale is done.
 * - REJECTED / EXPIRED: the customer declined / did not act in time. No money moved.
 * - CANCELLED: cancelled before approval (Vipps TERMINATED). No money moved.
 * - RELEASED: approved, then the whole reservation was released without capture. No money moved.
 * - FAILED: Vipps refused to create the payment (e.g. invalid phone). No money moved.
 * - UNKNOWN: an operation's outcome is not known yet. "Checking with Vipps — do not charge again."
 * - DECISION_NEEDED: money is reserved but the cashier had given up or cancelled (late approval,
 *   approve-during-cancel). The cashier must choose complete (capture) or release (cancel).
 */
export const SALE_STATUSES = [
  'CREATING',
  'WAITING',
  'CANCELLING',
  'RESERVED',
  'CAPTURING',
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'RELEASED',
  'FAILED',
  'UNKNOWN',
  'DECISION_NEEDED',
] as const;

export type SaleStatus = (typeof SALE_STATUSES)[number];

export const FINAL_SALE_STATUSES: readonly SaleStatus[] = [
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'RELEASED',
  'FAILED',
];

export type OperationKind = 'create' | 'capture' | 'cancel' | 'refund' | 'receipt';
export type OperationStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

export interface Aggregate {
  authorized: MinorUnits;
  captured: MinorUnits;
  refunded: MinorUnits;
  cancelled: MinorUnits;
}

export interface OrderLine {
  name: string;
  /** Price of one unit incl. VAT, minor units. */
  unitPrice: MinorUnits;
  quantity: number;
  /** VAT rate in hundredths of a percent (2500 = 25 %). */
  taxRate?: number;
}

export interface OperationView {
  id: string;
  kind: OperationKind;
  amount: MinorUnits | null;
  status: OperationStatus;
  attempts: number;
  reason: string | null;
  lastError: { code: ErrorCode; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentView {
  reference: string;
  counterId: string;
  amount: MinorUnits;
  currency: Currency;
  flow: PaymentFlow;
  description: string;
  /** Only the last digits are ever stored or shown, e.g. "•••• 4567". */
  phoneMasked: string | null;
  status: SaleStatus;
  vippsState: VippsState | null;
  aggregate: Aggregate;
  /** What may still be captured (authorized − captured − cancelled) and refunded (captured − refunded). */
  capturable: MinorUnits;
  refundable: MinorUnits;
  /** QR flow only: what the customer scans (a URL or SVG data URL from Vipps). */
  qr: { kind: 'url' | 'image'; value: string } | null;
  /** When Vipps lets the payment expire if the customer does nothing (ISO 8601). */
  expiresAt: string | null;
  /** Why staff must look at this payment (unknown outcome, decision needed, …), or null. */
  attention: AttentionReason | null;
  receipt: 'none' | 'pending' | 'sent' | 'failed';
  lines: OrderLine[];
  createdAt: string;
  updatedAt: string;
}

export type AttentionReason =
  | 'OUTCOME_UNKNOWN'
  | 'LATE_APPROVAL'
  | 'APPROVED_DURING_CANCEL'
  | 'RESERVATION_NOT_CAPTURED'
  | 'CAPTURE_FAILED';

export interface PaymentEventView {
  name: VippsEventName;
  amount: MinorUnits;
  currency: Currency;
  timestamp: string;
  success: boolean;
  idempotencyKey: string | null;
  pspReference: string;
}

export interface PaymentDetail {
  payment: PaymentView;
  operations: OperationView[];
  events: PaymentEventView[];
}

// ---------------------------------------------------------------------------------------------
// Errors and results

export type ErrorCode =
  /** The request was malformed; nothing happened. */
  | 'VALIDATION'
  /** Credentials rejected by Vipps (401/403). */
  | 'AUTH'
  | 'NOT_FOUND'
  /** Vipps refused because of the payment's state or an idempotency conflict (409 and rule errors). */
  | 'CONFLICT'
  | 'RATE_LIMITED'
  /** Vipps answered 5xx. */
  | 'UPSTREAM'
  /** No connection to Vipps. */
  | 'NETWORK'
  | 'TIMEOUT'
  /** The request may have been applied; the engine is checking. Never repeat by hand. */
  | 'OUTCOME_UNKNOWN'
  /** Another sale is active on this counter. */
  | 'ACTIVE_PAYMENT_EXISTS'
  /** Capture/refund larger than what remains. */
  | 'AMOUNT_EXCEEDS_REMAINING'
  /** The action is not allowed in the payment's current state. */
  | 'INVALID_STATE'
  /** An identical operation is already running (double click, second window). */
  | 'OPERATION_IN_PROGRESS'
  /** Vipps credentials are missing. */
  | 'NOT_CONFIGURED'
  /** The OS keychain cannot encrypt; secrets are not stored in clear. */
  | 'ENCRYPTION_UNAVAILABLE'
  /** The local journal cannot be opened or written. Blocking. */
  | 'JOURNAL'
  /** The staff member may not do this (manager PIN needed). */
  | 'FORBIDDEN'
  /** Start-up recovery has not finished; new work waits. */
  | 'RECOVERING'
  | 'INTERNAL';

export interface PosError {
  code: ErrorCode;
  /** Plain-words message for logs and admins; the renderer has its own cashier wording per code. */
  message: string;
  retryable: boolean;
  details?: {
    reference?: string;
    traceId?: string;
    vippsErrorCode?: string;
    status?: number;
    field?: string;
    issues?: string[];
    /** FORBIDDEN only: a manager PIN would allow it ('required'), or the one given was wrong ('rejected'). */
    approval?: 'required' | 'rejected';
    /** RATE_LIMITED by the PIN lockout: when PINs are accepted again (ISO 8601). */
    retryAt?: string;
  };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PosError };

// ---------------------------------------------------------------------------------------------
// Requests

export interface StartPaymentRequest {
  amount: MinorUnits;
  flow: PaymentFlow;
  /** PUSH_PHONE: digits with country code, e.g. "4791234567". */
  phone?: string;
  /** PERSONAL_QR: the complete scanned text, never parsed. */
  personalQr?: string;
  description?: string;
  lines?: OrderLine[];
}

export interface ReferenceRequest {
  reference: string;
  /** Cancel of reserved money is a release: it may need a manager PIN. */
  approval?: Approval;
}

export interface CaptureRequest {
  reference: string;
  /** Omitted = everything still capturable. */
  amount?: MinorUnits;
}

export interface RefundRequest {
  reference: string;
  approval?: Approval;
  amount: MinorUnits;
  reason: string;
  /**
   * Made once by the refund dialog when it opens. The same requestId always maps to the same
   * journaled operation and Idempotency-Key, so a double click or a retry cannot refund twice.
   */
  requestId: string;
}

export interface ResolveRequest {
  reference: string;
  /** complete = capture the reservation; release = cancel it. */
  action: 'complete' | 'release';
  approval?: Approval;
}

export interface SearchRequest {
  /** Free text: reference fragment or amount ("149,50"). */
  text?: string;
  status?: SaleStatus;
  /** ISO dates (inclusive day bounds). */
  from?: string;
  to?: string;
  phoneLast4?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

export interface SearchResult {
  items: PaymentView[];
  nextCursor: string | null;
}

export interface SettingsView {
  environment: Environment;
  market: Market;
  language: Language;
  counterId: string;
  capturePolicy: CapturePolicy;
  merchantSerialNumber: string;
  clientId: string;
  /** Secrets are never sent to the renderer; only whether they are stored. */
  secrets: { clientSecret: boolean; subscriptionKey: boolean };
  /** True when real credentials are complete for the chosen environment. */
  configured: boolean;
  encryptionAvailable: boolean;
  /** Plain words when the saved settings could not be used (the app then runs in training mode). */
  problem?: string;
}

export interface SaveSettingsRequest {
  environment?: Environment;
  market?: Market;
  language?: Language;
  counterId?: string;
  capturePolicy?: CapturePolicy;
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
  language: Language;
  /** Filled when start-up recovery found unfinished work. */
  recovery: { checked: number; resolved: number; needsAttention: number } | null;
}

// ---------------------------------------------------------------------------------------------
// Staff, audit, reports, support (src/main/staff, src/main/reports, src/main/support)

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
  status: SaleStatus;
  currency: Currency;
  count: number;
  /** Sum of the sales' amounts. */
  amount: MinorUnits;
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

// ---------------------------------------------------------------------------------------------
// Receipts, self-test, go-live evidence, webhooks (src/main/receipts, selftest, golive, webhooks)

export type ReceiptStatus = PaymentView['receipt'];

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
  /** Worth knowing: Vipps already had a receipt, it went as one summary line, … */
  note: string | null;
  /** A failed receipt can be tried again by staff. */
  canRetry: boolean;
}

export type SelfTestCheckId = 'reachability' | 'clock' | 'credentials' | 'merchant' | 'journal' | 'disk';
export type SelfTestOutcome = 'ok' | 'warning' | 'failed' | 'skipped';

export interface SelfTestCheck {
  id: SelfTestCheckId;
  outcome: SelfTestOutcome;
  /** What was found, in plain words. */
  message: string;
  /** What to do about it; null when nothing is needed. */
  fix: string | null;
}

export interface SelfTestReport {
  environment: Environment;
  ranAt: string;
  /** The worst outcome of the checks ('skipped' does not count). */
  outcome: 'ok' | 'warning' | 'failed';
  checks: SelfTestCheck[];
}

/** The references Vipps' go-live checklist asks for: one ending in each of these. */
export type GoLiveScenario = 'AUTHORIZED' | 'CAPTURED' | 'REFUNDED' | 'CANCELLED';

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

// ---------------------------------------------------------------------------------------------
// Events (main → renderer)

export type AlertKind = 'LATE_APPROVAL' | 'ATTENTION' | 'CONNECTIVITY';

export interface AlertEvent {
  kind: AlertKind;
  reference?: string;
  message: string;
}

export interface ConnectivityEvent {
  online: boolean;
  /** Why new payments are blocked, when offline. */
  reason?: string;
}

// ---------------------------------------------------------------------------------------------
// Channels

export const CH = {
  appInfo: 'pos:app:info',
  paymentStart: 'pos:payment:start',
  paymentActive: 'pos:payment:active',
  paymentGet: 'pos:payment:get',
  paymentCancel: 'pos:payment:cancel',
  paymentCapture: 'pos:payment:capture',
  paymentRefund: 'pos:payment:refund',
  paymentResolve: 'pos:payment:resolve',
  paymentDismiss: 'pos:payment:dismiss',
  paymentSearch: 'pos:payment:search',
  paymentAttention: 'pos:payment:attention',
  settingsGet: 'pos:settings:get',
  settingsSave: 'pos:settings:save',
  settingsTestConnection: 'pos:settings:test-connection',
  trainingCustomer: 'pos:training:customer',
  receiptGet: 'pos:receipt:get',
  receiptRetry: 'pos:receipt:retry',
  selftestLast: 'pos:selftest:last',
  selftestRun: 'pos:selftest:run',
  goliveRun: 'pos:golive:run',
  webhooksStatus: 'pos:webhooks:status',
  webhooksRegister: 'pos:webhooks:register',
  webhooksUnregister: 'pos:webhooks:unregister',
  staffSession: 'pos:staff:session',
  staffSignIn: 'pos:staff:sign-in',
  staffSignOut: 'pos:staff:sign-out',
  staffBootstrap: 'pos:staff:bootstrap',
  staffList: 'pos:staff:list',
  staffSave: 'pos:staff:save',
  staffPolicySave: 'pos:staff:policy-save',
  staffAudit: 'pos:staff:audit',
  reportDay: 'pos:report:day',
  reportDayCsv: 'pos:report:day-csv',
  reportReservations: 'pos:report:reservations',
  supportBundle: 'pos:support:bundle',
} as const;

export const EV = {
  payment: 'pos:event:payment',
  alert: 'pos:event:alert',
  connectivity: 'pos:event:connectivity',
} as const;

export type Channel = (typeof CH)[keyof typeof CH];
export type EventChannel = (typeof EV)[keyof typeof EV];

/** Request and response type of every channel. `void` requests take `{}`. */
export interface ChannelMap {
  'pos:app:info': { req: Record<string, never>; res: AppInfo };
  'pos:payment:start': { req: StartPaymentRequest; res: PaymentView };
  'pos:payment:active': { req: Record<string, never>; res: PaymentView | null };
  'pos:payment:get': { req: ReferenceRequest; res: PaymentDetail };
  'pos:payment:cancel': { req: ReferenceRequest; res: PaymentView };
  'pos:payment:capture': { req: CaptureRequest; res: PaymentView };
  'pos:payment:refund': { req: RefundRequest; res: PaymentView };
  'pos:payment:resolve': { req: ResolveRequest; res: PaymentView };
  'pos:payment:dismiss': { req: ReferenceRequest; res: null };
  'pos:payment:search': { req: SearchRequest; res: SearchResult };
  'pos:payment:attention': { req: Record<string, never>; res: PaymentView[] };
  'pos:settings:get': { req: Record<string, never>; res: SettingsView };
  'pos:settings:save': { req: SaveSettingsRequest; res: SettingsView };
  'pos:settings:test-connection': { req: Record<string, never>; res: ConnectionTestResult };
  'pos:training:customer': { req: TrainingCustomerRequest; res: PaymentView };
  'pos:receipt:get': { req: ReferenceRequest; res: ReceiptView };
  'pos:receipt:retry': { req: ReferenceRequest; res: ReceiptView };
  'pos:selftest:last': { req: Record<string, never>; res: SelfTestReport | null };
  'pos:selftest:run': { req: Record<string, never>; res: SelfTestReport };
  'pos:golive:run': { req: GoLiveRequest; res: GoLiveReport };
  'pos:webhooks:status': { req: Record<string, never>; res: WebhookStatus };
  'pos:webhooks:register': { req: RegisterWebhooksRequest; res: WebhookStatus };
  'pos:webhooks:unregister': { req: ApprovalOnlyRequest; res: WebhookStatus };
  'pos:staff:session': { req: Record<string, never>; res: StaffSession };
  'pos:staff:sign-in': { req: SignInRequest; res: StaffSession };
  'pos:staff:sign-out': { req: Record<string, never>; res: StaffSession };
  'pos:staff:bootstrap': { req: BootstrapRequest; res: StaffSession };
  'pos:staff:list': { req: ApprovalOnlyRequest; res: StaffMemberView[] };
  'pos:staff:save': { req: SaveStaffRequest; res: StaffMemberView };
  'pos:staff:policy-save': { req: SavePolicyRequest; res: StaffSession };
  'pos:staff:audit': { req: AuditQuery; res: AuditPage };
  'pos:report:day': { req: DayReportRequest; res: DayReport };
  'pos:report:day-csv': { req: DayReportRequest; res: ExportResult };
  'pos:report:reservations': { req: Record<string, never>; res: ReservationView[] };
  'pos:support:bundle': { req: SupportBundleRequest; res: ExportResult };
}

export interface EventMap {
  'pos:event:payment': PaymentView;
  'pos:event:alert': AlertEvent;
  'pos:event:connectivity': ConnectivityEvent;
}

export type Unsubscribe = () => void;

type Call<C extends Channel> =
  ChannelMap[C]['req'] extends Record<string, never>
    ? () => Promise<Result<ChannelMap[C]['res']>>
    : (req: ChannelMap[C]['req']) => Promise<Result<ChannelMap[C]['res']>>;

/**
 * The named API's layout: `window.pos.<group>.<method>` → channel. The preload and the web host's
 * bridge both build `window.pos` from this table, so the two can never differ.
 */
export const API_LAYOUT = {
  app: { info: CH.appInfo },
  payment: {
    start: CH.paymentStart,
    active: CH.paymentActive,
    get: CH.paymentGet,
    cancel: CH.paymentCancel,
    capture: CH.paymentCapture,
    refund: CH.paymentRefund,
    resolve: CH.paymentResolve,
    dismiss: CH.paymentDismiss,
    search: CH.paymentSearch,
    attention: CH.paymentAttention,
  },
  settings: {
    get: CH.settingsGet,
    save: CH.settingsSave,
    testConnection: CH.settingsTestConnection,
  },
  training: { customer: CH.trainingCustomer },
  receipt: { get: CH.receiptGet, retry: CH.receiptRetry },
  selftest: { last: CH.selftestLast, run: CH.selftestRun },
  golive: { run: CH.goliveRun },
  webhooks: {
    status: CH.webhooksStatus,
    register: CH.webhooksRegister,
    unregister: CH.webhooksUnregister,
  },
  staff: {
    session: CH.staffSession,
    signIn: CH.staffSignIn,
    signOut: CH.staffSignOut,
    bootstrap: CH.staffBootstrap,
    list: CH.staffList,
    save: CH.staffSave,
    savePolicy: CH.staffPolicySave,
    audit: CH.staffAudit,
  },
  report: {
    day: CH.reportDay,
    dayCsv: CH.reportDayCsv,
    reservations: CH.reportReservations,
  },
  support: { bundle: CH.supportBundle },
} as const;

export const EVENT_LAYOUT = {
  onPayment: EV.payment,
  onAlert: EV.alert,
  onConnectivity: EV.connectivity,
} as const;

type Layout = typeof API_LAYOUT;

/** What `window.pos` offers the renderer. Every call resolves to a Result; none rejects. */
export type PosApi = {
  [G in keyof Layout]: { [M in keyof Layout[G]]: Layout[G][M] extends Channel ? Call<Layout[G][M]> : never };
} & {
  events: {
    [K in keyof typeof EVENT_LAYOUT]: (
      listener: (payload: EventMap[(typeof EVENT_LAYOUT)[K]]) => void,
    ) => Unsubscribe;
  };
};
