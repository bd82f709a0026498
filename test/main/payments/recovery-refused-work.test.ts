/**
 * A start-up recovery that fails does not open the counter: the engine keeps refusing payment work
 * (RECOVERING) until a later recover() gets through — the core's recovery gate retries — so no new
 * sale can move money while an unfinished one is not reconciled. The failure is a real SQLite one: a
 * trigger put into the journal file while the app was stopped refuses the re-send's journal write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { startEngineHarness } from '../../support/engine-harness';

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ expirySweepMs: 0 });
  dir = mkdtempSync(join(tmpdir(), 'pos-recovery-refused-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

it('recovery failing on the journal rejects with JOURNAL and keeps new sales refused until a retry succeeds', async () => {
  // The app lost power after writing a create intent, before sending it.
  const first = await startEngineHarness({
    sim,
    dir,
    hooks: {
      beforeSend: (op) => {
        if (op.kind === 'create') throw new Error('power cut');
      },
    },
  });
  await expect(first.engine.start({ amount: 2100, flow: 'QR' })).rejects.toThrow('power cut');
  const [cut] = first.journal.operations.open();
  await first.shutdown();
  expect(cut).toMatchObject({ kind: 'create', status: 'pending' });

  const db = new Database(first.file);
  db.exec(`CREATE TRIGGER refuse_resend BEFORE UPDATE ON operations WHEN NEW.attempts > OLD.attempts
    BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  db.close();

  // Another till on the same journal: its own sales would not collide with the unfinished one.
  const h = await startEngineHarness({ sim, dir, recover: false, settings: { counterId: 'lane2' } });
  try {
    await expect(h.engine.recover()).rejects.toMatchObject({
      code: 'JOURNAL',
      message: 'The payment journal could not be written: disk full',
    });
    const creates = sim.requests.count('createPayment');
    await expect(h.engine.start({ amount: 900, flow: 'QR' })).rejects.toMatchObject({ code: 'RECOVERING' });
    expect(sim.requests.count('createPayment')).toBe(creates);

    const fixed = new Database(h.file);
    fixed.exec('DROP TRIGGER refuse_resend');
    fixed.close();
    expect(await h.engine.recover()).toEqual({ checked: 1, resolved: 1, needsAttention: 0 });
    expect(h.journal.operations.forReference(cut!.reference)[0]).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    const next = await h.engine.start({ amount: 900, flow: 'QR' });
    expect(next.status).toBe('WAITING');
  } finally {
    await h.close();
    await first.close();
  }
});
