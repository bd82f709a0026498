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
import type { OperationRow } from '../../../src/main/journal';
import { type EngineHarness, startEngineHarness } from '../engine-harness';
import { createCashier, journalSettled, openSales } from './cashier';
import { createRng } from './random';
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

let hooks = 0;
function hook(step: 'before' | 'after', op: OperationRow): void {
  hooks += 1;
  if (config.killAtHook === hooks) {
    say(`kill ${step} ${op.kind}`);
    process.kill(process.pid, 'SIGKILL');
  }
  say(`hook ${step} ${op.kind}`);
}

async function settle(h: EngineHarness): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until && !journalSettled(h)) await sleep(20);
  say(`settled ${JSON.stringify({ ok: journalSettled(h), open: openSales(h) })}`);
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
  const cashier = createCashier(h, createRng(config.seed));
  for (;;) {
    await cashier.round();
    for (const message of cashier.unexpected.splice(0)) say(`unexpected ${message}`);
  }
}

main().catch((error) => {
  say(`unexpected ${(error as Error).message}`);
  process.exit(2);
});
