/**
 * A year of counter traffic, generated straight into a journal through its own repositories (the
 * rows a real sale leaves: the payment, its create/capture/cancel/refund intents, Vipps' event log,
 * the audit trail, the receipt job of each completed sale), in time order as the app appends them.
 * The schema and indexes are the real migrations' (the file is opened with openJournal); only the
 * generating connection is tuned for bulk writes (see bulkWrites).
 */
import { randomUUID } from 'node:crypto';
import type { Journal, OperationRow, PaymentRow, VippsEventRow } from '../../src/main/journal';
import { makeReference } from '../../src/main/payments/reference';
import type { ReceiptJob, ReceiptJobsRepo } from '../../src/main/receipts/jobs-repo';
import type { Currency, SaleStatus } from '../../src/preload/contract';

export const DAYS = 365;
const COUNTERS = ['lane1', 'lane2', 'lane3', 'lane4', 'lane5'];

/** Outcome mix of a normal shop: most sales complete, a few are declined, cancelled or refunded. */
function pickOutcome(r: number): { status: SaleStatus; refund: boolean } {
  if (r < 0.03) return { status: 'COMPLETED', refund: true };
  if (r < 0.86) return { status: 'COMPLETED', refund: false };
  if (r < 0.91) return { status: 'CANCELLED', refund: false };
  if (r < 0.95) return { status: 'REJECTED', refund: false };
  if (r < 0.98) return { status: 'EXPIRED', refund: false };
  if (r < 0.99) return { status: 'RELEASED', refund: false };
  return { status: 'FAILED', refund: false };
}

function operation(
  reference: string,
  kind: OperationRow['kind'],
  amount: number | null,
  at: string,
): OperationRow {
  return {
    id: randomUUID(),
    reference,
    kind,
    idempotencyKey: randomUUID(),
    amount,
    requestId: kind === 'refund' ? `rf-${randomUUID().slice(0, 18)}` : null,
    requestBody: kind === 'create' ? null : JSON.stringify({ amount }),
    status: 'succeeded',
    attempts: 1,
    reason: kind === 'refund' ? 'Returned goods' : null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
  };
}

export interface Generated {
  count: number;
  /** Every 97th reference, for lookups. */
  sample: string[];
  firstDay: Date;
}

/** Sales per transaction: few commits, and each one's dirty pages still fit the cache below. */
const BATCH = 50_000;

/**
 * Bench data, not money: the generating connection skips the fsyncs (a crash means generating
 * again) and gets a cache that holds the indexes keyed by random UUIDs (operation ids, idempotency
 * keys, as the engine makes them), which otherwise re-read a page for nearly every sale once the
 * file outgrows SQLite's default 2 MB cache — the 1 M journal then took over 30 min on a loaded
 * machine. The rows, tables and indexes are untouched. The app's own settings come back when the
 * generation ends (and on every openJournal).
 */
function bulkWrites<T>(journal: Journal, fn: () => T): T {
  const pragma = (sql: string) => journal.connection.prepare(`PRAGMA ${sql}`).run();
  pragma('synchronous = OFF');
  pragma('cache_size = -1048576');
  // Every row is made with its sale in the same transaction; checking each reference again buys nothing.
  pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    pragma('foreign_keys = ON');
    pragma('cache_size = -2000');
    pragma('synchronous = FULL');
  }
}

export function generatePayments(
  journal: Journal,
  receipts: ReceiptJobsRepo,
  count: number,
  end: Date,
  onProgress?: (n: number) => void,
): Generated {
  return bulkWrites(journal, () => generate(journal, receipts, count, end, onProgress));
}

function generate(
  journal: Journal,
  receipts: ReceiptJobsRepo,
  count: number,
  end: Date,
  onProgress?: (n: number) => void,
): Generated {
  const perDay = count / DAYS;
  const firstDay = new Date(end.getFullYear(), end.getMonth(), end.getDate() - DAYS);
  const sample: string[] = [];
  const seen = new Set<string>();
  let made = 0;
  const receiptNumbers = new Map<string, number>();
  while (made < count) {
    const jobs: ReceiptJob[] = [];
    journal.transaction(() => {
      for (let i = 0; i < BATCH && made < count; i++, made++) {
        // Opening hours 08–20 local time, spread evenly over the year, in append order.
        const day = Math.floor(made / perDay);
        const inDay = (made % perDay) / perDay;
        const created = new Date(
          firstDay.getFullYear(),
          firstDay.getMonth(),
          firstDay.getDate() + day,
          8,
          0,
          0,
        );
        created.setTime(created.getTime() + inDay * 12 * 3600_000);
        const counterId = COUNTERS[made % COUNTERS.length]!;
        let reference = makeReference(counterId, created);
        while (seen.has(reference)) reference = makeReference(counterId, created);
        seen.add(reference);
        if (made % 97 === 0) sample.push(reference);
        const sale = insertSale(journal, reference, counterId, created, made);
        if (sale.status === 'COMPLETED') {
          const receiptNumber = (receiptNumbers.get(counterId) ?? 0) + 1;
          receiptNumbers.set(counterId, receiptNumber);
          jobs.push(receiptJob(sale, receiptNumber));
        }
      }
    });
    // The receipt queue has its own connection; its writes follow the engine's, as in the app.
    receipts.transaction(() => {
      for (const job of jobs) receipts.insert(job);
    });
    onProgress?.(made);
  }
  return { count, sample, firstDay };
}

