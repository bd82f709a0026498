import type { Migration } from './types';

/**
 * Two indexes that cost bytes on every sale and bought nothing (issue 6: bytes per payment):
 * - operations_by_reference (reference, created_at): the unique (reference, request_id) index
 *   already leads with the reference, and one sale has a handful of operations to sort.
 * - payments_by_counter (counter_id, dismissed): it indexed every sale ever made to find the one or
 *   two a counter has not put away; a partial index holds only those.
 * Existing rows are not rewritten: the space is reused by new sales.
 */
export const slimmerIndexes: Migration = {
  id: 160,
  name: 'slimmer-indexes',
  sql: `
DROP INDEX operations_by_reference;
DROP INDEX payments_by_counter;
CREATE INDEX payments_not_dismissed ON payments (counter_id, created_at DESC) WHERE dismissed = 0;
`,
};
