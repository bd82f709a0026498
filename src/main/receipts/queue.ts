/**
 * The receipt queue: after a sale completes, its receipt goes to Vipps' payment history through
 * Order Management, as a job tracked in the journal.
 *
 * - A job is made once per completed sale (enqueue is idempotent), with a receipt number per
 *   counter and the body built then; every attempt sends exactly that body.
 * - Attempts are retried with exponential backoff, across restarts: `start()` resumes pending jobs
 *   and makes the jobs a crash may have missed.
 * - Order Management has no Idempotency-Key; a receipt can be posted once. A 409 is therefore
 *   "there is a receipt": ours when an earlier attempt may have reached Vipps, otherwise one that
 *   was there before (e.g. sent with the payment). Either way the receipt exists: the job is sent,
 *   and the note says which.
 */
import type { ErrorCode, PaymentView } from '../../preload/contract';
import { isPosFailure, PosFailure } from '../errors';
import type { Journal } from '../journal';
import { type Logger, silentLogger } from '../log';
import { paymentView } from '../payments/views';
import { isVippsError } from '../vipps/errors';
import type { Receipt, VippsClient } from '../vipps/types';
import { buildReceipt, receiptSource, summaryReceipt } from './build';
import { type ReceiptJob, receiptJobsRepo } from './jobs-repo';
import { RECEIPT_NOTES } from './notes';
import { type ReceiptView, receiptView } from './view';

export interface ReceiptBackoff {
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the job is marked failed; staff can retry it. */
  maxAttempts: number;
}

export const DEFAULT_RECEIPT_BACKOFF: ReceiptBackoff = {
  baseDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 20,
};

export interface ReceiptQueueOptions {
  journal: Journal;
  vipps: VippsClient;
  now?: () => Date;
  backoff?: Partial<ReceiptBackoff>;
  logger?: Logger;
  /** The sale changed (its receipt status): pushed to the windows like any payment change. */
  onPayment?: (view: PaymentView) => void;
  /** Completed sales older than this are not picked up at start (default 2 days). */
  catchUpMs?: number;
}

export interface ReceiptQueue {
  /** Resumes pending jobs and picks up completed sales that have none. */
  start(): void;
  /** Makes the job for a completed sale (no-op when it exists or the sale is not completed). */
  enqueue(reference: string): void;
  view(reference: string): ReceiptView;
  /** Staff: try a failed receipt again now (lines that cannot be sent become one summary line). */
  retry(reference: string): ReceiptView;
  /** Resolves when no attempt is running (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Errors after which the same body may succeed later. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set([
  'NETWORK',
  'TIMEOUT',
  'UPSTREAM',
  'RATE_LIMITED',
  'OUTCOME_UNKNOWN',
  'AUTH',
  'NOT_FOUND',
  'NOT_CONFIGURED',
  'INTERNAL',
]);

export function createReceiptQueue(options: ReceiptQueueOptions): ReceiptQueue {
  const repo = receiptJobsRepo(options.journal);
  const now = options.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const backoff = { ...DEFAULT_RECEIPT_BACKOFF, ...options.backoff };
  const log = (options.logger ?? silentLogger).child('receipts');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  function announce(reference: string): void {
    const row = options.journal.payments.get(reference);
    if (row && options.onPayment) options.onPayment(paymentView(row));
  }

  function write(job: ReceiptJob, saleReceipt?: 'pending' | 'sent' | 'failed'): void {
    repo.transaction(() => {
      repo.save(job);
      if (saleReceipt) repo.setSaleReceipt(job.reference, saleReceipt, job.updatedAt);
    });
    if (saleReceipt) announce(job.reference);
  }

  function enqueue(reference: string): void {
    if (closed) return;
    const made = repo.transaction(() => {
      if (repo.get(reference)) return false;
      const sale = repo.sale(reference);
      if (sale?.status !== 'COMPLETED' || sale.captured <= 0 || sale.adopted) return false;
      const at = iso();
      const receiptNumber = repo.nextReceiptNumber(sale.counterId);
      const built = buildReceipt(receiptSource(sale, receiptNumber));
      const job: ReceiptJob = {
        reference,
        counterId: sale.counterId,
        receiptNumber,
        body: built.ok ? JSON.stringify(built.receipt) : null,
        status: built.ok ? 'pending' : 'failed',
        attempts: 0,
        nextAttemptAt: built.ok ? at : null,
        inFlight: false,
        maybeApplied: false,
        lastError: built.ok ? null : { code: 'VALIDATION', message: `Not sent: ${built.problems.join(' ')}` },
        note: built.ok ? built.note : null,
        createdAt: at,
        updatedAt: at,
        sentAt: null,
      };
      repo.insert(job);
      repo.setSaleReceipt(reference, job.status === 'failed' ? 'failed' : 'pending', at);
      return true;
    });
    if (!made) return;
    log.info('receipt queued', { reference });
    announce(reference);
    pump();
  }

  function delayAfter(attempts: number): number {
    return Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  }

  async function attempt(job: ReceiptJob): Promise<void> {
    const started: ReceiptJob = { ...job, attempts: job.attempts + 1, inFlight: true, updatedAt: iso() };
    write(started);
    try {
      await options.vipps.addReceipt(job.reference, JSON.parse(job.body ?? 'null') as Receipt);
      write(sent(started, started.note), 'sent');
      log.info('receipt sent', { reference: job.reference, attempts: started.attempts });
    } catch (error) {
      settleFailure(started, error);
    }
  }

  /**
   * Vipps has the receipt: the body (~300 bytes a sale, kept for the years the journal is) has
   * nothing left to do and is dropped. Only here — a pending or failed job keeps it, so a retry
   * after a lost answer sends the same receipt. Staff and the support bundle need the rest.
   */
  function sent(job: ReceiptJob, note: string | null): ReceiptJob {
    const at = iso();
    return {
      ...job,
      body: null,
      status: 'sent',
      inFlight: false,
      nextAttemptAt: null,
      lastError: null,
      note,
      updatedAt: at,
      sentAt: at,
    };
  }

