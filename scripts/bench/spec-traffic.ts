/**
 * The benchmark's Vipps traffic held to the specs, as in the test runs (test/setup/spec-traffic.ts):
 * every simulator request and answer of the run is recorded through the simulator's observer hook
 * and checked strictly at the end (test/support/spec/traffic-check.ts). An unexplained violation
 * fails the bench — a measurement over traffic Vipps would refuse measures nothing.
 */
import { globalTrafficObservers } from '../../src/main/simulator';
import { createRecorder } from '../../test/support/spec/recorder';
import { checkTraffic, describeTally, type TrafficTally } from '../../test/support/spec/traffic-check';

export interface SpecWatch {
  /** Stops recording and checks everything recorded. */
  finish(): Promise<TrafficTally>;
}

export function watchSpecTraffic(): SpecWatch {
  const recorder = createRecorder();
  globalTrafficObservers.add(recorder.observer);
  return {
    async finish() {
      globalTrafficObservers.delete(recorder.observer);
      const tally = await checkTraffic(recorder.exchanges);
      // The recorded copies are no longer needed (a full run records hundreds of thousands).
      recorder.exchanges.length = 0;
      return tally;
    },
  };
}

export function specLines(tally: TrafficTally): string[] {
  const lines = [`Spec check: ${describeTally(tally)}.`];
  const gaps = Object.entries(tally.gaps).map(([k, n]) => `${k} ×${n}`);
  if (gaps.length) lines.push(`  known spec gaps seen (test/support/spec/known-gaps.ts): ${gaps.join(', ')}`);
  for (const v of tally.violations.slice(0, 20)) lines.push(`  violation: ${v}`);
  if (tally.violations.length > 20) lines.push(`  … and ${tally.violations.length - 20} more`);
  return lines;
}
