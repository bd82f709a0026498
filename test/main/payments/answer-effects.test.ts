/**
 * What an answer from Vipps changes, and what it does not: a QR only for a QR sale, following the
 * sale (polling) only once its create is answered, and a journal that cannot take a poll's answer
 * does not stop the following.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineHarness, type HarnessOptions, startEngineHarness } from '../../support/engine-harness';
import { failJournalWrite } from '../../support/engine-wire';
import { recordingLogger } from '../../support/recording-logger';

const PHONE = '4791234567';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

function reads(reference: string): number {
  return h.sim.requests.list().filter((r) => r.operation === 'getPayment' && r.path.includes(reference))
    .length;
}

describe('the create answer', () => {
  it('a phone sale shows no QR, even when Vipps sends a link with the answer', async () => {
    const variant: HarnessOptions['variant'] = (deps) => ({
      ...deps,
      vipps: {
        ...deps.vipps,
        createPayment: async (body, key) => ({
          ...(await deps.vipps.createPayment(body, key)),
          redirectUrl: 'https://landing.vipps.example/?token=abc',
        }),
      },
    });
    h = await startEngineHarness({ variant });
    const v = await h.engine.start({ amount: 2100, flow: 'PUSH_PHONE', phone: PHONE });
    expect(v).toMatchObject({ status: 'WAITING', qr: null });
    expect(h.journal.payments.get(v.reference)?.qr).toBeNull();
  });
});

describe('following a sale', () => {
  it('a refund’s answer is all Vipps has to say: the finished sale is not read again', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5400, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    await expect(
      h.engine.refund({ reference, amount: 400, reason: 'Returned', requestId: 'refund-follow-1' }),
    ).resolves.toMatchObject({ aggregate: { refunded: 400 } });
    const before = reads(reference);
    h.engine.dismiss(reference);
    // Another sale's polls are the clock: the refunded one would have been read by then.
    const other = await h.engine.start({ amount: 2800, flow: 'QR' });
    await expect.poll(() => reads(other.reference), { timeout: 10_000 }).toBeGreaterThan(3);
    expect(reads(reference)).toBe(before);
  });

  it('an answer the journal cannot write is logged, and the sale is still followed to the end', async () => {
    const log = recordingLogger();
    const saves = failJournalWrite('payments', 'save');
    h = await startEngineHarness({ logger: log.logger, variant: saves.variant });
    const { reference } = await h.engine.start({ amount: 3600, flow: 'QR' });
    saves.arm();
    h.sim.customer.approve(reference);
    await expect.poll(() => saves.armed, { timeout: 10_000 }).toBe(false);
    // Said in the same step as the failed write, so it is there as soon as the write failed.
    expect(log.said('warn')).toContainEqual(['poll failed', { reference, code: 'JOURNAL' }]);
    await h.waitFor(reference, (p) => p.status === 'COMPLETED');
    expect(h.sim.ledger.total('capture', reference)).toBe(3600);
  });
});
