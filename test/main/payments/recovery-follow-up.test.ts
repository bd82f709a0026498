/**
 * What start-up recovery leaves to follow, and what it asks Vipps: only a sale the customer can still
 * approve is polled again; a sale that ended while the app was down gets its event log in the journal;
 * a sale that ended in recovery is not polled when Vipps cannot be read; more sales than one write
 * batch are each asked about once. The engine's timers are a manual clock, so what recovery scheduled
 * is read off it; Vipps is the real simulator over loopback, the journal a real file.
 */
import { expect, it } from 'vitest';
import type { EngineHarness } from '../../support/engine-harness';
import { engineSuite, GUIDELINE_DELAYS, NO_CLIENT_RETRY } from '../../support/engine-suite';
import { manualClock } from '../../support/manual-clock';
import { recordingLogger } from '../../support/recording-logger';

const suite = engineSuite({ expirySweepMs: 0 }, { polling: GUIDELINE_DELAYS, retry: NO_CLIENT_RETRY });
const harness = suite.engine;

/** Sales started and left (given up) on the first run, which is then stopped. */
async function leftSales(first: EngineHarness, count: number): Promise<string[]> {
  const references: string[] = [];
  for (let i = 0; i < count; i++) {
    const { reference } = await first.engine.start({ amount: 1000 + i, flow: 'QR' });
    first.engine.dismiss(reference);
    references.push(reference);
  }
  await first.shutdown();
  return references;
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!test()) throw new Error('never happened');
}

it('polls again only the sale still waiting; the one that ended meanwhile gets its event log', async () => {
  const first = await harness({ scheduler: manualClock().scheduler });
  const [waiting, approved, rejected] = await leftSales(first, 3);
  suite.sim.customer.approve(approved!);
  suite.sim.customer.reject(rejected!);

  const clock = manualClock();
  const log = recordingLogger();
  const h = await harness({ dir: first.dir, recover: false, scheduler: clock.scheduler, logger: log.logger });
  const eventReads = suite.sim.requests.count('getPaymentEventLog');
  expect(await h.engine.recover()).toEqual({ checked: 3, resolved: 3, needsAttention: 1 });
  expect(log.lines.filter(([level]) => level !== 'info')).toEqual([]);
  expect(h.view(approved!)).toMatchObject({ status: 'DECISION_NEEDED', attention: 'LATE_APPROVAL' });
  expect(h.view(rejected!).status).toBe('REJECTED');

  // The event log is read for the sale that ended (once), and only for it.
  await until(() => h.journal.events.forReference(rejected!).length > 0);
  expect(h.journal.events.forReference(rejected!).map((e) => e.name)).toContain('ABORTED');
  expect(suite.sim.requests.count('getPaymentEventLog')).toBe(eventReads + 1);
  expect(h.journal.events.forReference(waiting!)).toEqual([]);

  // One poll, for the waiting sale: the approval is the cashier's, not the poller's.
  expect(clock.pending()).toEqual([5000]);
  const reads = suite.sim.requests.count('getPayment');
  expect(await clock.step()).toBe(2000);
  const polled = suite.sim.requests.list().slice(-1)[0]!;
  expect(suite.sim.requests.count('getPayment')).toBe(reads + 1);
  expect(polled.path).toContain(waiting!);
});

it('a sale whose cancel recovery completed is not polled when Vipps cannot be read', async () => {
  const first = await harness({
    scheduler: manualClock().scheduler,
    hooks: {
      beforeSend: (op) => {
        if (op.kind === 'cancel') throw new Error('power cut');
      },
    },
  });
  const { reference } = await first.engine.start({ amount: 2500, flow: 'QR' });
  await expect(first.engine.cancel(reference)).rejects.toThrow('power cut');
  await first.shutdown();

  const clock = manualClock();
  const h = await harness({ dir: first.dir, recover: false, scheduler: clock.scheduler });
  suite.sim.faults.add({ kind: 'status', status: 503, match: { operation: 'getPayment' } });
  expect(await h.engine.recover()).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
  expect(h.view(reference).status).toBe('CANCELLED');
  expect(suite.sim.payments.get(reference)?.state).toBe('TERMINATED');
  expect(clock.requested()).toEqual([]);
});

it('more sales than one write batch (64): each is asked about once', async () => {
  const first = await harness({ scheduler: manualClock().scheduler, perReferenceLimits: false });
  const references = await leftSales(first, 65);
  const h = await harness({ dir: first.dir, recover: false, scheduler: manualClock().scheduler });
  const reads = suite.sim.requests.count('getPayment');
  expect(await h.engine.recover()).toMatchObject({ checked: 65, resolved: 65 });
  expect(suite.sim.requests.count('getPayment')).toBe(reads + references.length);
});
