/**
 * The day report's queries. Each one is shaped so SQLite can answer it from an index (checked
 * with EXPLAIN QUERY PLAN in test/main/reports): journal timestamps are ISO UTC strings, so a
 * local day is a [from, to) text range on an indexed column. Go-live evidence payments (payments.golive)
 * are test payments for Vipps' checklist, not the shop's sales: they are left out of the sales, the
 * money and the reservations; an operation of one whose outcome is unknown is still listed.
 */

/** shownStatus (payments/status.ts) in SQL: a completed sale with refunds counts as refunded. */
export const SHOWN_STATUS_SQL = `CASE WHEN status = 'COMPLETED' AND refunded > 0
      THEN CASE WHEN refunded >= captured THEN 'REFUNDED' ELSE 'PARTLY_REFUNDED' END
      ELSE status END`;

const STATUS_TOTALS = `SELECT ${SHOWN_STATUS_SQL} AS status, currency, count(*) AS count, sum(amount) AS amount,
      sum(max(captured - refunded, 0)) AS kept FROM payments`;

export const DAY_REPORT_SQL = {
  /**
   * Sales started in the period on one counter: payments_by_counter_created. Another counter's sale
   * adopted here to act on it (origin set) is that counter's sale, not ours; what was done to it here
   * counts under money moved and refunds below.
   */
  statusOneCounter: `
    ${STATUS_TOTALS}
    WHERE counter_id = @counter AND created_at >= @from AND created_at < @to AND origin IS NULL AND golive IS NULL
    GROUP BY 1, currency`,
  /** Sales started in the period on every counter: payments_by_created. */
  statusAllCounters: `
    ${STATUS_TOTALS}
    WHERE created_at >= @from AND created_at < @to AND origin IS NULL AND golive IS NULL
    GROUP BY 1, currency`,
  /** Captures and refunds Vipps confirmed in the period: operations_by_kind_updated. */
  money: `
    SELECT p.currency AS currency, o.kind AS kind, count(*) AS count, sum(o.amount) AS amount
    FROM operations o JOIN payments p ON p.reference = o.reference
    WHERE o.kind IN ('capture', 'refund') AND o.updated_at >= @from AND o.updated_at < @to
      AND o.status = 'succeeded' AND (@counter IS NULL OR p.counter_id = @counter) AND p.golive IS NULL
    GROUP BY p.currency, o.kind`,
  /** Every refund touched in the period, whatever its outcome: operations_by_kind_updated. */
  refunds: `
    SELECT o.reference AS reference, o.amount AS amount, p.currency AS currency, o.reason AS reason,
      o.status AS status, o.updated_at AS at
    FROM operations o JOIN payments p ON p.reference = o.reference
    WHERE o.kind = 'refund' AND o.updated_at >= @from AND o.updated_at < @to
      AND (@counter IS NULL OR p.counter_id = @counter) AND p.golive IS NULL
    ORDER BY o.updated_at, o.id`,
  /** Operations whose outcome is not known, whenever they started: the partial index operations_open. */
  openOperations: `
    SELECT o.reference AS reference, o.status AS opStatus, p.status AS status,
      coalesce(o.amount, p.amount) AS amount, p.currency AS currency, o.created_at AS since
    FROM operations o JOIN payments p ON p.reference = o.reference
    WHERE o.status IN ('pending', 'unknown') AND (@counter IS NULL OR p.counter_id = @counter)
    ORDER BY o.created_at`,
  /** Money reserved and not captured, whenever it was approved: payments_by_status. */
  openReservations: `
    SELECT reference, status, authorized - captured - cancelled AS amount, currency, created_at AS since
    FROM payments
    WHERE status IN ('RESERVED', 'DECISION_NEEDED') AND (@counter IS NULL OR counter_id = @counter)
      AND golive IS NULL
    ORDER BY created_at`,
} as const;
