/**
 * Every request and answer that reaches a simulator in a test file is held to the specs once the
 * file has run (test/support/spec/traffic-check.ts); an unexplained violation fails the file. The
 * figures go to the run's tally (test/setup/spec-traffic-global.ts prints the total).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { globalTrafficObservers } from '../../src/main/simulator';
import { createRecorder } from '../support/spec/recorder';

const recorder = createRecorder();
globalTrafficObservers.add(recorder.observer);

afterAll(async () => {
  globalTrafficObservers.delete(recorder.observer);
  if (recorder.exchanges.length === 0) return;
  // Loaded only where there is traffic: most files never start a simulator.
  const { checkTraffic, describeTally } = await import('../support/spec/traffic-check');
  const tally = await checkTraffic(recorder.exchanges);
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
