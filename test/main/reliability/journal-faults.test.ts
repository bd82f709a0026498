/**
 * The journal on a bad disk: read-only file or directory, a full disk, a damaged or truncated
 * file. Each must give a blocking JOURNAL error a person can act on, and never cost a byte of the
 * journal: the file is checked byte for byte after every refused open.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { isPosFailure } from '../../../src/main/errors';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { openJournal } from '../../../src/main/journal';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import type { PosError } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { makeReadOnly, mountTinyDisk, sha256 } from '../../support/reliability/disk';
import { compareWithLedger } from '../../support/reliability/ledger-check';

let sim: Simulator;
let root: string;
const undo: Array<() => void> = [];
beforeAll(async () => {
  sim = await startSimulator();
  root = mkdtempSync(join(tmpdir(), 'pos-journal-faults-'));
});
afterEach(() => {
  for (const u of undo.splice(0).reverse()) u();
});
afterAll(async () => {
  await sim?.close();
  rmSync(root, { recursive: true, force: true });
});

function journalFailure(fn: () => unknown): PosError {
  try {
    fn();
  } catch (error) {
    if (isPosFailure(error)) return error.toPosError();
    throw new Error(`expected a JOURNAL PosFailure, got ${String(error)}`);
  }
  throw new Error('expected the journal to be refused');
}

/** A journal file with one completed sale in it, closed cleanly. */
async function journalWithASale(dir: string): Promise<{ file: string; reference: string }> {
  const h = await startEngineHarness({ sim, dir });
  const { reference } = await h.engine.start({ amount: 2500, flow: 'QR' });
  sim.customer.approve(reference);
  await h.waitFor(reference, (v) => v.status === 'COMPLETED');
  await h.shutdown();
  return { file: h.file, reference };
}

function refusedUntouched(file: string): PosError {
  const before = sha256(file);
  const size = statSync(file).size;
  const error = journalFailure(() => openJournal(file));
  expect(error.code).toBe('JOURNAL');
  expect(error.message).toContain(file);
  expect(statSync(file).size).toBe(size);
  expect(sha256(file)).toBe(before);
  return error;
}

describe('damaged journal file', () => {
  it('garbage instead of a database: refused as not a journal, bytes kept', async () => {
    const dir = join(root, 'garbage');
    mkdirSync(dir);
    const file = join(dir, 'journal.db');
    writeFileSync(file, Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 251)));
    expect(refusedUntouched(file).message).toMatch(/not a payment journal.*Nothing was deleted/);
  });

  it('damaged pages behind an intact header: refused as damaged, bytes kept', async () => {
    const { file } = await journalWithASale(join(root, 'pages'));
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096);
    closeSync(fd);
    expect(refusedUntouched(file).message).toMatch(/damaged|not a payment journal/);
  });

  it('truncated to half: refused, bytes kept; the app answers JOURNAL on every payment channel', async () => {
    const dataDir = join(root, 'truncated');
    let core: Core | undefined = await startCore({
      dataDir,
      baseUrlOverride: sim.url,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    });
    await core.ready();
    const handlers = createHandlers(core);
    const made = await invokeHandler(
      handlers,
      'pos:payment:start',
      { amount: 1200, flow: 'QR' },
      silentLogger,
    );
    expect(made.ok).toBe(true);
    await core.close();
    const file = join(dataDir, 'journal-training.sqlite');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const kept = join(root, 'truncated-copy.sqlite');
    copyFileSync(file, kept);

    core = await startCore({
      dataDir,
      baseUrlOverride: sim.url,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    });
    try {
      const again = createHandlers(core);
      for (const [channel, payload] of [
        ['pos:payment:start', { amount: 1200, flow: 'QR' }],
        ['pos:payment:search', {}],
        ['pos:payment:active', {}],
      ] as const) {
        const result = await invokeHandler(again, channel, payload, silentLogger);
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'JOURNAL' } });
        if (!result.ok) expect(result.error.message).toMatch(/payment journal .* cannot be used/);
      }
    } finally {
      await core.close();
      core = undefined;
    }
    expect(sha256(file)).toBe(sha256(kept));
  });
});

