/** Events pushed from main to the renderer on the `pos:event:*` family. */

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
