import type { Currency, DayReport } from '../../preload/contract';

/**
 * RFC 4180: CRLF between records, a field is quoted when it holds a comma, quote, CR or LF, and
 * quotes inside are doubled. Free text that a spreadsheet would run as a formula (=, +, -, @) is
 * prefixed with an apostrophe, so a refund reason cannot become a formula in the merchant's sheet.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const number = /^-?\d+(\.\d+)?$/.test(value);
  const safe = !number && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Minor units as a plain decimal with two places ("149.50"); every supported currency has 2. */
export function formatMinor(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const HEADER = [
  'section',
  'item',
  'reference',
  'currency',
  'count',
  'amount_minor',
  'amount',
  'detail',
  'at',
] as const;

type Row = [
  string,
  string,
  string | null,
  Currency,
  number | null,
  number,
  string,
  string | null,
  string | null,
];

export function dayReportCsv(report: DayReport): string {
  const rows: Row[] = [];
  for (const s of report.byStatus) {
    rows.push(['sales', s.status, null, s.currency, s.count, s.amount, formatMinor(s.amount), null, null]);
  }
  for (const m of report.money) {
    rows.push([
      'money',
      'captured',
      null,
      m.currency,
      m.captures,
      m.captured,
      formatMinor(m.captured),
      null,
      null,
    ]);
    rows.push([
      'money',
      'refunded',
      null,
      m.currency,
      m.refunds,
      m.refunded,
      formatMinor(m.refunded),
      null,
      null,
    ]);
    rows.push(['money', 'net', null, m.currency, null, m.net, formatMinor(m.net), null, null]);
  }
  for (const r of report.refunds) {
    rows.push([
      'refund',
      r.status,
      r.reference,
      r.currency,
      null,
      r.amount,
      formatMinor(r.amount),
      r.reason,
      r.at,
    ]);
  }
  for (const o of report.openItems) {
    rows.push([
      'open',
      o.kind,
      o.reference,
      o.currency,
      null,
      o.amount,
      formatMinor(o.amount),
      o.status,
      o.since,
    ]);
  }
  return toCsv([[...HEADER], ...rows]);
}
