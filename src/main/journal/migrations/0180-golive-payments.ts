import type { Migration } from './types';

/**
 * Issue 10 (go-live evidence through the engine): payments.golive names the go-live scenario a
 * payment was made for (AUTHORIZED, CAPTURED, REFUNDED, CANCELLED), NULL for a shop's sale. Go-live
 * payments go through the journal like every sale (write-ahead intents, recovery) and show in
 * History marked as tests, but the day report does not count them as the shop's sales.
 */
export const goLivePayments: Migration = {
  id: 180,
  name: 'golive-payments',
  sql: `
ALTER TABLE payments ADD COLUMN golive TEXT CHECK (golive IN ('AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED'));
`,
};
