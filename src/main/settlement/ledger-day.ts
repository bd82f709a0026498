/**
 * Ledger dates: Vipps books every movement on a "ledger date" that runs from the cut-off hour in the
 * merchant's time zone to the same hour the next day (midnight by default, 04:00 for some shops).
 * The simulator books by these rules and the reconciliation looks journal movements up by them, so
 * both sides share this one module.
 */
export interface LedgerDayRule {
  /** IANA zone, e.g. Europe/Oslo. */
  timeZone: string;
  /** 0–23: the local hour a ledger date starts. */
  cutoffHour: number;
}

export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in the zone. */
function wall(t: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(t))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    y: parts.year ?? 0,
    m: parts.month ?? 1,
    d: parts.day ?? 1,
    h: parts.hour ?? 0,
    min: parts.minute ?? 0,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dateText(y: number, m: number, d: number): string {
  const day = new Date(Date.UTC(y, m - 1, d));
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

/** The ledger date an instant (epoch ms) is booked on. */
export function ledgerDateOf(t: number, rule: LedgerDayRule): string {
  const w = wall(t, rule.timeZone);
  return dateText(w.y, w.m, w.h < rule.cutoffHour ? w.d - 1 : w.d);
}

/** The instant a local wall time happens (the later one when a DST change skips it). */
function instantOf(y: number, m: number, d: number, h: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, h);
  const offsetAt = (t: number) => {
    const w = wall(t, timeZone);
    return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - Math.floor(t / 60_000) * 60_000;
  };
  const first = guess - offsetAt(guess);
  const second = guess - offsetAt(first);
  return Math.max(first, second);
}

/** [start, end) of a ledger date as epoch ms. */
export function ledgerDateRange(date: string, rule: LedgerDayRule): { start: number; end: number } {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return {
    start: instantOf(y, mo, d, rule.cutoffHour, rule.timeZone),
    end: instantOf(y, mo, d + 1, rule.cutoffHour, rule.timeZone),
  };
}

/** The date after `date` (YYYY-MM-DD). */
export function nextDate(date: string): string {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return dateText(Number(m[1]), Number(m[2]), Number(m[3]) + 1);
}

export function isRealDate(date: string): boolean {
  const m = DATE_PATTERN.exec(date);
  return m !== null && dateText(Number(m[1]), Number(m[2]), Number(m[3])) === date;
}
