/** Events pushed from main to the renderer on the `pos:event:*` family. */

/** PARKED: a reserved sale was put away from the counter; its money is still reserved. */
export type AlertKind = 'LATE_APPROVAL' | 'ATTENTION' | 'CONNECTIVITY' | 'PARKED' | 'UPDATE_READY';

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
