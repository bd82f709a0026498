/** Percentiles and the result table of the benchmark. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function mean(samples: readonly number[]): number {
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** Wall time of `fn` in milliseconds (high resolution). */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export interface Row {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** Upper bound the issue sets, or null when the figure is informational. */
  target: number | null;
  note?: string;
}

export function met(row: Row): boolean | null {
  return row.target === null ? null : row.value <= row.target;
}

function format(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

export function table(rows: readonly Row[]): string {
  const lines = rows.map((r) => {
    const ok = met(r);
    const verdict = ok === null ? '' : ok ? 'met' : `MISSED by ${format(r.value - r.target!, r.unit)}`;
    return [
      r.section,
      r.metric,
      format(r.value, r.unit),
      r.target === null ? '' : `≤ ${format(r.target, r.unit)}`,
      verdict,
    ];
  });
  const header = ['section', 'metric', 'value', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [render(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(render)].join(
    '\n',
  );
}
