/**
 * Core start as the app does it after a crash at a busy moment: open the journal (integrity and
 * migration checks), build the engine, and recover 1,000 sales that were still waiting for their
 * customers — each checked with Vipps (the simulator over loopback) before new work is accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../src/main/journal';
import { createPaymentsEngine } from '../../src/main/payments/engine';
import { startSimulator } from '../../src/main/simulator';
import { startEngineHarness, vippsClientFor } from '../../test/support/engine-harness';
import { percentile, type Row, timed } from './stats';

export async function coreStartBench(options: {
  inFlight: number;
  runs: number;
}): Promise<{ rows: Row[]; details: object }> {
  const sim = await startSimulator({ expirySweepMs: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-start-'));
  try {
    // Sales left waiting: started, then the cashier moved on (the counter allows one open sale).
    const h = await startEngineHarness({ sim, dir, polling: { firstDelayMs: 3_600_000 } });
    for (let i = 0; i < options.inFlight; i++) {
      const { reference } = await h.engine.start({ amount: 1000 + i, flow: 'QR' });
      h.engine.dismiss(reference);
    }
    await h.shutdown();

    const fresh = await timed(() => openJournal(join(dir, 'fresh.db')));
    fresh.value.close();

    const totals: number[] = [];
    const opens: number[] = [];
    let report = { checked: 0, resolved: 0, needsAttention: 0 };
    for (let run = 0; run < options.runs; run++) {
      const vipps = vippsClientFor(sim);
      const t0 = performance.now();
      const journal = openJournal(h.file);
      const opened = performance.now();
      const engine = createPaymentsEngine({
        journal,
        vipps,
        settings: () => ({
          counterId: 'lane1',
          currency: 'NOK',
          capturePolicy: 'capture-now',
          description: 'Kjøp i butikk',
          vatRate: 2500,
        }),
        polling: { firstDelayMs: 3_600_000 },
      });
      report = await engine.recover();
      totals.push(performance.now() - t0);
      opens.push(opened - t0);
      await engine.stop();
      journal.close();
    }
    const rows: Row[] = [
      {
        section: 'core start',
        metric: `open + migrate + recover ${options.inFlight} in-flight, first start after the crash`,
        value: totals[0]!,
        unit: 'ms',
        target: 300,
      },
      {
        section: 'core start',
        metric: `same, restarted again (median of ${options.runs - 1})`,
        value: percentile(totals.slice(1), 50),
        unit: 'ms',
        target: null,
      },
      {
        section: 'core start',
        metric: 'of which open + migrate check',
        value: percentile(opens, 50),
        unit: 'ms',
        target: null,
      },
      {
        section: 'core start',
        metric: 'new journal: create + migrate',
        value: fresh.ms,
        unit: 'ms',
        target: null,
      },
    ];
    return { rows, details: { runsMs: totals, openMs: opens, recovery: report } };
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
