import type { VippsEventRow } from '../journal';
import type { PaymentEvent } from '../vipps/types';
import type { EngineContext } from './context';

/** One of Vipps' events as the journal keeps it. */
export function eventRow(e: PaymentEvent): VippsEventRow {
  return {
    reference: e.reference,
    name: e.name,
    amount: e.amount.value,
    currency: e.amount.currency,
    timestamp: e.timestamp,
    success: e.success,
    idempotencyKey: e.idempotencyKey ?? null,
    pspReference: e.pspReference,
  };
}

export function storeEvents(ctx: EngineContext, events: readonly PaymentEvent[]): number {
  return ctx.journal.events.store(events.map(eventRow), ctx.iso());
}

/**
 * A create Vipps refused (or never received) means there is no payment there to ask about. A sale
 * has one create intent (start.ts); an adopted sale has none, and Vipps has it.
 */
function neverCreated(ctx: EngineContext, reference: string): boolean {
  const create = ctx.journal.operations.forReference(reference).find((o) => o.kind === 'create');
  return create?.status === 'failed';
}

/** Copies Vipps' event log into the journal. Best effort: the detail view shows what we have. */
export async function syncEventLog(ctx: EngineContext, reference: string): Promise<PaymentEvent[] | null> {
  if (neverCreated(ctx, reference)) return [];
  try {
    const events = await ctx.vipps.getEvents(reference);
    storeEvents(ctx, events);
    return events;
  } catch (error) {
    ctx.log.warn('event log not fetched', { reference, error: (error as Error).message });
    return null;
  }
}
