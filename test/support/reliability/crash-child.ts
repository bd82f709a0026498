/**
 * One counter, run as its own process by the crash-injection suite: the real engine over a real
 * journal file, talking to the parent's simulator. It does cashier work forever (sales, cancels,
 * refunds, decisions after late approvals) until it is SIGKILLed — by the parent at a random moment,
 * or by itself at a chosen send hook (`before` = intent committed, request not sent; `after` = Vipps
 * answered, outcome not written). In `settle` mode it recovers and waits for every sale to be final
 * or surfaced, then exits normally.
 *
 * stdout lines (synchronous on pipes): `ready`, `hook <before|after> <kind>`, `kill <before|after>
 * <kind>`, `settled <json>`, `unexpected <message>`.
 * env PROOF_CHILD: {"simUrl","dir","counterId","seed","mode":"work"|"settle","killAtHook":n|null}
 */
import { isPosFailure } from '../../../src/main/errors';
import type { OperationRow } from '../../../src/main/journal';
import { FINAL_SALE_STATUSES, type PaymentView } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../engine-harness';
import { createRng, type Rng } from './random';
import { remoteSimulator } from './remote-sim';

interface ChildConfig {
  simUrl: string;
  dir: string;
  counterId: string;
  seed: number;
  mode: 'work' | 'settle';
  killAtHook: number | null;
}

const config = JSON.parse(process.env.PROOF_CHILD ?? '{}') as ChildConfig;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isFinal = (v: PaymentView) => FINAL_SALE_STATUSES.includes(v.status);

let hooks = 0;
function hook(step: 'before' | 'after', op: OperationRow): void {
  hooks += 1;
  if (config.killAtHook === hooks) {
    say(`kill ${step} ${op.kind}`);
    process.kill(process.pid, 'SIGKILL');
  }
  say(`hook ${step} ${op.kind}`);
}

/** Expected refusals (state, amount, Vipps errors) are part of the work; anything else is a bug. */
async function attempt<T>(fn: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (!isPosFailure(error)) say(`unexpected ${(error as Error).message.replace(/\n/g, ' ')}`);
    return undefined;
  }
}

async function settleAttention(h: EngineHarness, rng: Rng): Promise<void> {
  for (const v of h.engine.attention()) {
    if (v.status === 'DECISION_NEEDED' || v.status === 'RESERVED') {
      await attempt(() =>
        h.engine.resolve({ reference: v.reference, action: rng.chance(0.6) ? 'complete' : 'release' }),
      );
    }
  }
}

async function refundSomething(h: EngineHarness, rng: Rng): Promise<void> {
  const done = h.engine.search({ status: 'COMPLETED', limit: 20 }).items.filter((v) => v.refundable > 0);
  if (done.length === 0) return;
  const sale = rng.pick(done);
  const amount = rng.chance(0.5) ? sale.refundable : rng.int(1, sale.refundable);
  await attempt(() =>
    h.engine.refund({
      reference: sale.reference,
      amount,
      reason: 'Returned goods',
      requestId: `rf-${rng.int(1e8, 9e8)}-${rng.int(1e8, 9e8)}`,
    }),
  );
}

async function waitWhile(h: EngineHarness, reference: string, busy: (v: PaymentView) => boolean, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until && busy(h.view(reference))) await sleep(5);
  return h.view(reference);
}

async function sale(h: EngineHarness, rng: Rng): Promise<void> {
  const started = await attempt(() =>
    h.engine.start({ amount: rng.int(100, 50_000), flow: 'PUSH_PHONE', phone: '4791234567' }),
  );
  if (!started) return;
  const { reference } = started;
  if (rng.chance(0.2)) {
    // Cancel while the customer may be approving at the same moment.
    await sleep(rng.int(0, 30));
    await attempt(() => h.engine.cancel(reference));
  } else {
    const v = await waitWhile(h, reference, (x) => x.status === 'WAITING' || x.status === 'CREATING', 250);
    if (v.status === 'WAITING') await attempt(() => h.engine.cancel(reference));
  }
  await waitWhile(h, reference, (x) => !isFinal(x) && x.attention === null, 1000);
}

async function handleActive(h: EngineHarness, rng: Rng, active: PaymentView): Promise<void> {
  switch (active.status) {
    case 'WAITING':
      await attempt(() => h.engine.cancel(active.reference));
      break;
    case 'RESERVED':
    case 'DECISION_NEEDED':
      await attempt(() =>
        h.engine.resolve({ reference: active.reference, action: rng.chance(0.6) ? 'complete' : 'release' }),
      );
      break;
    default:
      await sleep(20);
  }
}

async function work(h: EngineHarness, rng: Rng): Promise<never> {
  for (;;) {
    await settleAttention(h, rng);
    const active = h.engine.active();
    if (active && !isFinal(active)) {
      await handleActive(h, rng, active);
      continue;
    }
    if (rng.chance(0.35)) await refundSomething(h, rng);
    await sale(h, rng);
  }
}

/** Every sale final or surfaced, and no intent without an outcome unless its sale is surfaced. */
function settled(h: EngineHarness): boolean {
  const open = h.journal.payments.unfinished(FINAL_SALE_STATUSES as never);
  return open.every((row) => row.attention !== null && row.status !== 'UNKNOWN');
}

async function settle(h: EngineHarness): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until && !settled(h)) await sleep(20);
  const open = h.journal.payments.unfinished(FINAL_SALE_STATUSES as never);
  say(
    `settled ${JSON.stringify({ ok: settled(h), open: open.map((r) => `${r.reference}:${r.status}:${r.attention}`) })}`,
  );
}

async function main(): Promise<void> {
  const h = await startEngineHarness({
    sim: remoteSimulator(config.simUrl),
    dir: config.dir,
    settings: { counterId: config.counterId },
    hooks: { beforeSend: (op) => hook('before', op), afterSend: (op) => hook('after', op) },
  });
  say('ready');
  if (config.mode === 'settle') {
    await settle(h);
    await h.shutdown();
    process.exit(0);
  }
  await work(h, createRng(config.seed));
}

main().catch((error) => {
  say(`unexpected ${(error as Error).message}`);
  process.exit(2);
});