/** A sent receipt's job as the queue leaves it: Vipps holds the receipt, so no body is kept. */
function receiptJob(sale: PaymentRow, receiptNumber: number): ReceiptJob {
  return {
    reference: sale.reference,
    counterId: sale.counterId,
    receiptNumber,
    body: null,
    status: 'sent',
    attempts: 1,
    nextAttemptAt: null,
    inFlight: false,
    maybeApplied: false,
    lastError: null,
    note: null,
    createdAt: sale.updatedAt,
    updatedAt: sale.updatedAt,
    sentAt: sale.updatedAt,
  };
}

function insertSale(
  journal: Journal,
  reference: string,
  counterId: string,
  created: Date,
  n: number,
): PaymentRow {
  const { status, refund } = pickOutcome(((n * 7919) % 1000) / 1000);
  const currency: Currency = n % 50 === 0 ? 'EUR' : n % 20 === 0 ? 'DKK' : 'NOK';
  const amount = 500 + ((n * 104_729) % 200_000);
  const qr = n % 5 < 3;
  const at = created.toISOString();
  const later = new Date(created.getTime() + 20_000).toISOString();
  const authorized = status === 'COMPLETED' || status === 'RELEASED' ? amount : 0;
  const captured = status === 'COMPLETED' ? amount : 0;
  const refunded = refund ? Math.ceil(amount / 2) : 0;
  const cancelled = status === 'RELEASED' || status === 'CANCELLED' ? amount : 0;
  const vippsState: PaymentRow['vippsState'] =
    status === 'COMPLETED' || status === 'RELEASED'
      ? 'AUTHORIZED'
      : status === 'CANCELLED'
        ? 'TERMINATED'
        : status === 'REJECTED'
          ? 'ABORTED'
          : status === 'EXPIRED'
            ? 'EXPIRED'
            : null;
  const row: PaymentRow = {
    reference,
    counterId,
    amount,
    currency,
    flow: qr ? 'QR' : 'PUSH_PHONE',
    description: `Counter ${counterId}`,
    phoneMasked: qr ? null : '•••• 4567',
    phoneLast4: qr ? null : String(1000 + (n % 9000)),
    lines: [],
    vatRate: 2500,
    status,
    vippsState,
    pspReference: vippsState ? String(8_000_000_000 + n) : null,
    aggregate: { authorized, captured, refunded, cancelled },
    qr: qr
      ? {
          kind: 'url',
          value: `https://qr.vipps.no/generate/qr.png?uri=https%3A%2F%2Fapi.vipps.no%2Fdwo-api-application%2Fv1%2Fdeeplink%2Fvippsgateway%3Fv%3D2%26t%3D${reference}`,
        }
      : null,
    expiresAt: new Date(created.getTime() + 600_000).toISOString(),
    attention: null,
    receipt: status === 'COMPLETED' ? 'sent' : 'none',
    cancelRequested: status === 'CANCELLED',
    givenUp: false,
    dismissed: true,
    origin: null,
    goLive: null,
    createdAt: at,
    updatedAt: later,
  };
  journal.payments.insert(row);
  journal.operations.insert({
    ...operation(reference, 'create', amount, at),
    status: status === 'FAILED' ? 'failed' : 'succeeded',
  });
  journal.audit.append({
    at,
    actor: 'cashier',
    action: 'start',
    reference,
    amount,
    details: { flow: row.flow, counterId },
  });
  if (status === 'FAILED') return row;
  const events: VippsEventRow[] = [
    {
      reference,
      name: 'CREATED',
      amount,
      currency,
      timestamp: at,
      success: true,
      idempotencyKey: null,
      pspReference: row.pspReference!,
    },
  ];
  const add = (name: VippsEventRow['name'], value: number, key: string | null) =>
    events.push({
      reference,
      name,
      amount: value,
      currency,
      timestamp: later,
      success: true,
      idempotencyKey: key,
      pspReference: row.pspReference!,
    });
  if (authorized) add('AUTHORIZED', amount, null);
  if (status === 'REJECTED') add('ABORTED', amount, null);
  if (status === 'EXPIRED') add('EXPIRED', amount, null);
  if (captured) {
    const op = operation(reference, 'capture', amount, later);
    journal.operations.insert(op);
    journal.audit.append({
      at: later,
      actor: 'engine',
      action: 'auto-capture',
      reference,
      amount,
      details: {},
    });
    add('CAPTURED', amount, op.idempotencyKey);
  }
  if (cancelled) {
    const op = operation(reference, 'cancel', status === 'RELEASED' ? amount : null, later);
    journal.operations.insert(op);
    journal.audit.append({
      at: later,
      actor: 'cashier',
      action: status === 'RELEASED' ? 'release' : 'cancel',
      reference,
      amount: null,
      details: {},
    });
    add(status === 'RELEASED' ? 'CANCELLED' : 'TERMINATED', amount, op.idempotencyKey);
  }
  if (refunded) {
    const op = operation(reference, 'refund', refunded, later);
    journal.operations.insert(op);
    journal.audit.append({
      at: later,
      actor: 'cashier',
      action: 'refund',
      reference,
      amount: refunded,
      details: {},
    });
    add('REFUNDED', refunded, op.idempotencyKey);
  }
  journal.events.store(events, later);
  return row;
}