  function settleFailure(job: ReceiptJob, error: unknown): void {
    const failure = isPosFailure(error)
      ? error
      : new PosFailure('INTERNAL', 'Sending the receipt failed unexpectedly; see the log.');
    if (!isPosFailure(error)) log.error('receipt attempt threw', { reference: job.reference, error });
    const status = isVippsError(error) ? error.status : undefined;
    const maybeApplied = job.maybeApplied || (isVippsError(error) && error.outcomeUnknown);
    if (failure.code === 'CONFLICT' && status === 409) {
      const note = RECEIPT_NOTES[job.maybeApplied ? 'already-ours' : 'already-there'];
      write(sent(job, [job.note, note].filter(Boolean).join(' ')), 'sent');
      log.info('receipt already at Vipps', { reference: job.reference, ours: job.maybeApplied });
      return;
    }
    const lastError = { code: failure.code, message: failure.message };
    const transient = TRANSIENT.has(failure.code) || (isVippsError(error) && error.outcomeUnknown);
    if (!transient || job.attempts >= backoff.maxAttempts) {
      write(
        {
          ...job,
          status: 'failed',
          inFlight: false,
          maybeApplied,
          nextAttemptAt: null,
          lastError,
          updatedAt: iso(),
        },
        'failed',
      );
      log.warn('receipt not sent', { reference: job.reference, code: failure.code, attempts: job.attempts });
      return;
    }
    const next = new Date(now().getTime() + delayAfter(job.attempts)).toISOString();
    write({ ...job, inFlight: false, maybeApplied, nextAttemptAt: next, lastError, updatedAt: iso() });
    log.warn('receipt attempt failed; will retry', { reference: job.reference, code: failure.code, next });
  }

  /** One attempt at a time, oldest due first; then sleep until the next job is due. */
  function pump(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = (async () => {
      do {
        again = false;
        for (;;) {
          if (closed) return;
          const due = repo.pending().find((j) => j.body !== null && (j.nextAttemptAt ?? '') <= iso());
          if (!due) break;
          await attempt(due);
        }
      } while (again);
    })()
      .catch((error) => log.error('receipt queue stopped unexpectedly', { error }))
      .finally(() => {
        running = null;
        schedule();
      });
  }

  function schedule(): void {
    if (closed) return;
    const next = repo.pending().find((j) => j.body !== null && j.nextAttemptAt);
    if (!next?.nextAttemptAt) return;
    const wait = Math.max(0, new Date(next.nextAttemptAt).getTime() - now().getTime());
    timer = setTimeout(() => {
      timer = null;
      pump();
    }, wait);
    timer.unref?.();
  }

  return {
    start() {
      // An attempt that was on the wire when the app stopped may have reached Vipps.
      for (const job of repo.pending().filter((j) => j.inFlight)) {
        write({ ...job, inFlight: false, maybeApplied: true, updatedAt: iso() });
      }
      const since = new Date(now().getTime() - (options.catchUpMs ?? 2 * 24 * 3_600_000)).toISOString();
      for (const reference of repo.completedWithoutJob(since)) enqueue(reference);
      pump();
    },
    enqueue,
    view(reference) {
      return receiptView(
        reference,
        repo.get(reference),
        options.journal.payments.get(reference)?.receipt ?? 'none',
      );
    },
    retry(reference) {
      const job = repo.get(reference);
      if (!job)
        throw new PosFailure('NOT_FOUND', 'This sale has no receipt to send.', { details: { reference } });
      if (job.status !== 'failed') {
        throw new PosFailure('INVALID_STATE', 'Only a receipt that could not be sent can be retried.', {
          details: { reference },
        });
      }
      const sale = repo.sale(reference);
      // Lines that cannot be sent as they are go as one line with the amount and the description.
      const body =
        job.body ?? (sale ? JSON.stringify(summaryReceipt(receiptSource(sale, job.receiptNumber))) : null);
      const note = job.body === null ? RECEIPT_NOTES['one-line'] : job.note;
      write(
        { ...job, body, note, status: 'pending', attempts: 0, nextAttemptAt: iso(), updatedAt: iso() },
        'pending',
      );
      pump();
      return this.view(reference);
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      // The journal's connection stays open: the journal's owner closes it after us.
      while (running) await running;
    },
  };
}
