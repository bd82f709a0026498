/** Events pushed from main to the renderer on the `pos:event:*` family. */

export type AlertKind = 'LATE_APPROVAL' | 'ATTENTION' | 'CONNECTIVITY' | 'UPDATE_READY';

export interface AlertEvent {
  kind: AlertKind;
  reference?: string;
  /** UPDATE_READY: the version downloaded and waiting to install. */
  version?: string;
  message: string;
}

export interface ConnectivityEvent {
  online: boolean;
  /** Why new payments are blocked, when offline. */
  reason?: string;
}
