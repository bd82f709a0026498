/**
 * Any reference, any counter (issue 13). Each counter journals only its own sales, but Vipps holds
 * every sale of the merchant: a whole reference this journal does not know is looked up there
 * (read only, nothing journaled) and shown as another counter's sale. Acting on it — refund,
 * capture, release — first adopts it: the sale row goes into this journal, marked with where it
 * came from, and from then on the action runs exactly as for our own sales (intent with its
 * Idempotency-Key committed before the call, recovery, audit).
 *
 * Reads go through the one Vipps client, so lookups and adoptions count against the same
 * per-reference window as everything else (get payment and the event log: 120 a minute).
 */
import {
  type LookupResult,
  ORIGIN_METADATA,
  type PaymentDetail,
  type PaymentFlow,
  type SaleOrigin,
} from '../../preload/contract';
import type { PaymentRow } from '../journal';
import type { GetPaymentResponse, PaymentEvent } from '../vipps/types';
import type { EngineContext } from './context';
import { eventRow, storeEvents } from './event-log';
import { describeFailure, fail, isNotFound, withReference } from './failure';
import { newPaymentRow } from './new-row';
import { REFERENCE_PATTERN } from './reference';
import { deriveStatus } from './status';
import { applyRemote, journalWrite, updatePayment } from './store';
import { eventView, paymentView } from './views';

/** Vipps' current reference rule (8–64); ours are shorter, another system's may not be. */
const EXISTING_REFERENCE = /^[A-Za-z0-9-]{8,64}$/;
const FLOWS: readonly PaymentFlow[] = ['PUSH_PHONE', 'QR', 'PERSONAL_QR'];
/** In audit entries for an adopted sale whose origin Vipps does not name. */
export const UNKNOWN_COUNTER = 'unknown';
/** The journal's flow column needs one of its values; the view marks it unknown (origin.flow null). */
const PLACEHOLDER_FLOW: PaymentFlow = 'PUSH_PHONE';

function checkExistingReference(reference: unknown): string {
  if (typeof reference !== 'string' || !EXISTING_REFERENCE.test(reference)) {
    throw fail('VALIDATION', 'That is not a payment reference.', undefined, 'reference');
  }
  return reference;
}

/** The payment at Vipps, or null when Vipps has no payment with this reference (404). */
async function readRemote(ctx: EngineContext, reference: string): Promise<GetPaymentResponse | null> {
  try {
    return await ctx.vipps.getPayment(reference);
  } catch (error) {
    const failure = describeFailure(error);
    if (isNotFound(failure)) return null;
    throw withReference(failure, reference);
  }
}

/** The event log is shown and dates the sale; without it the sale is still shown (best effort). */
async function readEvents(ctx: EngineContext, reference: string): Promise<PaymentEvent[]> {
  try {
    return await ctx.vipps.getEvents(reference);
  } catch (error) {
    ctx.log.warn('event log not fetched for lookup', { reference, code: describeFailure(error).code });
    return [];
  }
}

/** Metadata is free text from whoever made the payment: kept only when it looks like ours. */
function metadataText(value: string | undefined, pattern: RegExp): string | null {
  return value !== undefined && pattern.test(value) ? value : null;
}

export function originOf(
  remote: GetPaymentResponse,
  events: readonly PaymentEvent[],
  adoptedAt: string | null,
): SaleOrigin {
  const meta = remote.metadata ?? {};
  const flow = meta[ORIGIN_METADATA.flow];
  return {
    counterId: metadataText(meta[ORIGIN_METADATA.counterId], /^[A-Za-z0-9-]{1,16}$/),
    // Printable text only (no control or direction characters), as the app itself accepts.
    description: metadataText(meta[ORIGIN_METADATA.description], /^[^\p{Cc}\p{Cf}]{1,100}$/u),
    flow: FLOWS.includes(flow as PaymentFlow) ? (flow as PaymentFlow) : null,
    createdAt: events.find((e) => e.name === 'CREATED')?.timestamp ?? null,
    adoptedAt,
  };
}

/** Another counter's sale as this journal would keep it (written only when adopted). */
function remoteRow(ctx: EngineContext, remote: GetPaymentResponse, origin: SaleOrigin): PaymentRow {
  const now = ctx.iso();
  const row = newPaymentRow({
    reference: remote.reference,
    // The counter that holds it in this journal and acts on it (its day report counts what it did);
    // where the sale was made is `origin.counterId`.
    counterId: ctx.settings().counterId,
    amount: remote.amount.value,
    currency: remote.amount.currency,
    flow: origin.flow ?? PLACEHOLDER_FLOW,
    description: origin.description ?? '',
    // Never this counter's current sale: it lives in History and Alerts only.
    dismissed: true,
    origin,
    createdAt: origin.createdAt ?? now,
    updatedAt: now,
  });
  applyRemote(row, remote);
  const derived = deriveStatus(row, []);
  row.status = derived.status;
  row.attention = derived.attention;
  return row;
}

