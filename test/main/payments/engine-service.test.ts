/**
 * The engine as the IPC layer uses it: events to listeners (one that throws harms no other), the
 * counter's active sale, a sale's detail, leaving a sale (dismiss / give up, audited), stopping with a
 * request on the wire (its outcome still reaches the journal), and the hooks around every send.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import type { PaymentView } from '../../../src/preload/contract';
import {
  type EngineHarness,
  FAST_RETRY,
  type HarnessOptions,
  startEngineHarness,
} from '../../support/engine-harness';
import { heldOrEnded, holdSends } from '../../support/engine-wire';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PHONE = '4791234567';

async function harness(options: HarnessOptions = {}) {
  h = await startEngineHarness(options);
  return h;
}

describe('listeners', () => {
  it('each gets every payment event; one that throws is logged and the others still get theirs; unsubscribed ones get none', async () => {
    const lines: string[] = [];
    const h = await harness({ logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const kept: PaymentView[] = [];
    const dropped: PaymentView[] = [];
    h.engine.on('payment', () => {
      throw new Error('listener broke');
    });
    h.engine.on('payment', (v) => kept.push(v));
    const off = h.engine.on('payment', (v) => dropped.push(v));
    expect(off()).toBe(true);
    const sale = await h.engine.start({ amount: 1_000, flow: 'QR' });
    expect(kept.map((v) => v.status)).toEqual(h.payments.map((v) => v.status));
    expect(kept[0]).toMatchObject({ reference: sale.reference, status: 'CREATING' });
    expect(dropped).toEqual([]);
    const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'event listener failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({
      scope: 'test.payments',
      level: 'error',
      event: 'payment',
      error: 'listener broke',
    });
  });
});

describe('the counter’s active sale and a sale’s detail', () => {
  it('none at first; the open sale; after it is left, none again', async () => {
    const h = await harness();
    expect(h.engine.active()).toBeNull();
    const sale = await h.engine.start({ amount: 1_000, flow: 'QR' });
    expect(h.engine.active()).toMatchObject({ reference: sale.reference, status: 'WAITING' });
    await h.engine.cancel(sale.reference);
    h.engine.dismiss(sale.reference);
    expect(h.engine.active()).toBeNull();
  });

  it('the detail: the sale, its operations and Vipps’ events', async () => {
    const h = await harness();
    const sale = await h.engine.start({ amount: 2_000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(sale.reference);
    await h.waitFor(sale.reference, (p) => p.status === 'COMPLETED');
    const detail = await h.engine.get(sale.reference);
    expect(detail.payment).toMatchObject({ reference: sale.reference, status: 'COMPLETED', kept: 2_000 });
    expect(detail.operations.map((o) => [o.kind, o.status, o.amount])).toEqual([
      ['create', 'succeeded', 2_000],
      ['capture', 'succeeded', 2_000],
    ]);
    expect(detail.events.map((e) => e.name)).toEqual(
      expect.arrayContaining(['CREATED', 'AUTHORIZED', 'CAPTURED']),
    );
    await expect(h.engine.get('not a reference')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('a request without its body', () => {
  it('capture, refund and resolve without a request are "not a payment reference", not a crash', async () => {
    const h = await harness();
    const notAReference = {
      code: 'VALIDATION',
      message: 'That is not a payment reference.',
      details: { field: 'reference' },
    };
    await expect(h.engine.capture(undefined as never)).rejects.toMatchObject(notAReference);
    await expect(h.engine.refund(undefined as never)).rejects.toMatchObject(notAReference);
    await expect(h.engine.resolve(undefined as never)).rejects.toMatchObject(notAReference);
    expect(h.sim.requests.count()).toBe(0);
  });
});

describe('leaving a sale', () => {
  const leaves = (hh: EngineHarness, reference: string) =>
    hh.journal.audit
      .forReference(reference)
      .filter((a) => a.action === 'dismiss' || a.action === 'give-up')
      .map(({ actor, action, amount, details }) => ({ actor, action, amount, details }));

  it('a finished sale is put away once, audited as dismissed with its status', async () => {
    const h = await harness();
    const sale = await h.engine.start({ amount: 1_000, flow: 'QR' });
    await h.engine.cancel(sale.reference);
    h.engine.dismiss(sale.reference);
    h.engine.dismiss(sale.reference);
    expect(h.journal.payments.get(sale.reference)).toMatchObject({ dismissed: true, givenUp: false });
    expect(leaves(h, sale.reference)).toEqual([
      { actor: 'cashier', action: 'dismiss', amount: null, details: { status: 'CANCELLED' } },
    ]);
  });

  it('a sale still waiting for the customer is given up: audited so, and still watched', async () => {
    const h = await harness();
    const sale = await h.engine.start({ amount: 1_000, flow: 'PUSH_PHONE', phone: PHONE });
    h.engine.dismiss(sale.reference);
    expect(h.journal.payments.get(sale.reference)).toMatchObject({ dismissed: true, givenUp: true });
    expect(leaves(h, sale.reference)).toEqual([
      { actor: 'cashier', action: 'give-up', amount: null, details: { status: 'WAITING' } },
    ]);
    h.sim.customer.reject(sale.reference);
    await h.waitFor(sale.reference, (p) => p.status === 'REJECTED', 'REJECTED');
  });

  it('a sale whose create outcome is unknown may be left too', async () => {
    const h = await harness({
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      polling: { reconcileDelayMs: 60_000 },
    });
    h.sim.faults.add({ kind: 'lost-response', times: 1, match: { operation: 'createPayment' } });
    const sale = await h.engine.start({ amount: 1_000, flow: 'QR' });
    expect(sale.status).toBe('UNKNOWN');
    h.engine.dismiss(sale.reference);
    expect(leaves(h, sale.reference)).toMatchObject([{ action: 'give-up', details: { status: 'UNKNOWN' } }]);
  });

  it('a sale whose cancel is on its way may be left too', async () => {
    const { hooks, sending, release } = holdSends('cancel');
    const h = await harness({ hooks });
    const sale = await h.engine.start({ amount: 1_000, flow: 'PUSH_PHONE', phone: PHONE });
    const cancelling = h.engine.cancel(sale.reference);
    await heldOrEnded(sending, cancelling);
    h.engine.dismiss(sale.reference);
    expect(leaves(h, sale.reference)).toMatchObject([
      { action: 'give-up', details: { status: 'CANCELLING' } },
    ]);
    release();
    await cancelling;
  });

  it('a sale with an operation running cannot be left', async () => {
    const { hooks, sending, release } = holdSends('create');
    const h = await harness({ hooks });
    const starting = h.engine.start({ amount: 1_000, flow: 'QR' });
    await heldOrEnded(sending, starting);
    const reference = h.engine.active()!.reference;
    expect(() => h.engine.dismiss(reference)).toThrow(
      expect.objectContaining({
        code: 'INVALID_STATE',
        message: 'Complete or release this sale before leaving it.',
        details: { reference },
      }),
    );
    expect(h.journal.payments.get(reference)?.dismissed).toBe(false);
    release();
    await starting;
  });
});

describe('stopping', () => {
  it('waits for a request already on the wire, so its outcome is in the journal', async () => {
    const h = await harness({ settings: { capturePolicy: 'reserve-only' } });
    const sale = await h.engine.start({ amount: 1_000, flow: 'QR' });
    h.sim.customer.approve(sale.reference);
    await h.waitFor(sale.reference, (p) => p.status === 'RESERVED');
    h.sim.faults.add({ kind: 'latency', ms: 300, times: 1, match: { operation: 'capturePayment' } });
    let arrived!: () => void;
    const atVipps = new Promise<void>((r) => {
      arrived = r;
    });
    h.sim.observe({ request: (req) => req.operation === 'capturePayment' && arrived() });
    const capturing = h.engine.capture({ reference: sale.reference }).catch(() => undefined);
    await atVipps;
    await h.engine.stop();
    expect(h.journal.operations.forReference(sale.reference).find((o) => o.kind === 'capture')).toMatchObject(
      {
        status: 'succeeded',
      },
    );
    await capturing;
  });
});

describe('the hooks around a send', () => {
  it('before: the intent is committed and nothing sent; after: Vipps has answered and the outcome is not written yet', async () => {
    const seen: string[] = [];
    let hh: EngineHarness | undefined;
    const h = await harness({
      hooks: {
        beforeSend: (op) => {
          const stored = hh!.journal.operations.get(op.id);
          seen.push(
            `before ${op.kind} ${stored?.status} ${stored?.attempts} ${hh!.sim.requests.count('createPayment')}`,
          );
        },
        afterSend: (op) => {
          const stored = hh!.journal.operations.get(op.id);
          seen.push(`after ${op.kind} ${stored?.status} ${hh!.sim.requests.count('createPayment')}`);
        },
      },
    });
    hh = h;
    await h.engine.start({ amount: 1_000, flow: 'QR' });
    expect(seen).toEqual(['before create pending 1 0', 'after create pending 1']);
  });
});
