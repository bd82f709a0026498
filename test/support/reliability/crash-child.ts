/**
 * One counter, run as its own process by the crash-injection suite: the real engine over a real
 * journal file, talking to the parent's simulator. It does cashier work forever (sales, cancels,
 * refunds, decisions after late approvals) until it is SIGKILLed — by the parent at a random moment,
 * or by itself at a chosen send hook (`before` = intent committed, request not sent; `after` = Vipps
 * answered, outcome not written). In `settle` mode it recovers and waits for every sale to be final
 * or surfaced, then exits normally.
 *
 * stdout lines (synchronous on pipes): `ready`, `hook <before|after> <kind>`, `kill <before|after>
 * <kind>` (kind: an engine operation or `receipt`), `settled <json>`, `unexpected <message>`.
 * env PROOF_CHILD: {"simUrl","dir","counterId","seed","mode":"work"|"settle","killAt":{"point","nth"}|null,"till"}
 * With `till` the counter is driven by a till through the till API (./till-lane.ts), which after a
 * restart first sends again, with the same request id, the request it had in flight at the kill.
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { OperationRow } from '../../../src/main/journal';
import { createReceiptQueue } from '../../../src/main/receipts/queue';
import type { VippsClient } from '../../../src/main/vipps/types';
import { type EngineHarness, startEngineHarness } from '../engine-harness';
import { createAskBook } from './asks';
import { createCashier, journalSettled, openSales } from './cashier';
import { createRng } from './random';
import { remoteSimulator } from './remote-sim';
import { tillJournalVariant, tillLane } from './till-lane';

interface ChildConfig {
  simUrl: string;
  dir: string;
  counterId: string;
  seed: number;
  mode: 'work' | 'settle';
  /** Die at the nth time this point is reached, e.g. `after refund`. */
  killAt: { point: string; nth: number } | null;
  till?: boolean;
}

const config = JSON.parse(process.env.PROOF_CHILD ?? '{}') as ChildConfig;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const seen = new Map<string, number>();
function hook(step: 'before' | 'after', kind: OperationRow['kind']): void {
  const point = `${step} ${kind}`;
  const n = (seen.get(point) ?? 0) + 1;
  seen.set(point, n);
  if (config.killAt && config.killAt.point === point && config.killAt.nth === n) {
    say(`kill ${point}`);
    process.kill(process.pid, 'SIGKILL');
  }
  say(`hook ${point}`);
}

/**
 * The receipt queue as the app runs it (a job per completed sale, journaled, resumed at start),
 * with the same two kill points around its Order Management call as the engine's operations.
 */
function startReceipts(h: EngineHarness) {
  const vipps: VippsClient = {
    ...h.vipps,
    addReceipt: async (reference, receipt) => {
      hook('before', 'receipt');
      await h.vipps.addReceipt(reference, receipt);
      hook('after', 'receipt');
    },
  };
  const queue = createReceiptQueue({
    journal: h.journal,
    vipps,
    backoff: { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 100 },
  });
  h.engine.on('payment', (view) => {
    if (view.status === 'COMPLETED' && view.receipt === 'none')
      setImmediate(() => queue.enqueue(view.reference));
  });
  queue.start();
  return queue;
}

/** Every sale final or surfaced, and every completed sale's receipt at Vipps. */
function receiptsDone(h: EngineHarness): boolean {
  let cursor: string | undefined;
  do {
    const page = h.engine.search({ status: 'COMPLETED', limit: 200, ...(cursor ? { cursor } : {}) });
    if (!page.items.every((v) => v.receipt === 'sent')) return false;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return true;
}

async function settle(h: EngineHarness): Promise<void> {
  const done = () => journalSettled(h) && receiptsDone(h);
  const until = Date.now() + 20_000;
  while (Date.now() < until && !done()) await sleep(20);
  say(`settled ${JSON.stringify({ ok: done(), open: openSales(h), receipts: receiptsDone(h) })}`);
}

async function main(): Promise<void> {
  const h = await startEngineHarness({
    sim: remoteSimulator(config.simUrl),
    dir: config.dir,
    settings: { counterId: config.counterId },
    hooks: { beforeSend: (op) => hook('before', op.kind), afterSend: (op) => hook('after', op.kind) },
    ...(config.till ? { variant: tillJournalVariant } : {}),
  });
  // The till keeps its token and its request in flight across the kills (a till's own storage).
  const till = config.till
    ? tillLane(h, createRng(config.seed + 1), {
        pendingFile: join(config.dir, 'till-pending.json'),
        token: `vmct_${createHash('sha256').update(config.dir).digest('base64url')}`,
      })
    : null;
  const receipts = startReceipts(h);
  say('ready');
  await till?.resume();
  if (config.mode === 'settle') {
    await settle(h);
    await receipts.close();
    await h.shutdown();
    process.exit(0);
  }
  // What the cashier asks is written down before the engine hears it, so the parent's oracle can
  // hold Vipps' movements against the request even after a kill.
  const cashier = createCashier(
    till?.harness ?? h,
    createRng(config.seed),
    createAskBook(join(config.dir, 'asks.jsonl')),
  );
  for (;;) {
    await cashier.round();
    for (const message of till?.replayMismatches.splice(0) ?? []) say(`unexpected till re-send: ${message}`);
    for (const message of cashier.unexpected.splice(0)) say(`unexpected ${message}`);
    for (const message of cashier.oddities.splice(0)) say(`unexpected ${message}`);
  }
}

main().catch((error) => {
  say(`unexpected ${(error as Error).message}`);
  process.exit(2);
});
