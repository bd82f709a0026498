/**
 * Vipps' event log of a sale, as the journal keeps it and the detail view shows it: copied in when the
 * sale ends (nobody has to open it), read again when the detail is opened, never asked for when Vipps
 * has no such payment (a refused create), still asked for an adopted sale whatever failed here, and a
 * log that cannot be read is logged for support while the detail shows what the journal has.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { startSimulator } from '../../../src/main/simulator';
import { type EngineHarness, type HarnessOptions, startEngineHarness } from '../../support/engine-harness';
import { NO_CLIENT_RETRY } from '../../support/engine-suite';

const PHONE = '4791234567';

const open: EngineHarness[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const close of closers.splice(0)) await close();
});

async function harness(options: HarnessOptions = {}): Promise<EngineHarness> {
  const h = await startEngineHarness(options);
  open.push(h);
  return h;
}

/** Waits (every 10 ms, at most 2 s) until `test` holds, and returns whether it did. */
async function within2s(test: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 2_000;
  while (!test()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

const eventLogReads = (h: EngineHarness, reference: string) =>
  h.sim.requests.list().filter((r) => r.operation === 'getPaymentEventLog' && r.path.includes(reference));

describe('when a sale ends', () => {
  it('its event log is copied into the journal without anyone opening the sale', async () => {
    const h = await harness();
    const { reference } = await h.engine.start({ amount: 2_500, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (v) => v.status === 'COMPLETED');
    const names = () => h.journal.events.forReference(reference).map((e) => e.name);
    expect(await within2s(() => names().includes('CAPTURED')), names().join()).toBe(true);
    expect(names()).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    expect(h.journal.events.forReference(reference).find((e) => e.name === 'CAPTURED')).toMatchObject({
      amount: 2_500,
      currency: 'NOK',
      success: true,
    });
  });
});

describe('a sale Vipps never created', () => {
  it('has no event log to ask for: not when it fails, not when its detail is opened', async () => {
    const h = await harness();
    // The simulator's customer with this number does not exist: Vipps refuses the create.
    const refused = await h.engine
      .start({ amount: 3_000, flow: 'PUSH_PHONE', phone: '4799999999' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION' });
    const reference = (refused as { details: { reference: string } }).details.reference;
    const detail = await h.engine.get(reference);
    expect(detail.payment.status).toBe('FAILED');
    expect(detail.events).toEqual([]);
    // The end of the sale starts its copy without waiting for it: give a wrong one time to go out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(eventLogReads(h, reference)).toEqual([]);
  });
});

describe('an adopted sale whose capture here failed', () => {
  it('is still read from Vipps when opened: the capture its own counter made since shows, and the sale is complete', async () => {
    const sim = await startSimulator();
    closers.push(() => sim.close());
    const a = await harness({ sim, settings: { counterId: 'lane1', capturePolicy: 'reserve-only' } });
    const b = await harness({ sim, retry: NO_CLIENT_RETRY, settings: { counterId: 'lane2' } });
    const { reference } = await a.engine.start({ amount: 6_000, flow: 'PUSH_PHONE', phone: PHONE });
    sim.customer.approve(reference);
    await a.waitFor(reference, (v) => v.status === 'RESERVED');

    // B adopts the sale to capture it, and Vipps refuses that capture: B's only intent failed.
    sim.faults.add({ kind: 'status', status: 400, match: { operation: 'capturePayment' }, times: 1 });
    await expect(b.engine.capture({ reference })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(b.journal.operations.forReference(reference).map((o) => [o.kind, o.status])).toEqual([
      ['capture', 'failed'],
    ]);
    expect(b.view(reference)).toMatchObject({ status: 'RESERVED', attention: 'CAPTURE_FAILED' });

    // The counter that made it captures it; B learns it from Vipps' event log when the sale is opened.
    await a.engine.capture({ reference });
    const detail = await b.engine.get(reference);
    expect(detail.events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    expect(detail.payment).toMatchObject({ status: 'COMPLETED', kept: 6_000, attention: null });
  });
});

describe('an event log Vipps cannot give', () => {
  it('leaves the detail as the journal has it and is logged for support with the sale and the reason', async () => {
    const lines: string[] = [];
    const h = await harness({ logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const { reference } = await h.engine.start({ amount: 1_500, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (v) => v.status === 'COMPLETED');
    expect(await within2s(() => h.journal.events.forReference(reference).length === 3)).toBe(true);

    h.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPaymentEventLog' } });
    const detail = await h.engine.get(reference);
    expect(detail.payment.status).toBe('COMPLETED');
    expect(detail.events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'event log not fetched');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', scope: 'test.payments', reference });
    expect(warnings[0].error).toMatch(/503/);
  });
});
