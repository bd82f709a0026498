import type { Migration } from './types';

/**
 * Issue 10 (money shown with the right meaning, VAT on receipts):
 * - payments_refunded: History's "refunded" / "partly refunded" filters. Refunds are a small share
 *   of sales, so a partial index on `refunded > 0` finds a page of them without walking the paid
 *   ones (payments_by_status would read every completed sale to skip the unrefunded).
 * - payments.vat_rate: the VAT rate (hundredths of a percent) the sale was made with, for the
 *   receipt's one line when the sale has no lines of its own. Fixed when the sale starts, so a later
 *   change of the shop's default rate never rewrites a past receipt. NULL for sales made before.
 */
export const refundsAndVat: Migration = {
  id: 170,
  name: 'refunds-and-vat',
  sql: `
CREATE INDEX payments_refunded ON payments (created_at DESC, reference DESC) WHERE refunded > 0;
ALTER TABLE payments ADD COLUMN vat_rate INTEGER CHECK (vat_rate BETWEEN 0 AND 10000);
`,
};
