import { PosFailure } from '../errors';

/**
 * A calendar day (YYYY-MM-DD) in the counter's local time zone, as the ISO instants of its start
 * and of the next day's start. Journal timestamps are ISO UTC strings, so [from, to) compares as
 * text and can use the indexes.
 */
export function localDayRange(date: string, field = 'date'): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const start = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  if (!m || !start || start.getDate() !== Number(m[3]) || start.getMonth() !== Number(m[2]) - 1) {
    throw new PosFailure('VALIDATION', 'Use a real date like 2026-11-25.', { details: { field } });
  }
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
