/** Events pushed from main to the renderer on the `pos:event:*` family. */

export type AlertKind = 'LATE_APPROVAL' | 'ATTENTION' | 'CONNECTIVITY';

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
