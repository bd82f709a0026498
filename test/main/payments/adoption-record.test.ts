/**
 * What adopting another counter's sale leaves behind (issue 13): the journal row as a fresh sale of
 * this journal with the origin Vipps told, the audit entry (who, whose sale), the support log's line
 * naming the counter it came from, Vipps' event log copied once; two actions at once adopt once and
 * neither fails on the journal. Refusals cross IPC with their words. Real simulator, real journals.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { type EngineHarness, vippsClientFor } from '../../support/engine-harness';
import { engineSuite } from '../../support/engine-suite';

const PHONE = '4791234567';
const suite = engineSuite();
const { counter } = suite;

function logged(lines: string[], msg: string): Array<Record<string, unknown>> {
  return lines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg);
}

async function reservedOn(a: EngineHarness, amount: number): Promise<string> {
  const { reference } = await a.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  suite.sim.customer.approve(reference);
  await a.waitFor(reference, (v) => v.status === 'RESERVED');
  return reference;
}

describe('adopting another counter’s sale', () => {
  it('journals a fresh row with its origin, audits it as the cashier’s, and logs whose sale it was', async () => {
    const a = await counter('lane1', { settings: { capturePolicy: 'reserve-only' } });
    const lines: string[] = [];
    const b = await counter('lane2', { logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const reference = await reservedOn(a, 6_000);

    await b.engine.capture({ reference });
    const row = b.journal.payments.get(reference)!;
    expect(row).toMatchObject({
      counterId: 'lane2',
      amount: 6_000,
      lines: [],
      phoneMasked: null,
      vatRate: null,
      receipt: 'none',
      cancelRequested: false,
      givenUp: false,
      dismissed: true,
      goLive: null,
      origin: { counterId: 'lane1', flow: 'PUSH_PHONE', adoptedAt: expect.any(String) },
    });
    const adopt = b.journal.audit.forReference(reference).find((e) => e.action === 'adopt');
    expect(adopt).toMatchObject({
      actor: 'cashier',
      amount: 6_000,
      details: { adoptedFrom: 'lane1', origin: { counterId: 'lane1', flow: 'PUSH_PHONE' } },
    });
    // The support log names the counter the sale came from (not this one, which now holds it).
    expect(logged(lines, 'adopted another counter’s sale')).toMatchObject([
      { level: 'info', reference, adoptedFrom: 'lane1', status: 'RESERVED' },
    ]);
    // Vipps' event log came along, once.
    const names = b.journal.events.forReference(reference).map((e) => e.name);
    expect(names.filter((n) => n === 'CREATED')).toHaveLength(1);
    expect(names).toEqual(expect.arrayContaining(['CREATED', 'AUTHORIZED']));
  });

  it('a sale made elsewhere without our metadata is adopted as from an unknown counter', async () => {
    const lines: string[] = [];
    const b = await counter('lane2', { logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const reference = 'shop9-20261130-130000-adop';
    b.writeAhead.exempt((ref) => ref === reference);
    await vippsClientFor(suite.sim).createPayment(
      {
        amount: { value: 3_000, currency: 'NOK' },
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'PUSH_MESSAGE',
        customer: { phoneNumber: PHONE },
      },
      randomUUID(),
    );
    suite.sim.customer.approve(reference);
    expect(await b.engine.cancel(reference)).toMatchObject({ status: 'RELEASED', flow: 'PUSH_PHONE' });
    expect(b.journal.payments.get(reference)).toMatchObject({
      flow: 'PUSH_PHONE',
      description: '',
      origin: { counterId: null, flow: null, description: null },
    });
    expect(b.journal.audit.forReference(reference).find((e) => e.action === 'adopt')?.details).toMatchObject({
      adoptedFrom: 'unknown',
    });
    expect(logged(lines, 'adopted another counter’s sale')).toMatchObject([
      { reference, adoptedFrom: 'unknown' },
    ]);
  });

  it('two actions at once adopt once: one row, one entry, one log line; neither fails on the journal', async () => {
    const a = await counter('lane1', { settings: { capturePolicy: 'reserve-only' } });
    const lines: string[] = [];
    const b = await counter('lane2', { logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const reference = await reservedOn(a, 9_000);
    const results = await Promise.allSettled([
      b.engine.capture({ reference, amount: 4_000 }),
      b.engine.capture({ reference, amount: 5_000 }),
    ]);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(b.journal.payments.count()).toBe(1);
    expect(b.journal.audit.forReference(reference).filter((e) => e.action === 'adopt')).toHaveLength(1);
    expect(logged(lines, 'adopted another counter’s sale')).toHaveLength(1);
  });
});

describe('what cannot be adopted is refused in words the cashier can act on', () => {
  it('a reference Vipps does not know', async () => {
    const b = await counter('lane2');
    const reference = 'lane9-20261130-131500-none';
    await expect(b.engine.cancel(reference)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Vipps has no sale with this reference.',
      details: { reference },
    });
  });

  it('a sale still waiting for its customer', async () => {
    const a = await counter('lane1');
    const b = await counter('lane2');
    const { reference } = await a.engine.start({ amount: 4_500, flow: 'PUSH_PHONE', phone: PHONE });
    await a.waitFor(reference, (v) => v.status === 'WAITING');
    await expect(b.engine.capture({ reference })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: "Another counter's sale can be acted on here only after the customer approved it.",
      details: { reference },
    });
    expect(b.journal.payments.count()).toBe(0);
  });
});
