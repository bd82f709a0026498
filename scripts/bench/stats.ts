/** Percentiles, peak memory and the result table of the benchmark. */
import { readFileSync } from 'node:fs';

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

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Resident memory now, in MB. */
export function rssMb(): number {
  return mb(process.memoryUsage().rss);
}

/**
 * This process's own peak resident memory, in MB. Not getrusage's maxRSS on Linux: a spawned
 * child's maxRSS starts at its parent's RSS at fork time (the bench process holding the generated
 * journal's cache reported 1.3 GB for a probe that peaked under 150 MB); VmHWM is the process's own.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return mb(Number(hwm[1]) * 1024);
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return mb(process.resourceUsage().maxRSS * 1024);
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