describe('read-only journal', () => {
  it('a read-only journal file: the app refuses payment work and says why, bytes kept', async () => {
    const dataDir = join(root, 'ro-file');
    const core = await startCore({
      dataDir,
      baseUrlOverride: sim.url,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    });
    await core.ready();
    const made = await invokeHandler(
      createHandlers(core),
      'pos:payment:start',
      { amount: 700, flow: 'QR' },
      silentLogger,
    );
    expect(made.ok).toBe(true);
    if (made.ok) sim.customer.approve((made.value as { reference: string }).reference);
    await new Promise((r) => setTimeout(r, 300));
    await core.close();
    const file = join(dataDir, 'journal-training.sqlite');
    const before = sha256(file);
    undo.push(makeReadOnly(file));
    const again = await startCore({
      dataDir,
      baseUrlOverride: sim.url,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    });
    try {
      // The journal's open refuses the file with a write that is rolled back at once, so the core
      // knows at start: nothing to recover, ready() settles, every payment request is refused.
      await again.ready();
      const result = await invokeHandler(
        createHandlers(again),
        'pos:payment:start',
        { amount: 700, flow: 'QR' },
        silentLogger,
      );
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({ code: 'JOURNAL', retryable: false });
        expect(result.error.message).toMatch(
          /payment journal could not be written: attempt to write a readonly database/,
        );
      }
    } finally {
      await again.close();
    }
    expect(sha256(file)).toBe(before);
  });

  it('a read-only directory: a new journal cannot be created, an existing one is not touched', async () => {
    const { file } = await journalWithASale(join(root, 'ro-dir'));
    undo.push(makeReadOnly(join(root, 'ro-dir')));
    expect(refusedUntouched(file).message).toMatch(/read-only|cannot be opened/);
    const fresh = journalFailure(() => openJournal(join(root, 'ro-dir', 'new.db')));
    expect(fresh.code).toBe('JOURNAL');
    expect(fresh.message).toMatch(/read-only|cannot be opened or created/);
    expect(existsSync(join(root, 'ro-dir', 'new.db'))).toBe(false);
  });
});

describe('full disk', () => {
  it('writes fail with JOURNAL, nothing is lost, and after space returns the journal agrees with Vipps', async () => {
    const disk = join(root, 'tiny-disk');
    undo.push(mountTinyDisk(disk, 2 * 1024 * 1024));
    let h: EngineHarness | undefined = await startEngineHarness({
      sim,
      dir: disk,
      settings: { counterId: 'full1' },
    });
    const done: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { reference } = await h.engine.start({ amount: 1000 + i, flow: 'QR' });
      sim.customer.approve(reference);
      await h.waitFor(reference, (v) => v.status === 'COMPLETED');
      done.push(reference);
    }

    // Fill every free byte, as a backup tool or a runaway log would.
    const filler = join(disk, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }

    const codes: string[] = [];
    let journalError: PosError | undefined;
    for (let i = 0; i < 300 && codes.filter((c) => c === 'JOURNAL').length < 3; i++) {
      try {
        const { reference } = await h.engine.start({ amount: 5000 + i, flow: 'QR' });
        try {
          sim.customer.approve(reference);
        } catch {
          // Not created at Vipps (the write before the send failed).
        }
        await new Promise((r) => setTimeout(r, 20));
      } catch (error) {
        if (!isPosFailure(error)) throw error;
        codes.push(error.code);
        if (error.code === 'JOURNAL') journalError ??= error.toPosError();
      }
    }
    expect(journalError, `codes seen: ${codes.join(',')}`).toBeDefined();
    expect(journalError!.message).toMatch(/journal could not be written: .*full/i);
    expect(codes.filter((c) => c !== 'JOURNAL' && c !== 'ACTIVE_PAYMENT_EXISTS')).toEqual([]);

    // Space comes back; a restarted app recovers and agrees with Vipps; the earlier sales are intact.
    await h.shutdown();
    rmSync(filler);
    h = await startEngineHarness({ sim, dir: disk, settings: { counterId: 'full1' } });
    for (const reference of done) expect(h.view(reference).status).toBe('COMPLETED');
    const until = Date.now() + 10_000;
    while (
      Date.now() < until &&
      h.journal.payments
        .unfinished(['COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'RELEASED', 'FAILED'])
        .some((r) => r.attention === null)
    ) {
      for (const w of sim.customer.waiting()) sim.customer.expire(w.reference);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ours = (reference: string) => reference.startsWith('full1-');
    const fullRefs = sim.payments.list().filter((p) => ours(p.reference));
    const agreement = compareWithLedger(sim, [h.file], { only: ours });
    await h.shutdown();
    console.log(
      `[reliability] journal faults: full disk refused ${codes.filter((c) => c === 'JOURNAL').length} writes with JOURNAL ("${journalError!.message}"); after space returned: ${fullRefs.length} payments at Vipps, lost ${agreement.lost.length}, duplicate ${agreement.duplicates.length}`,
    );
    expect(agreement.lost).toEqual([]);
    expect(agreement.duplicates).toEqual([]);
    expect(agreement.mismatched).toEqual([]);
    expect(agreement.unsettled).toEqual([]);
  });
});
