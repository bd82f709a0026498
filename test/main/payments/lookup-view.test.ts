/**
 * What a cashier sees when looking up a sale this counter's journal does not have (issue 13): only
 * a real reference is asked about; the origin shown is taken from Vipps' metadata only when it is
 * what a counter of this app writes (anyone can put text there); a sale made by another system
 * still shows, marked "made elsewhere" with nothing invented; and a missing event log costs only
 * the log. Real simulator over loopback, real journal files.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { originOf } from '../../../src/main/payments/lookup';
import type { GetPaymentResponse, PaymentEvent } from '../../../src/main/vipps/types';
import { ORIGIN_METADATA } from '../../../src/preload/contract';
import { type EngineHarness, vippsClientFor } from '../../support/engine-harness';
import { engineSuite } from '../../support/engine-suite';

const PHONE = '4791234567';
const suite = engineSuite();
const { counter } = suite;

let serial = 0;
/** A sale made straight at Vipps by some other system (no journal of this app has it), approved. */
async function madeElsewhere(on: EngineHarness, metadata?: Record<string, string>): Promise<string> {
  serial += 1;
  const reference = `shop9-20261130-1200${String(serial).padStart(2, '0')}-else`;
  on.writeAhead.exempt((ref) => ref === reference);
  await vippsClientFor(suite.sim).createPayment(
    {
      amount: { value: 7_500, currency: 'NOK' },
      paymentMethod: { type: 'WALLET' },
      reference,
      userFlow: 'PUSH_MESSAGE',
      customer: { phoneNumber: PHONE },
      ...(metadata ? { metadata } : {}),
    },
    randomUUID(),
  );
  suite.sim.customer.approve(reference);
  return reference;
}

describe('only a payment reference is looked up', () => {
  it.each([
    ['too short', 'lane1-x'],
    ['a space', 'lane1 20261130-101500'],
    ['a slash', 'lane1/20261130-101500'],
    ['longer than 64', `lane1-${'a'.repeat(59)}`],
    ['a number', 20261130101500],
  ])('%s: refused with the field named, and Vipps is not asked', async (_what, reference) => {
    const b = await counter('lane2');
    const before = suite.sim.requests.list().length;
    // What arrives over IPC is not typed at run time.
    await expect(b.engine.lookup(reference as string)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'That is not a payment reference.',
      details: { field: 'reference' },
    });
    expect(suite.sim.requests.list().length).toBe(before);
    expect(b.journal.payments.count()).toBe(0);
  });

  it('Vipps’ own reference rule (8–64 letters, digits, dashes) is accepted though ours are shorter', async () => {
    const b = await counter('lane2');
    expect(await b.engine.lookup('ABCD1234')).toEqual({ found: 'none', reference: 'ABCD1234' });
    const longest = `x-${'9'.repeat(62)}`;
    expect(await b.engine.lookup(longest)).toEqual({ found: 'none', reference: longest });
  });
});

describe('where the sale was made, as Vipps tells it', () => {
  it('a QR sale from counter A shows as a QR sale on B, with A’s counter and description', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const { reference } = await a.engine.start({ amount: 2_500, flow: 'QR', description: 'Kaffe og bolle' });
    suite.sim.customer.approve(reference);
    await a.waitFor(reference, (v) => v.status === 'COMPLETED');
    const found = await b.engine.lookup(reference);
    expect(found.found).toBe('vipps');
    if (found.found !== 'vipps') return;
    expect(found.detail.payment).toMatchObject({
      flow: 'QR',
      description: 'Kaffe og bolle',
      counterId: 'lane2',
      origin: { counterId: 'lane1', flow: 'QR', description: 'Kaffe og bolle', adoptedAt: null },
    });
  });

  it('a sale made by another system: no counter, flow or description is invented', async () => {
    const b = await counter('lane2');
    const reference = await madeElsewhere(b);
    const found = await b.engine.lookup(reference);
    expect(found.found).toBe('vipps');
    if (found.found !== 'vipps') return;
    const { payment, events } = found.detail;
    const created = events.find((e) => e.name === 'CREATED')!;
    expect(payment).toMatchObject({
      amount: 7_500,
      status: 'RESERVED',
      description: '',
      lines: [],
      createdAt: created.timestamp,
      origin: {
        counterId: null,
        description: null,
        flow: null,
        createdAt: created.timestamp,
        adoptedAt: null,
      },
    });
  });

  it('metadata that is not what a counter writes (spaces, control characters, unknown flow) is not shown', async () => {
    const b = await counter('lane2');
    const reference = await madeElsewhere(b, {
      [ORIGIN_METADATA.counterId]: 'lane1 lane2',
      [ORIGIN_METADATA.description]: 'Jakke\u0007str. M',
      [ORIGIN_METADATA.flow]: 'CARD',
    });
    const found = await b.engine.lookup(reference);
    expect(found.found === 'vipps' && found.detail.payment.origin).toMatchObject({
      counterId: null,
      description: null,
      flow: null,
    });
    expect(found.found === 'vipps' && found.detail.payment.description).toBe('');

    const tooLong = await madeElsewhere(b, {
      [ORIGIN_METADATA.counterId]: 'counter-seventeen',
      [ORIGIN_METADATA.description]: `${'d'.repeat(100)}!`,
    });
    const second = await b.engine.lookup(tooLong);
    expect(second.found === 'vipps' && second.detail.payment.origin).toMatchObject({
      counterId: null,
      description: null,
    });
  });

  it('the created time is the CREATED event’s, in whatever order Vipps lists the events', async () => {
    const b = await counter('lane2');
    const reference = await madeElsewhere(b);
    const remote: GetPaymentResponse = await b.vipps.getPayment(reference);
    const event = (name: PaymentEvent['name'], timestamp: string): PaymentEvent => ({
      reference,
      pspReference: remote.pspReference,
      name,
      amount: remote.amount,
      timestamp,
      idempotencyKey: null,
      success: true,
    });
    const events = [
      event('AUTHORIZED', '2026-11-30T12:00:40.000Z'),
      event('CREATED', '2026-11-30T12:00:05.000Z'),
    ];
    expect(originOf(remote, events, null).createdAt).toBe('2026-11-30T12:00:05.000Z');
    expect(originOf(remote, [events[0]!], null).createdAt).toBeNull();
  });
});

describe('when Vipps’ event log cannot be read', () => {
  it('the sale is still shown, without events or a made-at time; the log says why', async () => {
    const lines: string[] = [];
    const b = await counter('lane2', { logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const reference = await madeElsewhere(b, { [ORIGIN_METADATA.counterId]: 'lane1' });
    const fault = suite.sim.faults.add({
      kind: 'status',
      status: 500,
      match: { operation: 'getPaymentEventLog', path: new RegExp(reference) },
    });
    try {
      const found = await b.engine.lookup(reference);
      expect(found.found).toBe('vipps');
      if (found.found !== 'vipps') return;
      expect(found.detail.events).toEqual([]);
      expect(found.detail.payment).toMatchObject({ amount: 7_500, status: 'RESERVED' });
      expect(found.detail.payment.origin).toMatchObject({ counterId: 'lane1', createdAt: null });
      // Shown with the time it was looked up (it is not journaled, so nothing keeps that time).
      expect(Date.parse(found.detail.payment.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      const warned = lines
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'event log not fetched for lookup');
      expect(warned).toMatchObject([{ level: 'warn', reference, code: 'UPSTREAM' }]);
    } finally {
      fault.remove();
    }
  });
});
