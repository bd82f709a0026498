/**
 * Every request and answer that reaches a simulator in a test file (in this process, or in a child
 * that records its own, like the e2e web host) is held to the specs once the file has run (test/support/spec/traffic-check.ts); an unexplained violation fails the file. The
 * figures go to the run's tally (test/setup/spec-traffic-global.ts prints the total).
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { globalTrafficObservers } from '../../src/main/simulator';
import { createRecorder } from '../support/spec/recorder';
import type { Exchange } from '../support/spec/traffic-check';

const recorder = createRecorder();
globalTrafficObservers.add(recorder.observer);
// Child processes with a simulator of their own (the e2e web host) write their traffic here.
const childDir = mkdtempSync(join(tmpdir(), 'spec-child-'));
process.env.SPEC_TRAFFIC_CHILD_DIR = childDir;

function childTraffic(): Exchange[] {
  const out: Exchange[] = [];
  for (const name of readdirSync(childDir)) {
    for (const line of readFileSync(join(childDir, name), 'utf8').split('\n')) {
      if (line.trim()) out.push(JSON.parse(line) as Exchange);
    }
  }
  rmSync(childDir, { recursive: true, force: true });
  return out;
}

afterAll(async () => {
  globalTrafficObservers.delete(recorder.observer);
  const exchanges = [...recorder.exchanges, ...childTraffic()];
  if (exchanges.length === 0) return;
  // Loaded only where there is traffic: most files never start a simulator.
  const { checkTraffic, describeTally } = await import('../support/spec/traffic-check');
  const tally = await checkTraffic(exchanges);
  const file = expect.getState().testPath ?? 'unknown file';
  console.log(`[spec] ${file.replace(`${process.cwd()}/`, '')}: ${describeTally(tally)}`);
  const dir = process.env.SPEC_TRAFFIC_DIR;
  if (dir) appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ file, tally })}\n`);
  if (tally.violations.length > 0) {
    throw new Error(
      `spec violations in ${file}: ${describeTally(tally)}\n${tally.violations.slice(0, 20).join('\n')}`,
    );
  }
}, 120_000);
