/**
 * When a downloaded update may be installed. Installing restarts the app, so it must never cut a
 * payment short: not while the counter has a sale that is not final, and not while the journal
 * holds an operation whose outcome is not known yet (recovery would settle it after the restart,
 * but the cashier would be left looking at a closed window mid-sale).
 */
import type { OpenWork } from '../core';

export type InstallDecision =
  | { install: true }
  | { install: false; reason: 'nothing-downloaded' | 'sale-open' | 'operations-open' };

export function installDecision(downloaded: boolean, work: OpenWork): InstallDecision {
  if (!downloaded) return { install: false, reason: 'nothing-downloaded' };
  if (work.sale) return { install: false, reason: 'sale-open' };
  if (work.operations > 0) return { install: false, reason: 'operations-open' };
  return { install: true };
}
