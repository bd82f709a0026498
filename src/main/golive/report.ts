/** The go-live evidence as plain text: a table for the checklist, then each reference's event log. */
import type { Environment, GoLiveReport, GoLiveRow } from '../../preload/contract';

const WHERE: Record<Environment, string> = {
  training: 'training simulator (no real money; practice only, not valid as evidence)',
  test: 'Vipps MobilePay test environment (apitest.vipps.no)',
  production: 'production',
};

function money(value: number | undefined, currency: string): string {
  if (value === undefined) return '-';
  return `${(value / 100).toFixed(2)} ${currency}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function goLiveReport(
  environment: Environment,
  merchantSerialNumber: string,
  rows: GoLiveRow[],
  ranAt: Date,
): GoLiveReport {
  const ok = rows.length > 0 && rows.every((r) => r.ok);
  return {
    environment,
    ranAt: ranAt.toISOString(),
    ok,
    rows,
    text: renderText(environment, merchantSerialNumber, rows, ranAt, ok),
  };
}

function renderText(
  environment: Environment,
  msn: string,
  rows: GoLiveRow[],
  ranAt: Date,
  ok: boolean,
): string {
  const currency = rows.find((r) => r.events[0])?.events[0]?.currency ?? '';
  const header = [
    'Scenario',
    'Reference',
    'State',
    'Authorized',
    'Captured',
    'Refunded',
    'Cancelled',
    'Result',
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.reference,
    r.state ?? '-',
    money(r.aggregate?.authorized, currency),
    money(r.aggregate?.captured, currency),
    money(r.aggregate?.refunded, currency),
    money(r.aggregate?.cancelled, currency),
    r.ok ? 'OK' : 'NOT OK',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    'Vipps MobilePay go-live evidence',
    `Environment: ${WHERE[environment]}`,
    `Merchant serial number: ${msn}`,
    `Run at: ${ranAt.toISOString()}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
  ];
  for (const r of rows) {
    out.push(`Event log ${r.reference} (${r.scenario}):`);
    if (r.events.length === 0) out.push('  (no events)');
    for (const e of r.events) {
      out.push(
        `  ${e.timestamp}  ${pad(e.name, 10)}  ${pad(money(e.amount, e.currency), 12)}  ${e.success ? 'success' : 'FAILED'}`,
      );
    }
    if (r.problem) out.push(`  Problem: ${r.problem}`);
    out.push('');
  }
  out.push(
    ok
      ? 'Result: all four scenarios ended as the checklist asks.'
      : 'Result: NOT all scenarios ended as the checklist asks; see the problems above.',
  );
  return `${out.join('\n')}\n`;
}
