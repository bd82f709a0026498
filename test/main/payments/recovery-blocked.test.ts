/**
 * The core when start-up recovery cannot write the journal: that is blocking, not something a retry
 * fixes. Payment work is refused with the journal's own JOURNAL error (not "retrying"), ready()
 * settles, and reads still work. Real core, simulator and journal file; the write failure is a real
 * SQLite one, raised by a trigger put into the file while the app was stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCore } from '../../../src/main/core';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator } from '../../../src/main/simulator';

let sim: Simulator;
let dataDir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dataDir = mkdtempSync(join(tmpdir(), 'pos-recovery-blocked-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const options = () => ({
  dataDir,
  baseUrlOverride: sim.url,
  secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
});

it('a journal write failing during start-up recovery is answered as JOURNAL, and ready() settles', async () => {
  const first = await startCore(options());
  await first.ready();
  const made = await invokeHandler(
    createHandlers(first),
    'pos:payment:start',
    { amount: 900, flow: 'QR' },
    silentLogger,
  );
  expect(made.ok).toBe(true);
  await first.close();

  // The sale is still waiting, so recovery must write what it finds; every such write now fails.
  const db = new Database(join(dataDir, 'journal-training.sqlite'));
  db.exec(`CREATE TRIGGER refuse_writes BEFORE UPDATE ON payments
    BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);
  db.close();

  const core = await startCore(options());
  try {
    await core.ready();
    const handlers = createHandlers(core);
    const refused = await invokeHandler(
      handlers,
      'pos:payment:start',
      { amount: 900, flow: 'QR' },
      silentLogger,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'JOURNAL', retryable: false } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(/payment journal could not be written: simulated write failure/);
      expect(refused.error.message).not.toMatch(/Retrying/);
    }
    const found = await invokeHandler(handlers, 'pos:payment:search', {}, silentLogger);
    expect(found.ok).toBe(true);
  } finally {
    await core.close();
  }
});
