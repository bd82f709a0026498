/**
 * The write-ahead protocol every money call follows:
 *   1. the intent (operation row, with its idempotency key) is committed to the journal;
 *   2. the request goes to Vipps with that key (the same key on every retry, also after a crash);
 *   3. the outcome (succeeded / failed / unknown) and Vipps' answer are committed together.
 * No transaction is open while the request is on the wire.
 */
import { randomUUID } from 'node:crypto';
import type { OperationKind } from '../../preload/contract';
import type { OperationRow, PaymentRow } from '../journal';
import type { CreatePaymentRequest, CreatePaymentResponse, ModificationResponse } from '../vipps/types';
import type { EngineContext } from './context';
import { type CallFailure, describeFailure, fail, operationError } from './failure';
import { applyRemote, journalWrite, loadPayment, updatePayment } from './store';

export interface IntentSpec {
  reference: string;
  kind: OperationKind;
  amount: number | null;
  /** What a re-send needs (every intent has one; a decided create drops it, see settleOperation). */
  requestBody: object;
  requestId?: string | null;
  reason?: string | null;
}

/**
 * One money call at a time per sale: a new intent waits until Vipps has decided the last one, so the
 * amounts it is checked against are final.
 */
export function assertNoOpenOperation(ctx: EngineContext, reference: string): void {
  const open = ctx.journal.operations
    .forReference(reference)
    .some((o) => o.status === 'pending' || o.status === 'unknown');
  if (open) {
    throw fail(
      'OPERATION_IN_PROGRESS',
      'Vipps has not confirmed the last operation on this sale yet.',
      reference,
    );
  }
}

export function newOperation(ctx: EngineContext, spec: IntentSpec): OperationRow {
  const at = ctx.iso();
  return {
    id: randomUUID(),
    reference: spec.reference,
    kind: spec.kind,
    idempotencyKey: randomUUID(),
    amount: spec.amount,
    requestId: spec.requestId ?? null,
    requestBody: JSON.stringify(spec.requestBody),
    status: 'pending',
    attempts: 0,
    reason: spec.reason ?? null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Step 1: commits the intent (and any change to the sale) before anything is sent. */
export function recordIntent(
  ctx: EngineContext,
  op: OperationRow,
  mutate?: (row: PaymentRow) => void,
): PaymentRow {
  return updatePayment(ctx, op.reference, mutate, () => ctx.journal.operations.insert(op));
}

export type Outcome =
  | { status: 'succeeded'; row: PaymentRow }
  | { status: 'failed' | 'unknown'; row: PaymentRow; failure: CallFailure };

type Answer =
  | { kind: 'create'; value: CreatePaymentResponse }
  | { kind: 'modify'; value: ModificationResponse };

async function dispatch(ctx: EngineContext, op: OperationRow, payment: PaymentRow): Promise<Answer> {
  const key = op.idempotencyKey;
  const amount = { value: op.amount ?? 0, currency: payment.currency };
  switch (op.kind) {
    case 'create': {
      if (!op.requestBody) throw new Error('create intent has no stored request to send');
      const body = JSON.parse(op.requestBody) as CreatePaymentRequest;
      return { kind: 'create', value: await ctx.vipps.createPayment(body, key) };
    }
    case 'capture':
      return { kind: 'modify', value: await ctx.vipps.capturePayment(op.reference, amount, key) };
    case 'refund':
      return { kind: 'modify', value: await ctx.vipps.refundPayment(op.reference, amount, key) };
    case 'cancel': {
      const options = op.requestBody
        ? (JSON.parse(op.requestBody) as { cancelTransactionOnly?: boolean })
        : {};
      return { kind: 'modify', value: await ctx.vipps.cancelPayment(op.reference, key, options) };
    }
    case 'receipt':
      throw new Error('receipt operations are not sent by the payment engine');
  }
}

function applyAnswer(row: PaymentRow, answer: Answer): void {
  if (answer.kind === 'modify') {
    applyRemote(row, answer.value);
    return;
  }
  // Nothing reads a sale at Vipps before its create is decided (the poller follows it only after).
  row.vippsState = 'CREATED';
  if (row.flow === 'QR' && answer.value.redirectUrl)
    row.qr = { kind: 'url', value: answer.value.redirectUrl };
}

/** The outcome of an operation, written with whatever Vipps told us about the payment. */
export function settleOperation(
  ctx: EngineContext,
  opId: string,
  status: 'succeeded' | 'failed' | 'unknown',
  options: { failure?: CallFailure; mutate?: (row: PaymentRow) => void } = {},
): PaymentRow {
  const op = ctx.journal.operations.get(opId);
  if (!op) throw new Error(`operation ${opId} is not in the journal`);
  // A decided create no longer needs its body, which may hold the customer's phone number.
  const keepBody = op.kind !== 'create' || status === 'unknown';
  return updatePayment(ctx, op.reference, options.mutate, () =>
    ctx.journal.operations.save({
      ...op,
      status,
      requestBody: keepBody ? op.requestBody : null,
      // Every failed or unknown outcome comes with its failure; a success clears the last error.
      lastError: options.failure ? operationError(options.failure) : null,
      updatedAt: ctx.iso(),
    }),
  );
}

/**
 * Steps 2 and 3 for an intent already in the journal. Used for the first send and for re-sends
 * after a lost answer or a crash: always the stored key and the stored request.
 */
export function send(
  ctx: EngineContext,
  opId: string,
  options: { conflictMeansUnknown?: boolean } = {},
): Promise<Outcome> {
  const running = sendOnce(ctx, opId, options);
  ctx.sending.add(running);
  return running.finally(() => ctx.sending.delete(running));
}

async function sendOnce(
  ctx: EngineContext,
  opId: string,
  options: { conflictMeansUnknown?: boolean },
): Promise<Outcome> {
  const stored = ctx.journal.operations.get(opId);
  if (!stored) throw new Error(`operation ${opId} is not in the journal`);
  const op: OperationRow = { ...stored, attempts: stored.attempts + 1, updatedAt: ctx.iso() };
  journalWrite(ctx, () => ctx.journal.operations.save(op));
  ctx.inFlight.add(op.id);
  try {
    await ctx.hooks.beforeSend?.(op);
    let answer: Answer;
    try {
      answer = await dispatch(ctx, op, loadPayment(ctx, op.reference));
    } catch (error) {
      const failure = describeFailure(error);
      // A 429 on a re-send says nothing about the earlier request whose outcome we do not know.
      const unknown =
        failure.outcomeUnknown ||
        (options.conflictMeansUnknown === true && failure.code === 'CONFLICT') ||
        (stored.status === 'unknown' && failure.code === 'RATE_LIMITED');
      ctx.log.warn('operation not confirmed', {
        reference: op.reference,
        kind: op.kind,
        code: failure.code,
        vippsErrorCode: failure.vippsErrorCode,
        unknown,
      });
      const row = settleOperation(ctx, op.id, unknown ? 'unknown' : 'failed', { failure });
      if (unknown) ctx.reconcileLater(op.reference);
      return { status: unknown ? 'unknown' : 'failed', row, failure };
    }
    await ctx.hooks.afterSend?.(op);
    const row = settleOperation(ctx, op.id, 'succeeded', { mutate: (r) => applyAnswer(r, answer) });
    if (op.kind === 'create') ctx.watch(op.reference);
    return { status: 'succeeded', row };
  } finally {
    ctx.inFlight.delete(op.id);
  }
}
