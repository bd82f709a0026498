import type Database from 'better-sqlite3';
import type { Currency, OperationKind } from '../../preload/contract';

export interface MovementTotal {
  currency: Currency;
  kind: Extract<OperationKind, 'capture' | 'refund' | 'cancel'>;
  count: number;
  amount: number;
}

export interface ReportsRepo {
  /** Succeeded money operations settled in [from, to), per currency and kind; go-live tests left out. */
  movements(from: string, to: string): MovementTotal[];
}

export function reportsRepo(db: Database.Database): ReportsRepo {
  // Prepared on first use: a journal opened at an older schema (migration tests) has no golive column.
  let movements: Database.Statement | undefined;
  const prepare = () =>
    db.prepare(`
    SELECT p.currency AS currency, o.kind AS kind, count(*) AS count, coalesce(sum(o.amount), 0) AS amount
    FROM operations o JOIN payments p ON p.reference = o.reference
    WHERE o.status = 'succeeded' AND o.kind IN ('capture', 'refund', 'cancel')
      AND o.updated_at >= ? AND o.updated_at < ? AND p.golive IS NULL
    GROUP BY p.currency, o.kind
    ORDER BY p.currency, o.kind`);
  return {
    movements: (from, to) => {
      movements ??= prepare();
      return movements.all(from, to) as MovementTotal[];
    },
  };
}