/**
 * A whole reference: this journal's sale (own or adopted) if it has one, else what Vipps holds,
 * else "Vipps has no such sale". Nothing is written for a sale that is only looked up.
 */
export async function lookupPayment(
  ctx: EngineContext,
  reference: unknown,
  journaled: (reference: string) => Promise<PaymentDetail>,
): Promise<LookupResult> {
  const ref = checkExistingReference(reference);
  if (ctx.journal.payments.get(ref)) return { found: 'journal', detail: await journaled(ref) };
  const remote = await readRemote(ctx, ref);
  if (!remote) return { found: 'none', reference: ref };
  const events = await readEvents(ctx, ref);
  const row = remoteRow(ctx, remote, originOf(remote, events, null));
  return {
    found: 'vipps',
    detail: { payment: paymentView(row), operations: [], events: events.map((e) => eventView(eventRow(e))) },
  };
}

/**
 * Takes another counter's approved sale into this journal so an action can run on it: one row
 * (adopting twice, or two requests at once, still makes one), its origin, Vipps' event log and an
 * audit entry saying whose sale it was. Only approved sales: a sale still waiting for its customer
 * belongs to the counter running it, and a finished one without money has nothing to act on.
 */
async function adopt(ctx: EngineContext, reference: string): Promise<void> {
  const remote = await readRemote(ctx, reference);
  if (!remote) throw fail('NOT_FOUND', 'Vipps has no sale with this reference.', reference);
  if (remote.state !== 'AUTHORIZED') {
    throw fail(
      'INVALID_STATE',
      "Another counter's sale can be acted on here only after the customer approved it.",
      reference,
    );
  }
  const events = await readEvents(ctx, reference);
  const at = ctx.iso();
  const row = remoteRow(ctx, remote, originOf(remote, events, at));
  const adopted = journalWrite(ctx, () => {
    if (ctx.journal.payments.get(reference)) return false;
    ctx.journal.payments.insert(row);
    ctx.journal.audit.append({
      at,
      actor: 'cashier',
      action: 'adopt',
      reference,
      amount: row.amount,
      details: { ...adoptedDetails(row), origin: row.origin },
    });
    return true;
  });
  if (!adopted) return;
  storeEvents(ctx, events);
  ctx.log.info('adopted another counter’s sale', { reference, ...adoptedDetails(row), status: row.status });
  ctx.emit('payment', paymentView(row));
}

/**
 * Runs an action on a sale, adopting it first when this journal does not have it. Requests the
 * action refuses anyway (while recovering, a malformed reference) go straight to it.
 */
export async function withAdoption<T>(
  ctx: EngineContext,
  reference: unknown,
  action: () => Promise<T>,
): Promise<T> {
  const foreign =
    ctx.phase === 'ready' &&
    typeof reference === 'string' &&
    REFERENCE_PATTERN.test(reference) &&
    !ctx.journal.payments.get(reference);
  if (foreign) await adopt(ctx, reference);
  return action();
}

/** For audit entries of actions on an adopted sale: whose sale it was. */
export function adoptedDetails(row: PaymentRow): Record<string, unknown> {
  return row.origin ? { adoptedFrom: row.origin.counterId ?? UNKNOWN_COUNTER } : {};
}

const MOVED_BY: Partial<Record<PaymentEvent['name'], 'captured' | 'refunded' | 'cancelled'>> = {
  CAPTURED: 'captured',
  REFUNDED: 'refunded',
  CANCELLED: 'cancelled',
};

/**
 * The other direction: Vipps' event log shows money moved on one of this journal's sales that its
 * row does not know — another counter refunded, charged or released it. The row then takes Vipps'
 * own amounts (one read, only when the log says so), so History here never shows a refunded sale
 * as paid. Best effort: the detail view shows what the journal has when Vipps cannot be reached.
 */
export async function catchUpWithVipps(
  ctx: EngineContext,
  reference: string,
  events: readonly PaymentEvent[] | null,
): Promise<void> {
  const row = ctx.journal.payments.get(reference);
  if (!row || !events) return;
  const moved = { captured: 0, refunded: 0, cancelled: 0 };
  for (const e of events) {
    const part = MOVED_BY[e.name];
    if (part && e.success) moved[part] += e.amount.value;
  }
  const behind = (Object.keys(moved) as Array<keyof typeof moved>).some((k) => moved[k] > row.aggregate[k]);
  if (!behind) return;
  try {
    const remote = await ctx.vipps.getPayment(reference);
    updatePayment(ctx, reference, (r) => applyRemote(r, remote));
  } catch (error) {
    ctx.log.warn('could not catch up with Vipps', { reference, code: describeFailure(error).code });
  }
}
