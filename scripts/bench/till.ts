/**
 * Till API (issue 14): from the moment Vipps changes a payment's state (the customer approves, seen
 * at the simulator) to the moment a till's waiting read (`GET /v1/payments/{ref}?wait=…&version=…`,
 * over real loopback HTTP) returns — against, in the same sales, the moment the cashier window
 * learns it (the engine's payment event). Target: till p95 ≤ window p95 + 50 ms.
 */

import { silentLogger } from '../../src/main/log';
import { type Simulator, startSimulator } from '../../src/main/simulator';
import { startTillServer, type TillServer } from '../../src/main/till/server';
import { type EngineHarness, startEngineHarness } from '../../test/support/engine-harness';
import { createRng } from '../../test/support/reliability/random';
import { tillJournalVariant, tillLane } from '../../test/support/reliability/till-lane';
import { mean, percentile, type Row } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sale {
  reference: string;
  version: string;
  payment: { vippsState: string | null; status: string };
}

async function lane(
  url: string,
  token: string,
  sim: Simulator,
  id: number,
  sales: number,
  polling: { first: number; every: number },
  tillAt: Map<string, number>,
): Promise<void> {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const read = async (reference: string, version: string) =>
    (await (
      await fetch(`${url}/v1/payments/${reference}?wait=30&version=${version}`, { headers })
    ).json()) as Sale;
  for (let i = 0; i < sales; i++) {
    const res = await fetch(`${url}/v1/payments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        requestId: `bench-${id}-${i}-${Date.now()}`,
        orderId: `b${id}-${i}`,
        currency: 'NOK',
        amount: 10_000 + i,
        flow: 'QR',
      }),
    });
    let seen = (await res.json()) as Sale;
    if (res.status !== 201) throw new Error(`till start refused: ${JSON.stringify(seen)}`);
    const ms = polling.first * (0.5 + Math.random()) + Math.random() * 3 * polling.every;
    const approval = sleep(ms).then(() => sim.customer.approve(seen.reference));
    while (seen.payment.vippsState !== 'AUTHORIZED') seen = await read(seen.reference, seen.version);
    tillAt.set(seen.reference, performance.now());
    await approval;
    while (seen.payment.status !== 'COMPLETED') seen = await read(seen.reference, seen.version);
  }
}

export async function tillBench(options: { quick: boolean }): Promise<{ rows: Row[]; details: object }> {
  const polling = options.quick ? { first: 500, every: 200 } : { first: 5000, every: 2000 };
  const lanes = options.quick ? 4 : 8;
  const sales = options.quick ? 5 : 4;
  const sim = await startSimulator({ expirySweepMs: 0 });
  const vippsAt = new Map<string, number>();
  const windowAt = new Map<string, number>();
  const tillAt = new Map<string, number>();
  const off = sim.onChange((change) => {
    if (change.event === 'AUTHORIZED') vippsAt.set(change.reference, performance.now());
  });
  const harnesses: EngineHarness[] = [];
  const servers: TillServer[] = [];
  try {
    const runs: Promise<void>[] = [];
    for (let i = 0; i < lanes; i++) {
      const h = await startEngineHarness({
        sim,
        settings: { counterId: `till${i + 1}` },
        polling: {
          firstDelayMs: polling.first,
          intervalMs: polling.every,
          maxIntervalMs: 30_000,
          reconcileDelayMs: 2000,
        },
        variant: tillJournalVariant,
      });
      harnesses.push(h);
      // The cashier window's moment: the engine's event that the window and customer display get.
      h.engine.on('payment', (v) => {
        if (v.vippsState === 'AUTHORIZED' && !windowAt.has(v.reference))
          windowAt.set(v.reference, performance.now());
      });
      const till = tillLane(h, createRng(i + 1));
      const server = await startTillServer({
        api: till.api,
        bind: 'loopback',
        port: 0,
        logger: silentLogger,
      });
      servers.push(server);
      runs.push(lane(server.url, till.token, sim, i, sales, polling, tillAt));
    }
    await Promise.all(runs);
    const since = (at: Map<string, number>) =>
      [...at].map(([ref, t]) => t - (vippsAt.get(ref) ?? Number.NaN)).filter(Number.isFinite);
    const till = since(tillAt);
    const window = since(windowAt);
    const windowP95 = percentile(window, 95);
    const label = `poll ${polling.first / 1000} s then every ${polling.every / 1000} s; ${till.length} sales`;
    const rows: Row[] = [
      {
        section: 'till API',
        metric: 'cashier window detection p95',
        value: windowP95,
        unit: 'ms',
        target: null,
        note: label,
      },
      {
        section: 'till API',
        metric: 'waiting till call returns p50',
        value: percentile(till, 50),
        unit: 'ms',
        target: null,
      },
      {
        section: 'till API',
        metric: 'waiting till call returns p95',
        value: percentile(till, 95),
        unit: 'ms',
        target: windowP95 + 50,
        note: 'window p95 + 50 ms',
      },
      {
        section: 'till API',
        metric: 'till after window, p95 of the difference',
        value: percentile(
          [...tillAt].map(([ref, t]) => t - (windowAt.get(ref) ?? Number.NaN)).filter(Number.isFinite),
          95,
        ),
        unit: 'ms',
        target: null,
        note: 'per sale; informational (the target is the row above)',
      },
    ];
    return {
      rows,
      details: { polling, sales: till.length, tillMeanMs: mean(till), windowMeanMs: mean(window) },
    };
  } finally {
    off();
    for (const server of servers) await server.close();
    for (const h of harnesses) await h.close();
    await sim.close();
  }
}
