/**
 * Start-up recovery of many sales left in flight: Vipps is asked about several at once (never more
 * than the engine's limit), and each sale's outcome reaches the journal only after Vipps answered
 * for that sale. Real simulator, real journal file.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { createPaymentsEngine } from '../../../src/main/payments/engine';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import type { VippsClient } from '../../../src/main/vipps/types';
import { startEngineHarness, vippsClientFor } from '../../support/engine-harness';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ expirySweepMs: 0 });
});
afterAll(async () => {
  await sim.close();
});

it('checks sales with Vipps several at a time and writes each outcome after its answer', async () => {
  const h = await startEngineHarness({ sim, polling: { firstDelayMs: 3_600_000 } });
  const references: string[] = [];
  for (let i = 0; i < 40; i++) {
    const { reference } = await h.engine.start({ amount: 1000 + i, flow: 'QR' });
    h.engine.dismiss(reference);
    references.push(reference);
  }
  await h.shutdown();
  const approved = references.filter((_, i) => i % 4 === 0);
  for (const reference of approved) sim.customer.approve(reference);

  const real = vippsClientFor(sim);
  let inFlight = 0;
  let most = 0;
  const answered = new Set<string>();
  const vipps: VippsClient = {
    ...real,
    getPayment: async (reference) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        const answer = await real.getPayment(reference);
        answered.add(reference);
        return answer;
      } finally {
        inFlight--;
      }
    },
  };
  const journal = openJournal(h.file);
  const writtenBeforeAnswer: string[] = [];
  const save = journal.payments.save;
  const watched: Journal = {
    ...journal,
    payments: {
      ...journal.payments,
      save: (row) => {
        if (row.vippsState === 'AUTHORIZED' && !answered.has(row.reference))
          writtenBeforeAnswer.push(row.reference);
        save(row);
      },
    },
  };
  const engine = createPaymentsEngine({
    journal: watched,
    vipps,
    settings: () => ({
      counterId: 'lane1',
      currency: 'NOK',
      capturePolicy: 'capture-now',
      description: 'Kjøp i butikk',
      vatRate: 2500,
    }),
    polling: { firstDelayMs: 3_600_000 },
  });
  try {
    const report = await engine.recover();
    expect(report).toMatchObject({ checked: 40, needsAttention: approved.length });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
    expect(writtenBeforeAnswer).toEqual([]);
    for (const reference of references) {
      const row = journal.payments.get(reference)!;
      if (approved.includes(reference)) {
        // Approved while the app was down after the cashier left it: money reserved, cashier decides.
        expect(row).toMatchObject({ vippsState: 'AUTHORIZED', givenUp: true, status: 'DECISION_NEEDED' });
        expect(row.aggregate.captured).toBe(0);
      } else {
        expect(row).toMatchObject({ vippsState: 'CREATED', givenUp: true, status: 'WAITING' });
      }
    }
  } finally {
    await engine.stop();
    journal.close();
    await h.close();
  }
});
