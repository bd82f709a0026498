/** Events pushed from main to the renderer on the `pos:event:*` family. */

/** PARKED: a reserved sale was put away from the counter; its money is still reserved. */
export type AlertKind = 'LATE_APPROVAL' | 'ATTENTION' | 'CONNECTIVITY' | 'PARKED' | 'UPDATE_READY';

/** What an alert says, as a code the renderer words in the UI language (with `params`). */
export type AlertCode =
  | 'LATE_APPROVAL'
  | 'APPROVED_DURING_CANCEL'
  | 'CAPTURE_FAILED'
  | 'RESERVATION_OVERDUE'
  | 'RESERVATION_SOON'
  | 'SELFTEST_FAILED';

export interface AlertEvent {
  kind: AlertKind;
  reference?: string;
  /** UPDATE_READY: the version downloaded and waiting to install. */
  version?: string;
  code?: AlertCode;
  params?: Record<string, string | number>;
  /** English, for logs and older renderers; the renderer shows `code` when there is one. */
  message: string;
}

export interface ConnectivityEvent {
  online: boolean;
  /** Why new payments are blocked, when offline. */
  reason?: string;
}
