import { createReceiptQueue, type ReceiptQueue } from '../../../src/main/receipts';
import type { Simulator } from '../../../src/main/simulator';
import type { VippsClient } from '../../../src/main/vipps/types';
import type { PaymentView } from '../../../src/preload/contract';
import type { EngineHarness } from '../../support/engine-harness';

/** The queue as core wires it: every completed sale is handed over (after the engine's write). */
export function queueFor(
  h: EngineHarness,
  vipps: VippsClient = h.vipps,
  backoffMs = 20,
): ReceiptQueue & { pushed: PaymentView[] } {
  const pushed: PaymentView[] = [];
  const queue = createReceiptQueue({
    journal: h.journal,
    vipps,
    backoff: { baseDelayMs: backoffMs, maxDelayMs: backoffMs * 4, maxAttempts: 5 },
    onPayment: (view) => pushed.push(view),
  });
  h.engine.on('payment', (view) => {
    if (view.status === 'COMPLETED' && view.receipt === 'none')
      setImmediate(() => queue.enqueue(view.reference));
  });
  return Object.assign(queue, { pushed });
}

/** What Order Management holds for the order (GET /order-management/v2/ECOM/{reference}). */
export async function orderAtVipps(
  sim: Simulator,
  vipps: VippsClient,
  reference: string,
): Promise<{ receipt?: unknown }> {
  const token = await vipps.fetchToken();
  const response = await fetch(`${sim.url}/order-management/v2/ECOM/${reference}`, {
    headers: {
      Authorization: `Bearer ${token.accessToken}`,
      'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey,
      'Merchant-Serial-Number': sim.credentials.merchantSerialNumber,
    },
  });
  if (response.status !== 200) throw new Error(`getOrder answered ${response.status}`);
  return (await response.json()) as { receipt?: unknown };
}

/** Waits (polling every 10 ms, at most 10 s) until `test` holds. */
export async function eventually<T>(read: () => T, test: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`never reached ${what}; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A QR sale the customer approves; capture-now completes it. */
export async function completedSale(h: EngineHarness, req: Parameters<EngineHarness['engine']['start']>[0]) {
  const started = await h.engine.start(req);
  h.sim.customer.approve(started.reference);
  return h.waitFor(started.reference, (v) => v.status === 'COMPLETED', 'COMPLETED');
}
