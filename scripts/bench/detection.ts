/**
 * Status detection: how long after the customer approves (the simulator's state change) the app
 * knows, and how many Vipps calls a completed sale costs — for the engine's poller and, in the same
 * run against the same simulator, a naive poller that follows Vipps' guideline literally (first GET
 * after 5 s, then a GET every 2 s until the state changes, then capture).
 */
import { randomUUID } from 'node:crypto';
import { makeReference } from '../../src/main/payments/reference';
import { type Simulator, startSimulator } from '../../src/main/simulator';
import type { VippsClient } from '../../src/main/vipps/types';
import { type EngineHarness, startEngineHarness, vippsClientFor } from '../../test/support/engine-harness';
import { mean, percentile, type Row } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DetectionOptions {
  quick: boolean;
}

interface Tracker {
  approvedAt: Map<string, number>;
  detectedAt: Map<string, number>;
}

/** The customer approves somewhere in the first three poll intervals after the first poll. */
function approveLater(sim: Simulator, reference: string, firstDelayMs: number, intervalMs: number) {
  const ms = firstDelayMs * (0.5 + Math.random()) + Math.random() * 3 * intervalMs;
  return sleep(ms).then(() => sim.customer.approve(reference));
}

/** The payment reference in a request path (`/epayment/v1/payments/<ref>/…`), if any. */
function referenceIn(path: string): string | null {
  return /\/payments\/([A-Za-z0-9-]+)/.exec(path)?.[1] ?? null;
}

function callsFor(sim: Simulator, references: readonly string[]): number {
  return Object.values(countByOperation(sim, references)).reduce((a, b) => a + b, 0);
}

/**
 * Like Promise.all, but waits for every lane before throwing the first failure: the harnesses are
 * closed after this, and a lane still polling a closed journal would crash the whole bench.
 */
