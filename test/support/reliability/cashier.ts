/**
 * What a busy cashier does all day, as a loop over the real engine: sales (some cancelled at once,
 * racing the customer's approval), refunds of earlier sales, and decisions on reservations the app
 * surfaced. Shared by the crash-injection child and the network-fault suite.
 */
import { isPosFailure } from '../../../src/main/errors';
import { FINAL_SALE_STATUSES, type PaymentView } from '../../../src/preload/contract';
import type { EngineHarness } from '../engine-harness';
import { type AskBook, createAskBook, saleDescription } from './asks';
import type { Rng } from './random';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const isFinalView = (v: PaymentView) => FINAL_SALE_STATUSES.includes(v.status);

export interface Cashier {
  /** One round: decisions first, then the counter's open sale, or a refund and a new sale. */
  round(): Promise<void>;
  /** Errors that are not PosFailures: bugs, never expected. */
  readonly unexpected: string[];
  /** PosFailure codes the engine answered with, by code (refusals, Vipps errors, …). */
  readonly refusals: Record<string, number>;
  /** Messages of answers a cashier should never get from valid input (VALIDATION, INTERNAL, JOURNAL). */
  readonly oddities: string[];
  /** Every request, written down before the engine was called (the oracle's side of the story). */
  readonly asks: AskBook;
}

const ODD = new Set(['VALIDATION', 'INTERNAL', 'JOURNAL']);

export function createCashier(h: EngineHarness, rng: Rng, asks: AskBook = createAskBook()): Cashier {
  const unexpected: string[] = [];
  const refusals: Record<string, number> = {};
  const oddities: string[] = [];

  async function attempt<T>(fn: () => Promise<T> | T): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      if (isPosFailure(error)) {
        refusals[error.code] = (refusals[error.code] ?? 0) + 1;
        if (ODD.has(error.code))
          oddities.push(`${error.code}: ${error.message} ${JSON.stringify(error.details ?? {})}`);
      } else unexpected.push((error as Error).message.replace(/\n/g, ' '));
      return undefined;
    }
  }

  const decide = (reference: string) => {
    const action = rng.chance(0.6) ? 'complete' : 'release';
    asks.record({
      kind: action === 'complete' ? 'capture' : 'release',
      amount: null,
      reference,
      requestId: null,
    });
    return attempt(() => h.engine.resolve({ reference, action }));
  };

  const cancel = (reference: string) => {
    asks.record({ kind: 'cancel', amount: null, reference, requestId: null });
    return attempt(() => h.engine.cancel(reference));
  };

  async function settleAttention(): Promise<void> {
    for (const v of h.engine.attention()) {
      if (v.status === 'DECISION_NEEDED' || v.status === 'RESERVED') await decide(v.reference);
    }
  }

  async function refundSomething(): Promise<void> {
    // Vipps' smallest amount is 100 minor units, for refunds too.
    const done = h.engine.search({ status: 'COMPLETED', limit: 20 }).items.filter((v) => v.refundable >= 100);
    if (done.length === 0) return;
    const sale = rng.pick(done);
    const amount = rng.chance(0.5) ? sale.refundable : rng.int(100, sale.refundable);
    const requestId = `rf-${rng.int(1e8, 9e8)}-${rng.int(1e8, 9e8)}`;
    asks.record({ kind: 'refund', amount, reference: sale.reference, requestId });
    await attempt(() =>
      h.engine.refund({ reference: sale.reference, amount, reason: 'Returned goods', requestId }),
    );
  }

  async function waitWhile(reference: string, busy: (v: PaymentView) => boolean, ms: number) {
    const until = Date.now() + ms;
    while (Date.now() < until && busy(h.view(reference))) await sleep(5);
    return h.view(reference);
  }

  async function sale(): Promise<void> {
    const amount = rng.int(100, 50_000);
    const ask = asks.record({ kind: 'sale', amount, reference: null, requestId: null });
    const started = await attempt(() =>
      h.engine.start({ amount, flow: 'PUSH_PHONE', phone: '4791234567', description: saleDescription(ask) }),
    );
    if (!started) return;
    const { reference } = started;
    if (rng.chance(0.2)) {
      // Cancel while the customer may be approving at the same moment.
      await sleep(rng.int(0, 30));
      await cancel(reference);
    } else {
      const v = await waitWhile(reference, (x) => x.status === 'WAITING' || x.status === 'CREATING', 250);
      if (v.status === 'WAITING') await cancel(reference);
    }
    await waitWhile(reference, (x) => !isFinalView(x) && x.attention === null, 1000);
  }

  async function handleActive(active: PaymentView): Promise<void> {
    switch (active.status) {
      case 'WAITING':
        await cancel(active.reference);
        break;
      case 'RESERVED':
      case 'DECISION_NEEDED':
        await decide(active.reference);
        break;
      default:
        await sleep(20);
    }
  }

  return {
    unexpected,
    refusals,
    oddities,
    asks,
    async round() {
      await settleAttention();
      const active = h.engine.active();
      if (active && !isFinalView(active)) {
        await handleActive(active);
        return;
      }
      if (rng.chance(0.35)) await refundSomething();
      await sale();
    },
  };
}

/** Every sale final or surfaced for staff, and no outcome still unknown. */
export function journalSettled(h: EngineHarness): boolean {
  return h.journal.payments
    .unfinished(FINAL_SALE_STATUSES as never)
    .every((row) => row.attention !== null && row.status !== 'UNKNOWN');
}

export function openSales(h: EngineHarness): string[] {
  return h.journal.payments
    .unfinished(FINAL_SALE_STATUSES as never)
    .map((r) => `${r.reference}:${r.status}:${r.attention}`);
}
