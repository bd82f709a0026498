import type { EngineContext } from './context';
import { fail } from './failure';
import { dayStart } from './search';
import type { CurrencySummary, SalesSummary, SummaryRequest } from './types';

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * End-of-day figures: money Vipps confirmed moving in the period (by when the operation settled, so
 * a refund today of yesterday's sale counts today), per currency.
 */
export function summarize(ctx: EngineContext, req: SummaryRequest): SalesSummary {
  const today = localDay(ctx.now());
  const from = dayStart(req?.from || today, 'from')!;
  const to = dayStart(req?.to || req?.from || today, 'to', 1)!;
  if (from >= to) throw fail('VALIDATION', 'The period ends before it starts.', undefined, 'to');
  const byCurrency = new Map<string, CurrencySummary>();
  for (const m of ctx.journal.reports.movements(from, to)) {
    let entry = byCurrency.get(m.currency);
    if (!entry) {
      entry = {
        currency: m.currency,
        captured: { count: 0, amount: 0 },
        refunded: { count: 0, amount: 0 },
        cancelled: { count: 0, amount: 0 },
      };
      byCurrency.set(m.currency, entry);
    }
    const slot =
      m.kind === 'capture' ? entry.captured : m.kind === 'refund' ? entry.refunded : entry.cancelled;
    slot.count += m.count;
    slot.amount += m.amount;
  }
  return { from, to, currencies: [...byCurrency.values()] };
}
