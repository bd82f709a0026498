import type { Logger } from '../log';

/** The part of Electron's powerMonitor this needs (so it is testable without Electron). */
export interface OsSessionEvents {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
}

/**
 * A signed-in staff session must not outlive the person at the counter: when the OS session locks
 * or the computer goes to sleep, whoever was signed in is signed out (audited as reason "lock").
 * `signOut` is the handler map's pos:staff:sign-out, so it passes the same path as any request.
 */
export function endStaffSessionOnOsLock(
  events: OsSessionEvents,
  signOut: () => Promise<unknown>,
  logger: Logger,
): void {
  for (const event of ['lock-screen', 'suspend'] as const) {
    events.on(event, () => {
      signOut().catch((error: unknown) => logger.warn('staff sign-out on OS lock failed', { event, error }));
    });
  }
}
