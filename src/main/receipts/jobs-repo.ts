/**
 * The receipt_jobs table (migration 0150) and the sale's `receipt` column, through the journal's
 * own connection (journal.connection): one connection to the file, opened and closed by the journal.
 */
import type { ErrorCode, OrderLine, SaleStatus } from '../../preload/contract';
import type { Journal } from '../journal';

export type ReceiptJobStatus = 'pending' | 'sent' | 'failed';

export interface ReceiptJob {
  reference: string;
  counterId: string;
  receiptNumber: number;
  /**
   * The exact JSON sent on every attempt. Null when the lines could not be made into a receipt
   * (failed), and once the receipt is sent (Vipps holds it; the journal need not).
   */
  body: string | null;
  status: ReceiptJobStatus;
  attempts: number;
  nextAttemptAt: string | null;
  inFlight: boolean;
  maybeApplied: boolean;
  lastError: { code: ErrorCode; message: string } | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** The columns of a sale a receipt is made from. */
export interface SaleForReceipt {
  reference: string;
  counterId: string;
  status: SaleStatus;
  currency: 'NOK' | 'DKK' | 'EUR';
  description: string;
  lines: OrderLine[];
  /** The shop's VAT rate when the sale was made (null: made before the app knew rates). */
  vatRate: number | null;
  captured: number;
  /**
   * Another counter's sale, adopted here to act on it (payments/lookup.ts): its receipt is the
   * origin counter's (it knows the lines; Order Management takes one receipt per payment).
   */
  adopted: boolean;
  createdAt: string;
}

interface JobRow {
  reference: string;
  counter_id: string;
  receipt_number: number;
  body: string | null;
  status: ReceiptJobStatus;
  attempts: number;
  next_attempt_at: string | null;
  in_flight: number;
  maybe_applied: number;
  last_error_code: string | null;
  last_error_message: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

function toJob(r: JobRow): ReceiptJob {
  return {
    reference: r.reference,
    counterId: r.counter_id,
    receiptNumber: r.receipt_number,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    inFlight: r.in_flight === 1,
    maybeApplied: r.maybe_applied === 1,
    lastError: r.last_error_code
      ? { code: r.last_error_code as ErrorCode, message: r.last_error_message ?? '' }
      : null,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
  };
}

export interface ReceiptJobsRepo {
  get(reference: string): ReceiptJob | undefined;
  sale(reference: string): SaleForReceipt | undefined;
  nextReceiptNumber(counterId: string): number;
  insert(job: ReceiptJob): void;
  save(job: ReceiptJob): void;
  /** Pending jobs in the order they are due. */
  pending(): ReceiptJob[];
  /** Completed sales newer than `since` that have no job yet (a crash between completion and enqueue). */
  completedWithoutJob(since: string): string[];
  setSaleReceipt(reference: string, receipt: 'pending' | 'sent' | 'failed', at: string): void;
  transaction<T>(fn: () => T): T;
}

/** The repo on the journal's connection; the journal's owner closes it, not this repo. */
export function receiptJobsRepo(journal: Journal): ReceiptJobsRepo {
  const db = journal.connection;
  const columns = `reference, counter_id, receipt_number, body, status, attempts, next_attempt_at, in_flight,
    maybe_applied, last_error_code, last_error_message, note, created_at, updated_at, sent_at`;
  const params = `@reference, @counter_id, @receipt_number, @body, @status, @attempts, @next_attempt_at, @in_flight,
    @maybe_applied, @last_error_code, @last_error_message, @note, @created_at, @updated_at, @sent_at`;
  const get = db.prepare(`SELECT ${columns} FROM receipt_jobs WHERE reference = ?`);
  const insert = db.prepare(`INSERT INTO receipt_jobs (${columns}) VALUES (${params})`);
  const save = db.prepare(`INSERT OR REPLACE INTO receipt_jobs (${columns}) VALUES (${params})`);
  const pending = db.prepare(
    `SELECT ${columns} FROM receipt_jobs WHERE status = 'pending' ORDER BY next_attempt_at, created_at`,
  );
  const next = db.prepare(
    'SELECT coalesce(max(receipt_number), 0) + 1 AS n FROM receipt_jobs WHERE counter_id = ?',
  );
  const sale = db.prepare(
    `SELECT reference, counter_id, status, currency, description, lines, vat_rate, captured, created_at,
       origin IS NOT NULL AS adopted
     FROM payments WHERE reference = ?`,
  );
  const orphans = db.prepare(
    `SELECT p.reference FROM payments p
     WHERE p.status = 'COMPLETED' AND p.receipt = 'none' AND p.updated_at >= ? AND p.origin IS NULL
       AND NOT EXISTS (SELECT 1 FROM receipt_jobs j WHERE j.reference = p.reference)
     ORDER BY p.updated_at`,
  );
  const setReceipt = db.prepare('UPDATE payments SET receipt = ?, updated_at = ? WHERE reference = ?');

  const row = (job: ReceiptJob): JobRow => ({
    reference: job.reference,
    counter_id: job.counterId,
    receipt_number: job.receiptNumber,
    body: job.body,
    status: job.status,
    attempts: job.attempts,
    next_attempt_at: job.nextAttemptAt,
    in_flight: job.inFlight ? 1 : 0,
    maybe_applied: job.maybeApplied ? 1 : 0,
    last_error_code: job.lastError?.code ?? null,
    last_error_message: job.lastError?.message ?? null,
    note: job.note,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    sent_at: job.sentAt,
  });

  return {
    get: (reference) => {
      const r = get.get(reference) as JobRow | undefined;
      return r ? toJob(r) : undefined;
    },
    sale: (reference) => {
      const r = sale.get(reference) as
        | {
            reference: string;
            counter_id: string;
            status: SaleStatus;
            currency: SaleForReceipt['currency'];
            description: string;
            lines: string;
            vat_rate: number | null;
            captured: number;
            created_at: string;
            adopted: number;
          }
        | undefined;
      if (!r) return undefined;
      return {
        reference: r.reference,
        counterId: r.counter_id,
        status: r.status,
        currency: r.currency,
        description: r.description,
        lines: JSON.parse(r.lines) as OrderLine[],
        vatRate: r.vat_rate,
        captured: r.captured,
        adopted: r.adopted === 1,
        createdAt: r.created_at,
      };
    },
    nextReceiptNumber: (counterId) => (next.get(counterId) as { n: number }).n,
    insert: (job) => insert.run(row(job)),
    save: (job) => save.run(row(job)),
    pending: () => (pending.all() as JobRow[]).map(toJob),
    completedWithoutJob: (since) =>
      (orphans.all(since) as Array<{ reference: string }>).map((r) => r.reference),
    setSaleReceipt: (reference, receipt, at) => setReceipt.run(receipt, at, reference),
    transaction: (fn) => journal.transaction(fn),
  };
}
