import type { Migration } from './types';

/**
 * Issue 13 (any reference, any counter): payments.origin marks a sale this counter adopted from
 * another counter to refund, capture or release it — JSON `SaleOrigin` (the origin counter,
 * description and method as far as Vipps' metadata tells, when it was created at Vipps, when it was
 * adopted). NULL for the counter's own sales. Vipps does not say how another counter reached the
 * customer, so an adopted row's `flow` column holds the origin's method when its metadata names
 * one, else a placeholder the view never shows (the column's CHECK predates adoption).
 */
export const adoptedSales: Migration = {
  id: 185,
  name: 'adopted-sales',
  sql: `
ALTER TABLE payments ADD COLUMN origin TEXT CHECK (origin IS NULL OR json_valid(origin));
`,
};
