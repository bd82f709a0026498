import type Database from 'better-sqlite3';
import { FINAL_SALE_STATUSES, type SaleStatus, type ShownStatus } from '../../preload/contract';
import { paymentSearch } from './payment-search';
import type { PaymentRow } from './rows';

interface RawPayment {
  reference: string;
  counter_id: string;
  amount: number;
  currency: PaymentRow['currency'];
  flow: PaymentRow['flow'];
  description: string;
  phone_masked: string | null;
  phone_last4: string | null;
  lines: string;
  vat_rate: number | null;
  status: SaleStatus;
  vipps_state: PaymentRow['vippsState'];
  psp_reference: string | null;
  authorized: number;
  captured: number;
  refunded: number;
  cancelled: number;
  qr_kind: 'url' | 'image' | null;
  qr_value: string | null;
  expires_at: string | null;
  attention: PaymentRow['attention'];
  receipt: PaymentRow['receipt'];
  cancel_requested: number;
  given_up: number;
  dismissed: number;
  /** Absent in journals opened at a schema before 0185 (migration tests). */
  origin?: string | null;
  golive: PaymentRow['goLive'];
  created_at: string;
  updated_at: string;
}

function fromRaw(raw: RawPayment): PaymentRow {
  return {
    reference: raw.reference,
    counterId: raw.counter_id,
    amount: raw.amount,
    currency: raw.currency,
    flow: raw.flow,
    description: raw.description,
    phoneMasked: raw.phone_masked,
    phoneLast4: raw.phone_last4,
    lines: JSON.parse(raw.lines),
    vatRate: raw.vat_rate,
    status: raw.status,
    vippsState: raw.vipps_state,
    pspReference: raw.psp_reference,
    aggregate: {
      authorized: raw.authorized,
      captured: raw.captured,
      refunded: raw.refunded,
      cancelled: raw.cancelled,
    },
    qr: raw.qr_kind && raw.qr_value ? { kind: raw.qr_kind, value: raw.qr_value } : null,
    expiresAt: raw.expires_at,
    attention: raw.attention,
    receipt: raw.receipt,
    cancelRequested: raw.cancel_requested === 1,
    givenUp: raw.given_up === 1,
    dismissed: raw.dismissed === 1,
    origin: raw.origin ? JSON.parse(raw.origin) : null,
    goLive: raw.golive ?? null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

/** A sale as its column values (exported for tests that seed journals at an older schema). */
export function paymentParams(row: PaymentRow): RawPayment {
  // The QR is for the customer to scan while Vipps waits; a final sale has no use for its ~200-byte
  // link (the reference, amounts and Vipps' event log are what reconciliation reads).
  const qr = FINAL_SALE_STATUSES.includes(row.status) ? null : row.qr;
  return {
    reference: row.reference,
    counter_id: row.counterId,
    amount: row.amount,
    currency: row.currency,
    flow: row.flow,
    description: row.description,
    phone_masked: row.phoneMasked,
    phone_last4: row.phoneLast4,
    lines: JSON.stringify(row.lines),
    vat_rate: row.vatRate,
    status: row.status,
    vipps_state: row.vippsState,
    psp_reference: row.pspReference,
    authorized: row.aggregate.authorized,
    captured: row.aggregate.captured,
    refunded: row.aggregate.refunded,
    cancelled: row.aggregate.cancelled,
    qr_kind: qr?.kind ?? null,
    qr_value: qr?.value ?? null,
    expires_at: row.expiresAt,
    attention: row.attention,
    receipt: row.receipt,
    cancel_requested: row.cancelRequested ? 1 : 0,
    given_up: row.givenUp ? 1 : 0,
    dismissed: row.dismissed ? 1 : 0,
    origin: row.origin ? JSON.stringify(row.origin) : null,
    golive: row.goLive,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

const COLUMNS = [
  'reference',
  'counter_id',
  'amount',
  'currency',
  'flow',
  'description',
  'phone_masked',
  'phone_last4',
  'lines',
  'vat_rate',
  'status',
  'vipps_state',
  'psp_reference',
  'authorized',
  'captured',
  'refunded',
  'cancelled',
  'qr_kind',
  'qr_value',
  'expires_at',
  'attention',
  'receipt',
  'cancel_requested',
  'given_up',
  'dismissed',
  'origin',
  'golive',
  'created_at',
  'updated_at',
] as const;

/** A search already validated by the caller; every field is bound, never spliced into SQL. */
export interface PaymentQuery {
  /** Matched as a reference fragment. */
  text: string | null;
  /**
   * The text read as an amount, when it is one: the minor-unit range it stands for, both ends
   * included ("249" → 249.00–249.99, "249,5" → 249.50–249.59, "249,50" → 249.50 only).
   */
  textAmount: { min: number; max: number } | null;
  status: ShownStatus | null;
  /** ISO instants: from inclusive, to exclusive. */
  from: string | null;
  to: string | null;
  phoneLast4: string | null;
  limit: number;
  after: { createdAt: string; reference: string } | null;
}

export interface PaymentsRepo {
  insert(row: PaymentRow): void;
  get(reference: string): PaymentRow | undefined;
  /** Writes every mutable column; callers read, change and write without awaiting in between. */
  save(row: PaymentRow): void;
  activeForCounter(counterId: string): PaymentRow | undefined;
  /** Payments whose outcome Vipps may still change or we have not learned yet. */
  unfinished(finalStatuses: readonly SaleStatus[]): PaymentRow[];
  withAttention(): PaymentRow[];
  /**
   * History search, newest first. A whole reference is found by key at any age; reference
   * fragments and amounts look through the given dates, or the newest FRAGMENT_SCAN_ROWS sales.
   */
  search(query: PaymentQuery): { rows: PaymentRow[]; more: boolean };
  /** EXPLAIN QUERY PLAN of each statement `search` runs for this query (tests keep it indexed). */
  searchPlan(query: PaymentQuery): string[];
  count(): number;
}

function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

export function paymentsRepo(db: Database.Database): PaymentsRepo {
  // Prepared on first write: a journal opened at an older schema (migration tests) can still be read.
  const insert = lazy(() =>
    db.prepare(
      `INSERT INTO payments (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
  );
  const save = lazy(() =>
    db.prepare(
      `UPDATE payments SET ${COLUMNS.filter((c) => c !== 'reference' && c !== 'created_at')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE reference = @reference`,
    ),
  );
  const get = db.prepare('SELECT * FROM payments WHERE reference = ?');
  const active = db.prepare(
    'SELECT * FROM payments WHERE counter_id = ? AND dismissed = 0 ORDER BY created_at DESC, reference DESC LIMIT 1',
  );
  // `status NOT IN (…)` reads every sale ever made (about 200 ms at a million, at every start).
  // Stepping from one distinct status to the next on payments_by_status (a loose index scan) visits
  // a dozen index entries and then only the sales in a non-final status: the same rows, cheaply.
  const unfinished = db.prepare(`
    WITH RECURSIVE statuses (status) AS (
      SELECT min(status) FROM payments
      UNION ALL
      SELECT (SELECT min(status) FROM payments WHERE status > statuses.status)
      FROM statuses WHERE statuses.status IS NOT NULL
    )
    SELECT p.* FROM statuses s JOIN payments p ON p.status = s.status
    WHERE s.status NOT IN (SELECT value FROM json_each(?))
    ORDER BY p.created_at`);
  const attention = db.prepare(
    'SELECT * FROM payments WHERE attention IS NOT NULL ORDER BY created_at DESC, reference DESC',
  );
  const search = paymentSearch(db);
  const count = db.prepare('SELECT count(*) AS n FROM payments').pluck();

  return {
    insert: (row) => {
      insert().run(paymentParams(row));
    },
    get: (reference) => {
      const raw = get.get(reference) as RawPayment | undefined;
      return raw && fromRaw(raw);
    },
    save: (row) => {
      const result = save().run(paymentParams(row));
      if (result.changes !== 1) throw new Error(`payment ${row.reference} is not in the journal`);
    },
    activeForCounter: (counterId) => {
      const raw = active.get(counterId) as RawPayment | undefined;
      return raw && fromRaw(raw);
    },
    unfinished: (finalStatuses) =>
      (unfinished.all(JSON.stringify(finalStatuses)) as RawPayment[]).map(fromRaw),
    withAttention: () => (attention.all() as RawPayment[]).map(fromRaw),
    search: (q) => {
      const raws = search.run(q) as RawPayment[];
      return { rows: raws.slice(0, q.limit).map(fromRaw), more: raws.length > q.limit };
    },
    searchPlan: (q) =>
      search
        .plan(q)
        .map((s) =>
          (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as Array<{ detail: string }>)
            .map((r) => r.detail)
            .join('; '),
        ),
    count: () => count.get() as number,
  };
}
