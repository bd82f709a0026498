/**
 * Collects the spec-traffic figures of every test file (test/setup/spec-traffic.ts) and prints the
 * run's total: how many requests and answers were checked, and how many violations were unexplained.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addTally, describeTally, emptyTally, type TrafficTally } from '../support/spec/traffic-check';

export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'spec-traffic-'));
  process.env.SPEC_TRAFFIC_DIR = dir;
  return () => {
    const total = emptyTally();
    let files = 0;
    for (const name of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        addTally(total, (JSON.parse(line) as { tally: TrafficTally }).tally);
        files += 1;
      }
    }
    rmSync(dir, { recursive: true, force: true });
    const gaps = Object.entries(total.gaps)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
    console.log(`[spec] whole run, ${files} test files with Vipps traffic: ${describeTally(total)}`);
    if (gaps) console.log(`[spec] known spec gaps seen (test/support/spec/known-gaps.ts): ${gaps}`);
  };
}