async function allSettledOrThrow<T>(lanes: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(lanes);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function ourLane(h: EngineHarness, sales: number, polling: { first: number; every: number }) {
  const done: string[] = [];
  for (let i = 0; i < sales; i++) {
    const { reference } = await h.engine.start({ amount: 10_000 + i, flow: 'QR' });
    await approveLater(h.sim, reference, polling.first, polling.every);
    await h.waitFor(reference, (v) => v.status === 'COMPLETED', 'COMPLETED');
    await sleep(100); // the event-log sync that follows a final status
    done.push(reference);
  }
  return done;
}

async function naiveLane(
  sim: Simulator,
  client: VippsClient,
  lane: number,
  sales: number,
  t: Tracker,
  polling: { first: number; every: number },
) {
  const done: string[] = [];
  for (let i = 0; i < sales; i++) {
    const reference = makeReference(`naive${lane}`, new Date());
    const amount = { value: 10_000 + i, currency: 'NOK' as const };
    await client.createPayment(
      {
        amount,
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'QR',
        customerInteraction: 'CUSTOMER_PRESENT',
        paymentDescription: 'Naive poller',
        qrFormat: { format: 'TEXT/TARGETURL' },
      },
      randomUUID(),
    );
    const approval = approveLater(sim, reference, polling.first, polling.every);
    await sleep(polling.first);
    for (;;) {
      const payment = await client.getPayment(reference);
      if (payment.state !== 'CREATED') {
        t.detectedAt.set(reference, performance.now());
        break;
      }
      await sleep(polling.every);
    }
    await approval;
    await client.capturePayment(reference, amount, randomUUID());
    done.push(reference);
  }
  return done;
}

export async function detectionBench(options: DetectionOptions): Promise<{ rows: Row[]; details: object }> {
  const polling = options.quick ? { first: 500, every: 200 } : { first: 5000, every: 2000 };
  const lanes = options.quick ? 8 : 20;
  const sales = 3;
  const sim = await startSimulator({ expirySweepMs: 0 });
  const ours: Tracker = { approvedAt: new Map(), detectedAt: new Map() };
  const naive: Tracker = { approvedAt: new Map(), detectedAt: new Map() };
  const off = sim.onChange((change) => {
    if (change.event !== 'AUTHORIZED') return;
    const tracker = change.reference.startsWith('naive') ? naive : ours;
    tracker.approvedAt.set(change.reference, performance.now());
  });
  const harnesses: EngineHarness[] = [];
  try {
    for (let i = 0; i < lanes; i++) {
      const h = await startEngineHarness({
        sim,
        settings: { counterId: `ours${i + 1}` },
        polling: {
          firstDelayMs: polling.first,
          intervalMs: polling.every,
          maxIntervalMs: 30_000,
          reconcileDelayMs: 2000,
        },
      });
      h.engine.on('payment', (v) => {
        if (v.vippsState === 'AUTHORIZED' && !ours.detectedAt.has(v.reference)) {
          ours.detectedAt.set(v.reference, performance.now());
        }
      });
      harnesses.push(h);
    }
    // The naive poller calls Vipps directly, without a journal: the write-ahead witness watches ours only.
    harnesses[0]?.writeAhead.exempt((reference) => reference.startsWith('naive'));
    const client = vippsClientFor(sim);
    const [ourDone = [], naiveDone = []] = await allSettledOrThrow([
      allSettledOrThrow(harnesses.map((h) => ourLane(h, sales, polling))),
      allSettledOrThrow(
        Array.from({ length: lanes }, (_, i) => naiveLane(sim, client, i + 1, sales, naive, polling)),
      ),
    ]);
    const latencies = (t: Tracker) =>
      [...t.detectedAt]
        .map(([ref, at]) => at - (t.approvedAt.get(ref) ?? Number.NaN))
        .filter(Number.isFinite);
    const ourLat = latencies(ours);
    const naiveLat = latencies(naive);
    const ourCalls = callsFor(sim, ourDone.flat()) / ourDone.flat().length;
    const naiveCalls = callsFor(sim, naiveDone.flat()) / naiveDone.flat().length;
    const target = polling.every + 100;
    const label = `poll ${polling.first / 1000} s then every ${polling.every / 1000} s`;
    const rows: Row[] = [
      {
        section: 'detection',
        metric: 'engine poller p50',
        value: percentile(ourLat, 50),
        unit: 'ms',
        target: null,
        note: label,
      },
      {
        section: 'detection',
        metric: 'engine poller p95',
        value: percentile(ourLat, 95),
        unit: 'ms',
        target,
      },
      {
        section: 'detection',
        metric: 'naive guideline poller p50',
        value: percentile(naiveLat, 50),
        unit: 'ms',
        target: null,
      },
      {
        section: 'detection',
        metric: 'naive guideline poller p95',
        value: percentile(naiveLat, 95),
        unit: 'ms',
        target: null,
      },
      {
        section: 'detection',
        metric: 'API calls per completed sale (engine)',
        value: ourCalls,
        unit: '',
        target: null,
      },
      {
        section: 'detection',
        metric: 'API calls per completed sale (naive)',
        value: naiveCalls,
        unit: '',
        target: null,
      },
    ];
    return {
      rows,
      details: {
        polling,
        salesEach: ourLat.length,
        engineMeanMs: mean(ourLat),
        naiveMeanMs: mean(naiveLat),
        engineByOperation: countByOperation(sim, ourDone.flat()),
        naiveByOperation: countByOperation(sim, naiveDone.flat()),
      },
    };
  } finally {
    off();
    for (const h of harnesses) await h.close();
    await sim.close();
  }
}

function countByOperation(sim: Simulator, references: readonly string[]): Record<string, number> {
  const wanted = new Set(references);
  const counts: Record<string, number> = { createPayment: references.length };
  for (const r of sim.requests.list()) {
    if (r.operation === 'createPayment') continue;
    const reference = referenceIn(r.path);
    if (reference === null || !wanted.has(reference)) continue;
    counts[r.operation] = (counts[r.operation] ?? 0) + 1;
  }
  return counts;
}
