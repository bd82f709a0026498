/**
 * Reserved money waiting for the cashier: resolving it (complete or release) and leaving it at the
 * counter (parking). What the cashier is told when a request cannot be carried out, what the audit
 * log keeps, and what the sale looks like afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { heldOrEnded, holdSends } from '../../support/engine-wire';
import { recordingLogger } from '../../support/recording-logger';

const PHONE = '4791234567';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

async function reservedSale(amount: number): Promise<string> {
  const { reference } = await h.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'RESERVED');
  return reference;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('resolving a reservation', () => {
  it('an unknown action, or a sale with nothing to decide, is refused with a reason', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const reference = await reservedSale(4200);
    await expect(h.engine.resolve({ reference, action: 'maybe' as never })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Choose complete or release.',
      details: { reference, field: 'action' },
    });
    await h.engine.resolve({ reference, action: 'complete' });
    await expect(h.engine.resolve({ reference, action: 'release' })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'This sale has no reservation waiting for a decision.',
      details: { reference },
    });
    expect(h.sim.ledger.total('capture', reference)).toBe(4200);
    expect(h.sim.ledger.total('cancel', reference)).toBe(0);
  });

  it('complete is the cashier’s capture: audited as theirs, and nothing else starts while it is on the wire', async () => {
    const wire = holdSends('capture');
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' }, hooks: wire.hooks });
    const reference = await reservedSale(5100);
    const completing = h.engine.resolve({ reference, action: 'complete' });
    await heldOrEnded(wire.sending, completing);
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A capture is already running for this sale.',
    });
    wire.release();
    await expect(completing).resolves.toMatchObject({ status: 'COMPLETED' });
    expect(h.journal.audit.forReference(reference).at(-1)).toMatchObject({
      actor: 'cashier',
      action: 'capture',
      amount: 5100,
    });
    expect(h.sim.ledger.total('capture', reference)).toBe(5100);
  });

  it('release is the cashier’s too, and holds the sale while Vipps releases the money', async () => {
    const wire = holdSends('cancel');
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' }, hooks: wire.hooks });
    const reference = await reservedSale(5200);
    const releasing = h.engine.resolve({ reference, action: 'release' });
    await heldOrEnded(wire.sending, releasing);
    await expect(h.engine.capture({ reference })).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      message: 'A release is already running for this sale.',
    });
    wire.release();
    await expect(releasing).resolves.toMatchObject({ status: 'RELEASED' });
    expect(h.journal.audit.forReference(reference).at(-1)).toMatchObject({
      actor: 'cashier',
      action: 'release',
      amount: 5200,
    });
    expect(h.sim.ledger.total('cancel', reference)).toBe(5200);
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });
});

describe('leaving reserved money at the counter', () => {
  it('parks it: audited with what is still reserved, an alert and a log line say so', async () => {
    const { logger, said } = recordingLogger();
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' }, logger });
    const reference = await reservedSale(6300);
    await h.engine.capture({ reference, amount: 2300 });

    h.engine.dismiss(reference);

    expect(h.engine.active()).toBeNull();
    expect(h.journal.audit.forReference(reference).at(-1)).toMatchObject({
      actor: 'cashier',
      action: 'park',
      reference,
      amount: 4000,
      details: { status: 'RESERVED' },
    });
    expect(h.alerts.filter((a) => a.kind === 'PARKED')).toEqual([
      {
        kind: 'PARKED',
        reference,
        message: 'Sale parked with money still reserved: capture or release it from Reserved payments.',
      },
    ]);
    expect(said('info')).toContainEqual(['sale parked', { reference, reserved: 4000 }]);
  });

  it('a sale waiting for the cashier’s decision is not parked: it must be completed or released first', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 6400, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await expect(h.engine.cancel(reference)).resolves.toMatchObject({
      status: 'DECISION_NEEDED',
      capturable: 6400,
    });

    expect(thrownBy(() => h.engine.dismiss(reference))).toMatchObject({
      code: 'INVALID_STATE',
      message: 'Complete or release this sale before leaving it.',
      details: { reference },
    });
    expect(h.engine.active()?.reference).toBe(reference);
    expect(h.journal.audit.forReference(reference).map((e) => e.action)).not.toContain('park');
    expect(h.alerts.filter((a) => a.kind === 'PARKED')).toEqual([]);
  });
});
