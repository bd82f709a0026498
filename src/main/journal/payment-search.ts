import type Database from 'better-sqlite3';
import { REFUND_STATES, type RefundState, type ShownStatus } from '../../preload/contract';
import type { PaymentQuery } from './payments-repo';

/**
 * How far a reference-fragment or amount search looks back when no dates are given: the newest
 * 20,000 sales (about a month for a busy five-lane shop). A "contains" match cannot use an index,
 * so without a bound it reads every sale ever made (half a second at a million). Whole references
 * are found at any age by their key, and staff pick dates to search fragments further back.
 */
export const FRAGMENT_SCAN_ROWS = 20_000;

/** A reference prefix that names its counter and day (`lane1-20261125…`): found at any age by key. */
const REFERENCE_PREFIX = /^[A-Za-z0-9]{1,20}-\d{8}/;

type Params = Record<string, string | number>;

interface Shape {
  sql: string;
  params: Params;
}

/** The filters actually given, as fixed SQL fragments with bound parameters (never the values). */
function filters(q: PaymentQuery): Shape {
  const where: string[] = [];
  const params: Params = {};
  if (q.status !== null) {
    where.push(...statusFilter(q.status));
    if (!isRefundState(q.status)) params.status = q.status;
  }
  if (q.from !== null) {
    where.push('created_at >= @from');
    params.from = q.from;
  }
  if (q.to !== null) {
    where.push('created_at < @to');
    params.to = q.to;
  }
  if (q.phoneLast4 !== null) {
    where.push('phone_last4 = @phone');
    params.phone = q.phoneLast4;
  }
  if (q.after !== null) {
    // A row value walks payments_by_created from the cursor on, where an OR of two terms would not.
    where.push('(created_at, reference) < (@afterAt, @afterRef)');
    params.afterAt = q.after.createdAt;
    params.afterRef = q.after.reference;
  }
  return { sql: where.join(' AND '), params };
}

function isRefundState(status: ShownStatus): status is RefundState {
  return (REFUND_STATES as readonly string[]).includes(status);
}

/**
 * A shown status as WHERE terms (see shownStatus in payments/status.ts). Refunded sales are found
 * through the partial index payments_refunded (`refunded > 0`, migration 0170): refunds are a small
 * share of sales, so a page of them never walks the paid ones.
 */
function statusFilter(status: ShownStatus): string[] {
  // `+status` keeps the planner off payments_by_status, which would walk every completed sale.
  if (status === 'REFUNDED') return ["+status = 'COMPLETED'", 'refunded > 0', 'refunded >= captured'];
  if (status === 'PARTLY_REFUNDED') return ["+status = 'COMPLETED'", 'refunded > 0', 'refunded < captured'];
  if (status === 'COMPLETED') return ['status = @status', 'refunded = 0'];
  return ['status = @status'];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The first string after every string that starts with `prefix` (for a key range). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export interface PaymentSearch {
  /** Raw rows, newest first, at most `q.limit + 1` (the extra one says there is a next page). */
  run(q: PaymentQuery): unknown[];
  /** The statements a query runs, for EXPLAIN QUERY PLAN in tests. */
  plan(q: PaymentQuery): Shape[];
}

/**
 * History search with the WHERE built from the given filters only: `(@x IS NULL OR …)` for every
 * filter keeps SQLite from choosing an index for any of them. Each distinct shape is prepared once.
 */
export function paymentSearch(db: Database.Database): PaymentSearch {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) {
      s = db.prepare(sql);
      prepared.set(sql, s);
    }
    return s;
  };
  const windowStart = db
    .prepare('SELECT created_at FROM payments ORDER BY created_at DESC, reference DESC LIMIT 1 OFFSET ?')
    .pluck();
  const windowStartBefore = db
    .prepare(
      'SELECT created_at FROM payments WHERE created_at < ? ORDER BY created_at DESC, reference DESC LIMIT 1 OFFSET ?',
    )
    .pluck();

  const page = (extra: string[], f: Shape, order = 'created_at DESC, reference DESC') => {
    const where = [...extra, f.sql].filter((w) => w !== '');
    return `SELECT * FROM payments${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
  };

  function shapes(q: PaymentQuery): { exact: Shape | null; rest: Shape[] } {
    const f = filters(q);
    f.params.limit = q.limit + 1;
    if (q.text === null) return { exact: null, rest: [{ sql: page([], f), params: f.params }] };
    const exact = {
      sql: page(['reference = @reference'], f),
      params: { ...f.params, reference: q.text },
    };
    const rest: Shape[] = [];
    if (REFERENCE_PREFIX.test(q.text)) {
      // `+created_at` keeps the planner on the key range (a few hundred rows of one counter-day)
      // instead of walking the whole history by date.
      rest.push({
        sql: page(['reference >= @lo', 'reference < @hi'], f, '+created_at DESC, reference DESC'),
        params: { ...f.params, lo: q.text, hi: prefixEnd(q.text) },
      });
    }
    const bounded: string[] = [];
    const params: Params = { ...f.params, like: `%${escapeLike(q.text)}%` };
    if (q.from === null) {
      // Walking newest first, a `from` date already ends the scan; otherwise the newest rows do.
      const start = (
        q.to === null
          ? windowStart.get(FRAGMENT_SCAN_ROWS - 1)
          : windowStartBefore.get(q.to, FRAGMENT_SCAN_ROWS - 1)
      ) as string | undefined;
      if (start !== undefined) {
        bounded.push('created_at >= @windowStart');
        params.windowStart = start;
      }
    }
    // An amount is a range (what was typed is the start of it), checked on the rows the bounded
    // walk on payments_by_created reads anyway: no row is loaded into JavaScript to compare it.
    const match =
      q.textAmount === null
        ? "reference LIKE @like ESCAPE '\\'"
        : "(reference LIKE @like ESCAPE '\\' OR amount BETWEEN @amountMin AND @amountMax)";
    if (q.textAmount !== null) {
      params.amountMin = q.textAmount.min;
      params.amountMax = q.textAmount.max;
    }
    rest.push({ sql: page([...bounded, match], f), params });
    return { exact, rest };
  }

  return {
    run(q) {
      const { exact, rest } = shapes(q);
      if (exact) {
        const hit = statement(exact.sql).all(exact.params);
        if (hit.length > 0) return hit;
      }
      if (rest.length === 1) return statement(rest[0]!.sql).all(rest[0]!.params);
      // Prefix and contains matches overlap; merge them in page order and keep one page and one more.
      const byReference = new Map<string, { reference: string; created_at: string }>();
      for (const s of rest) {
        for (const row of statement(s.sql).all(s.params) as Array<{
          reference: string;
          created_at: string;
        }>) {
          byReference.set(row.reference, row);
        }
      }
      return [...byReference.values()]
        .sort((a, b) =>
          a.created_at === b.created_at ? cmp(b.reference, a.reference) : cmp(b.created_at, a.created_at),
        )
        .slice(0, q.limit + 1);
    },
    plan(q) {
      const { exact, rest } = shapes(q);
      return exact ? [exact, ...rest] : rest;
    },
  };
}

/** SQLite's BINARY order for our ASCII references and ISO times (localeCompare would differ). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
