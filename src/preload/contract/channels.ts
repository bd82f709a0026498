/** Channels: every IPC channel with its request and response, and the layout of `window.pos`. */

import type { Result } from './errors';
import type { AlertEvent, ConnectivityEvent } from './events';
import type {
  GoLiveReport,
  GoLiveRequest,
  ReceiptView,
  RegisterWebhooksRequest,
  SelfTestReport,
  WebhookStatus,
} from './ops';
import type {
  CaptureRequest,
  LookupRequest,
  LookupResult,
  PaymentDetail,
  PaymentView,
  ReferenceRequest,
  RefundRequest,
  ResolveRequest,
  SearchRequest,
  SearchResult,
  StartPaymentRequest,
} from './payments';
import type {
  AppInfo,
  ConnectionTestResult,
  SaveSettingsRequest,
  SettingsView,
  TrainingCustomerRequest,
} from './settings';
import type { SettlementDayView, SettlementRequest, SettlementSyncView } from './settlement';
import type {
  ApprovalOnlyRequest,
  AuditPage,
  AuditQuery,
  BootstrapRequest,
  DayReport,
  DayReportRequest,
  ExportResult,
  ReservationView,
  SavePolicyRequest,
  SaveStaffRequest,
  SignInRequest,
  SignOutRequest,
  StaffMemberView,
  StaffSession,
  SupportBundleRequest,
} from './staff';
import type { TillConfigureRequest, TillPairingCode, TillRevokeRequest, TillStatus } from './till';

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
  paymentLookup: 'pos:payment:lookup',
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
  staffActivity: 'pos:staff:activity',
  staffBootstrap: 'pos:staff:bootstrap',
  staffList: 'pos:staff:list',
  staffSave: 'pos:staff:save',
  staffPolicySave: 'pos:staff:policy-save',
  staffAudit: 'pos:staff:audit',
  reportDay: 'pos:report:day',
  reportDayCsv: 'pos:report:day-csv',
  reportReservations: 'pos:report:reservations',
  supportBundle: 'pos:support:bundle',
  tillStatus: 'pos:till:status',
  tillConfigure: 'pos:till:configure',
  tillPair: 'pos:till:pair',
  tillRevoke: 'pos:till:revoke',
  settlementDay: 'pos:settlement:day',
  settlementDayCsv: 'pos:settlement:day-csv',
  settlementSync: 'pos:settlement:sync',
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
  /** A whole reference: this journal first, then Vipps (read only; nothing is journaled). */
  'pos:payment:lookup': { req: LookupRequest; res: LookupResult };
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
  'pos:staff:sign-out': { req: SignOutRequest; res: StaffSession };
  /** Input at the counter (throttled by the renderer): keeps the signed-in session alive. */
  'pos:staff:activity': { req: Record<string, never>; res: StaffSession };
  'pos:staff:bootstrap': { req: BootstrapRequest; res: StaffSession };
  'pos:staff:list': { req: ApprovalOnlyRequest; res: StaffMemberView[] };
  'pos:staff:save': { req: SaveStaffRequest; res: StaffMemberView };
  'pos:staff:policy-save': { req: SavePolicyRequest; res: StaffSession };
  'pos:staff:audit': { req: AuditQuery; res: AuditPage };
  'pos:report:day': { req: DayReportRequest; res: DayReport };
  'pos:report:day-csv': { req: DayReportRequest; res: ExportResult };
  'pos:report:reservations': { req: Record<string, never>; res: ReservationView[] };
  'pos:support:bundle': { req: SupportBundleRequest; res: ExportResult };
  'pos:till:status': { req: Record<string, never>; res: TillStatus };
  'pos:till:configure': { req: TillConfigureRequest; res: TillStatus };
  'pos:till:pair': { req: ApprovalOnlyRequest; res: TillPairingCode };
  'pos:till:revoke': { req: TillRevokeRequest; res: TillStatus };
  'pos:settlement:day': { req: SettlementRequest; res: SettlementDayView };
  'pos:settlement:day-csv': { req: SettlementRequest; res: ExportResult };
  /** Read the Report API now instead of at the next background round. */
  'pos:settlement:sync': { req: ApprovalOnlyRequest; res: SettlementSyncView };
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
    lookup: CH.paymentLookup,
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
    activity: CH.staffActivity,
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
  till: {
    status: CH.tillStatus,
    configure: CH.tillConfigure,
    pair: CH.tillPair,
    revoke: CH.tillRevoke,
  },
  settlement: { day: CH.settlementDay, dayCsv: CH.settlementDayCsv, sync: CH.settlementSync },
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
