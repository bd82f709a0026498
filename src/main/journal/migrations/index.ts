import { paymentsAndOperations } from './0010-payments-and-operations';
import { vippsEvents } from './0020-vipps-events';
import { auditLog } from './0030-audit-log';
import { staff } from './0100-staff';
import { receiptJobs } from './0150-receipt-jobs';
import { slimmerIndexes } from './0160-slimmer-indexes';
import { refundsAndVat } from './0170-refunds-and-vat';
import { pinAttempts } from './0175-pin-attempts';
import { goLivePayments } from './0180-golive-payments';
import { adoptedSales } from './0185-adopted-sales';
import { settlement } from './0190-settlement';
import { tillIntegration } from './0200-till-integration';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append only: never renumber, edit or remove a released one. */
export const MIGRATIONS: readonly Migration[] = [
  paymentsAndOperations,
  vippsEvents,
  auditLog,
  staff,
  receiptJobs,
  slimmerIndexes,
  refundsAndVat,
  pinAttempts,
  goLivePayments,
  adoptedSales,
  settlement,
  tillIntegration,
];
