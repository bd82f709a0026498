/**
 * Parking a reservation: with the reserve-only policy (or after a refused capture) a sale can hold
 * reserved money that nobody has decided about yet. The counter must not wait for that decision:
 * the sale is put away from the counter (so the next sale can start) but keeps its money reserved,
 * its RESERVED status, its place in the Reserved list and the watchdog. Nothing is sent to Vipps.
 */
import type { PaymentRow } from '../journal';
import { capturable } from './capture';
import type { EngineContext } from './context';
import { updatePayment } from './store';

/**
 * Reserved money nobody is working on. A RESERVED sale always has something left to capture or
 * release (deriveStatus: everything decided is COMPLETED or RELEASED); a sale waiting for the
 * cashier's decision, or with a capture on its way, is not parked.
 */
export function isParkable(row: PaymentRow): boolean {
  return row.status === 'RESERVED';
}

export function park(ctx: EngineContext, reference: string): void {
  const row = updatePayment(ctx, reference, (r) => {
    r.dismissed = true;
    ctx.journal.audit.append({
      at: ctx.iso(),
      actor: 'cashier',
      action: 'park',
      reference,
      amount: capturable(r),
      details: { status: r.status },
    });
  });
  ctx.emit('alert', {
    kind: 'PARKED',
    reference,
    message: 'Sale parked with money still reserved: capture or release it from Reserved payments.',
  });
  ctx.log.info('sale parked', { reference, reserved: capturable(row) });
}
