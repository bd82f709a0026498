/**
 * Opening a sale's detail catches this journal up with money another counter moved (issue 13): one
 * read of the payment, and only when Vipps' event log shows successful money movements the row does
 * not know (every read counts against the per-reference window of 120 a minute). Best effort: when
 * Vipps' log or payment cannot be read, the detail shows what the journal has. Real simulator.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import type { PaymentEvent } from '../../../src/main/vipps/types';
import type { EngineHarness } from '../../support/engine-harness';
import { engineSuite } from '../../support/engine-suite';

const PHONE = '4791234567';
const suite = engineSuite();
const { counter } = suite;

async function paidOn(a: EngineHarness, amount: number): Promise<string> {
  const { reference } = await a.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  suite.sim.customer.approve(reference);
  await a.waitFor(reference, (v) => v.status === 'COMPLETED');
  return reference;
}

const reads = (operation: string, reference: string) =>
  suite.sim.requests.list().filter((r) => r.operation === operation && r.path.includes(reference)).length;

function withFault(operation: 'getPayment' | 'getPaymentEventLog', reference: string) {
  return suite.sim.faults.add({
    kind: 'status',
    status: 500,
    match: { operation, path: new RegExp(reference) },
  });
}

describe('reading Vipps’ payment only when the event log says the row is behind', () => {
  it('a sale the journal knows in full: its detail reads Vipps’ event log, not the payment', async () => {
    const a = await counter('lane1');
    const reference = await paidOn(a, 11_000);
    const before = reads('getPayment', reference);
    const detail = await a.engine.get(reference);
    expect(detail.payment).toMatchObject({ status: 'COMPLETED', refundable: 11_000 });
    expect(detail.events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    expect(reads('getPayment', reference)).toBe(before);
  });

  it('a refund that failed at Vipps is not money moved: no read, nothing changed', async () => {
    let reference = '';
    // Vipps' log as it lists a failed refund (success false) after the sale's own events.
    const a = await counter('lane1', {
      variant: ({ journal, vipps }) => ({
        journal,
        vipps: {
          ...vipps,
          getEvents: async (ref) => {
            const events = await vipps.getEvents(ref);
            if (ref !== reference) return events;
            const captured = events.find((e) => e.name === 'CAPTURED')!;
            const failed: PaymentEvent = {
              ...captured,
              name: 'REFUNDED',
              timestamp: new Date().toISOString(),
              idempotencyKey: 'refund-that-failed',
              success: false,
            };
            return [...events, failed];
          },
        },
      }),
    });
    reference = await paidOn(a, 12_000);
    const before = reads('getPayment', reference);
    const detail = await a.engine.get(reference);
    expect(detail.payment).toMatchObject({ shown: 'COMPLETED', refundable: 12_000 });
    expect(detail.payment.aggregate.refunded).toBe(0);
    expect(reads('getPayment', reference)).toBe(before);
  });

  it('another counter’s refund: one read, and the row takes Vipps’ amounts', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const reference = await paidOn(a, 13_000);
    await b.engine.refund({ reference, amount: 3_000, reason: 'Byttet', requestId: 'refund-catchup-0001' });
    const before = reads('getPayment', reference);
    const detail = await a.engine.get(reference);
    expect(detail.payment).toMatchObject({ shown: 'PARTLY_REFUNDED', refundable: 10_000 });
    expect(reads('getPayment', reference)).toBe(before + 1);
  });
});

describe('when Vipps cannot be read, the detail shows what the journal has', () => {
  it('the event log fails: the sale and its journaled events are still shown', async () => {
    const a = await counter('lane1');
    const reference = await paidOn(a, 14_000);
    await a.engine.get(reference);
    const fault = withFault('getPaymentEventLog', reference);
    try {
      const detail = await a.engine.get(reference);
      expect(detail.payment).toMatchObject({ status: 'COMPLETED', refundable: 14_000 });
      expect(detail.events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    } finally {
      fault.remove();
    }
  });

  it('the catch-up read fails: the journal’s amounts are shown, the log says why, the next look catches up', async () => {
    const lines: string[] = [];
    const a = await counter('lane1', { logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const b = await counter('lane2');
    const reference = await paidOn(a, 15_000);
    await b.engine.refund({ reference, amount: 5_000, reason: 'Byttet', requestId: 'refund-catchup-0002' });
    const fault = withFault('getPayment', reference);
    try {
      const detail = await a.engine.get(reference);
      expect(detail.payment).toMatchObject({ shown: 'COMPLETED', refundable: 15_000 });
    } finally {
      fault.remove();
    }
    const warned = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'could not catch up with Vipps');
    expect(warned).toMatchObject([{ level: 'warn', reference, code: 'UPSTREAM' }]);
    const again = await a.engine.get(reference);
    expect(again.payment).toMatchObject({ shown: 'PARTLY_REFUNDED', refundable: 10_000 });
  });
});
