import { type SearchRequest, type SearchResult, SHOWN_STATUSES } from '../../preload/contract';
import type { PaymentQuery } from '../journal';
import type { EngineContext } from './context';
import { fail } from './failure';
import { paymentView } from './views';

/**
 * An amount as staff type it, as the range of amounts it can mean: what was typed is the start of
 * the amount, so "149" finds 149.00–149.99, "149,5" (or "149.5") 149.50–149.59 and "149,50" only
 * 149.50. Anything else is not an amount (null).
 */
export function parseAmountText(text: string): { min: number; max: number } | null {
  const m = /^(\d{1,6})(?:[.,](\d{0,2}))?$/.exec(text);
  if (!m) return null;
  const whole = Number(m[1]) * 100;
  const decimals = m[2] ?? '';
  if (decimals.length === 2) return { min: whole + Number(decimals), max: whole + Number(decimals) };
  if (decimals.length === 1)
    return { min: whole + Number(decimals) * 10, max: whole + Number(decimals) * 10 + 9 };
  return { min: whole, max: whole + 99 };
}

/** A calendar day (YYYY-MM-DD) in the counter's local time, as an ISO instant. */
export function dayStart(date: string | undefined, field: string, plusDays = 0): string | null {
  if (date === undefined || date === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw fail('VALIDATION', 'Dates must look like 2026-11-25.', undefined, field);
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  // Date rolls a day that does not exist over into another month (31 February into March, day 00
  // into the month before, month 13 into next January), so the month alone tells.
  if (new Date(year, month, day).getMonth() !== month) {
    throw fail('VALIDATION', 'That date does not exist.', undefined, field);
  }
  return new Date(year, month, day + plusDays).toISOString();
}

function encodeCursor(createdAt: string, reference: string): string {
  return Buffer.from(JSON.stringify([createdAt, reference])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): PaymentQuery['after'] {
  if (cursor === undefined || cursor === '') return null;
  try {
    const [createdAt, reference] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt === 'string' && typeof reference === 'string') return { createdAt, reference };
  } catch {
    // Fall through to the validation error.
  }
  throw fail('VALIDATION', 'The page cursor is not valid; search again.', undefined, 'cursor');
}

export function toQuery(req: SearchRequest): PaymentQuery {
  const r = req ?? {};
  const text = typeof r.text === 'string' ? r.text.trim() : '';
  if (text.length > 64) throw fail('VALIDATION', 'The search text is too long.', undefined, 'text');
  if (r.status !== undefined && !SHOWN_STATUSES.includes(r.status)) {
    throw fail('VALIDATION', 'Unknown sale status.', undefined, 'status');
  }
  if (r.phoneLast4 !== undefined && r.phoneLast4 !== '' && !/^\d{4}$/.test(r.phoneLast4)) {
    throw fail('VALIDATION', 'Give the last four digits of the phone number.', undefined, 'phoneLast4');
  }
  const limit = r.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw fail('VALIDATION', 'Page size must be 1–200.', undefined, 'limit');
  }
  return {
    text: text === '' ? null : text,
    textAmount: parseAmountText(text),
    status: r.status ?? null,
    from: dayStart(r.from, 'from'),
    to: dayStart(r.to, 'to', 1),
    phoneLast4: r.phoneLast4 ? r.phoneLast4 : null,
    limit,
    after: decodeCursor(r.cursor),
  };
}

export function searchPayments(ctx: EngineContext, req: SearchRequest): SearchResult {
  const { rows, more } = ctx.journal.payments.search(toQuery(req));
  const last = rows.at(-1);
  return {
    items: rows.map(paymentView),
    nextCursor: more && last ? encodeCursor(last.createdAt, last.reference) : null,
  };
}
