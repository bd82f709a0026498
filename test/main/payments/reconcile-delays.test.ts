/**
 * How an operation with an unknown outcome is checked again, delay by delay: first after
 * `reconcileDelayMs`, then doubling up to `maxIntervalMs`, one timer per sale, and a check that comes
 * due while someone else holds the sale (start-up recovery) waits the same delay again. The engine's
 * timers are a manual clock (nothing waits); Vipps is the real simulator over loopback.
 */
import { expect, it } from 'vitest';
import type { GetPaymentResponse } from '../../../src/main/vipps/types';
import type { EngineHarness, HarnessOptions } from '../../support/engine-harness';
import { engineSuite, GUIDELINE_DELAYS, NO_CLIENT_RETRY } from '../../support/engine-suite';
import { latch } from '../../support/engine-wire';
import { type ManualClock, manualClock } from '../../support/manual-clock';

const suite = engineSuite(
  { expirySweepMs: 0 },
  { polling: GUIDELINE_DELAYS, retry: NO_CLIENT_RETRY, settings: { capturePolicy: 'reserve-only' } },
);
const engine = (clock: ManualClock, options: HarnessOptions = {}): Promise<EngineHarness> =>
  suite.engine({ scheduler: clock.scheduler, ...options });

/** A reservation whose capture was sent but never answered (the request was dropped). */
async function unknownCapture(h: EngineHarness, clock: ManualClock): Promise<string> {
  const { reference } = await h.engine.start({ amount: 4200, flow: 'QR' });
  suite.sim.customer.approve(reference);
  clock.fire();
  await h.waitFor(reference, (p) => p.status === 'RESERVED');
  expect(clock.pending()).toEqual([]);
  suite.sim.faults.add({ kind: 'drop', match: { operation: 'capturePayment' } });
  const view = await h.engine.capture({ reference });
  expect(view.status).toBe('UNKNOWN');
  return reference;
}

const capturesOf = (reference: string) =>
  suite.sim.requests.list().filter((r) => r.operation === 'capturePayment' && r.path.includes(reference));

it('an unknown capture is checked after 3 s, then 6, 12, 24 and 30 s while its re-sends get no answer either', async () => {
  const clock = manualClock();
  // Minutes of checks happen within milliseconds here: the client's own per-reference limit (five
  // captures a minute, real time) would hold the later re-sends back.
  const h = await engine(clock, { perReferenceLimits: false });
  const reference = await unknownCapture(h, clock);
  expect(clock.pending()).toEqual([3000]);

  const waits: number[] = [];
  for (let i = 0; i < 5; i++) {
    waits.push(await clock.step());
    // The re-send inside the check went unanswered too: still one timer, the doubled one.
    expect(clock.pending()).toHaveLength(1);
  }
  expect(waits).toEqual([6000, 12_000, 24_000, 30_000, 30_000]);
  // Every check re-sent the capture with its one key (no trace at Vipps), nothing was captured.
  const keys = new Set(capturesOf(reference).map((r) => r.idempotencyKey));
  expect(capturesOf(reference)).toHaveLength(6);
  expect(keys.size).toBe(1);
  expect(h.view(reference).status).toBe('UNKNOWN');

  suite.sim.faults.clear();
  clock.fire();
  await h.waitFor(reference, (p) => p.status === 'COMPLETED');
  expect(suite.sim.ledger.total('capture', reference)).toBe(4200);
  expect(clock.pending()).toEqual([]);
});

it('a check due while start-up recovery holds the sale waits 3 s again without asking Vipps', async () => {
  const before = manualClock();
  const first = await engine(before);
  const unknown = await unknownCapture(first, before);
  first.engine.dismiss(unknown);
  const { reference: waiting } = await first.engine.start({ amount: 1300, flow: 'QR' });
  await first.shutdown();
  suite.sim.faults.clear();

  // The unknown capture stays open (its event log cannot be read); the waiting sale's read is held,
  // so recovery keeps both sales locked while the first check of the capture comes due.
  const eventsDown = suite.sim.faults.add({
    kind: 'status',
    status: 503,
    match: { operation: 'getPaymentEventLog' },
  });
  const held = latch();
  const clock = manualClock();
  const h = await engine(clock, {
    dir: first.dir,
    recover: false,
    variant: (deps) => ({
      ...deps,
      vipps: {
        ...deps.vipps,
        getPayment: async (ref): Promise<GetPaymentResponse> => {
          if (ref === waiting) await held.opened;
          return deps.vipps.getPayment(ref);
        },
      },
    }),
  });
  const recovered = h.engine.recover();
  expect(await clock.request(1)).toBe(3000);
  const asked = eventsDown.fired();
  clock.fire();
  expect(clock.requested()).toEqual([3000, 3000]);
  expect(eventsDown.fired()).toBe(asked);

  held.open();
  await recovered;
  // Recovery is done: the check runs, still finds nothing, and backs off.
  expect(clock.pending()).toEqual([3000, 5000]);
  expect(await clock.step()).toBe(6000);
  expect(eventsDown.fired()).toBe(asked + 1);
});
