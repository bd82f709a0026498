/** The settlement view as CSV, in the day report's style (reports/csv.ts): one table, sections in rows. */
import type { SettlementDayView } from '../../preload/contract';
import { formatMinor, toCsv } from '../reports/csv';

const HEADER = [
  'section',
  'item',
  'reference',
  'psp_reference',
  'currency',
  'amount_minor',
  'amount',
  'detail',
  'at',
];

export function settlementCsv(view: SettlementDayView): string {
  const currency = view.currency ?? '';
  const rows: Array<Array<string | number | null>> = [HEADER];
  const row = (
    section: string,
    item: string,
    amount: number,
    more: { reference?: string | null; psp?: string | null; detail?: string | null; at?: string | null } = {},
  ) =>
    rows.push([
      section,
      item,
      more.reference ?? null,
      more.psp ?? null,
      currency,
      amount,
      formatMinor(amount),
      more.detail ?? null,
      more.at ?? null,
    ]);
  for (const e of view.funds) {
    const detail = e.match === 'matched' ? `matched:${e.counterId ?? ''}` : (e.match ?? e.recipientHandle);
    row('funds', e.entryType, e.amount, { reference: e.reference, psp: e.pspReference, detail, at: e.time });
  }
  for (const e of view.fees) {
    row('fees', e.entryType, e.amount, { reference: e.reference, psp: e.pspReference, at: e.time });
  }
  for (const u of view.unsettled) {
    const amount = u.kind === 'refund' ? -u.amount : u.amount;
    row('journal', `${u.kind}:${u.state}`, amount, { reference: u.reference, detail: u.bookedOn, at: u.at });
  }
  const t = view.totals;
  if (t.opening !== null) row('total', 'opening_balance', t.opening);
  row('total', 'captures', t.captures);
  row('total', 'refunds', t.refunds);
  row('total', 'fees_retained', t.feesRetained);
  row('total', 'fees_charged', t.feesCharged);
  row('total', 'payout', t.payout);
  row('total', 'other', t.other);
  row('total', 'other_counters_and_outside', t.elsewhere);
  if (t.closing !== null) row('total', 'closing_balance', t.closing);
  for (const c of view.checks) {
    row('check', c.name, c.actual, {
      detail: `${c.ok ? 'ok' : 'differs'}; expected ${formatMinor(c.expected)}`,
    });
  }
  row('check', view.agrees ? 'agrees' : view.closed ? 'differs' : 'not_closed', 0, {
    detail: `ledger ${view.ledgerId ?? ''} date ${view.ledgerDate}`,
  });
  return toCsv(rows);
}
