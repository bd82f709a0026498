/**
 * IPC fuzz: for every channel, 10,000 generated invalid requests go through the real
 * `invokeHandler` with the real handler map over a real core (training mode, temp data dir).
 * Each must come back as VALIDATION without reaching the handler, nothing may throw, and the
 * journal and settings files must be byte-for-byte what they were.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Core, startCore } from '../../../src/main/core';
import type { HandlerMap } from '../../../src/main/ipc/handler';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import type { Channel, PaymentView } from '../../../src/preload/contract';
import { invalidPayloads } from '../../support/reliability/invalid-payloads';

const RUNS = Number(process.env.IPC_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261125);

let core: Core;
let dataDir: string;
let handlers: HandlerMap;
const reached = new Map<string, number>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-fuzz-'));
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
  });
  await core.ready();
  handlers = createHandlers(core);
  // Count (and pass through) every call that gets past a schema: with invalid input there must be none.
  for (const [channel, handler] of Object.entries(handlers) as Array<
    [string, { handle: (r: unknown) => unknown }]
  >) {
    const real = handler.handle.bind(handler);
    handler.handle = (req: unknown) => {
      reached.set(channel, (reached.get(channel) ?? 0) + 1);
      return real(req);
    };
  }
});

afterAll(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function journalFile(): string {
  const dir = join(dataDir, 'training');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

/** Row counts and a hash of every row of every table, read through a separate read-only connection. */
function journalFingerprint(): { counts: Record<string, number>; hash: string } {
  const db = new Database(journalFile(), { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
      counts[table] = rows.length;
      hash.update(table).update(JSON.stringify(rows));
    }
    return { counts, hash: hash.digest('hex') };
  } finally {
    db.close();
  }
}

function settingsBytes(): string {
  try {
    return createHash('sha256')
      .update(readFileSync(join(dataDir, 'settings.json')))
      .digest('hex');
  } catch {
    return 'no settings file';
  }
}

/** A real completed sale first, so "unchanged" is about a journal with content. */
async function completedSale(): Promise<PaymentView> {
  const call = (channel: Channel, payload: unknown) =>
    invokeHandler(handlers, channel, payload, silentLogger);
  const started = await call('pos:payment:start', { amount: 4900, flow: 'QR' });
  if (!started.ok) throw new Error(started.error.message);
  const { reference } = started.value as PaymentView;
  const approved = await call('pos:training:customer', { reference, action: 'approve' });
  expect(approved.ok).toBe(true);
  for (let i = 0; i < 200; i++) {
    const got = await call('pos:payment:get', { reference });
    if (got.ok && (got.value as { payment: PaymentView }).payment.status === 'COMPLETED') {
      return (got.value as { payment: PaymentView }).payment;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the training sale never completed');
}

describe('IPC fuzz', () => {
  it(`every channel refuses ${RUNS} generated invalid requests with VALIDATION and changes nothing`, async () => {
    await completedSale();
    await new Promise((r) => setTimeout(r, 100)); // let the event-log sync after COMPLETED land
    const journalBefore = journalFingerprint();
    const settingsBefore = settingsBytes();
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    reached.clear();

    const channels = Object.keys(handlers) as Channel[];
    const started = performance.now();
    const perChannel: string[] = [];
    for (const channel of channels) {
      const t0 = performance.now();
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(invalidPayloads(handlers[channel].schema as never), async (payload) => {
          const result = await invokeHandler(handlers, channel, payload, silentLogger);
          if (result.ok || result.error.code !== 'VALIDATION') {
            throw new Error(`${channel} answered ${JSON.stringify(result).slice(0, 300)}`);
          }
          refused += 1;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(refused).toBe(RUNS);
      perChannel.push(`${channel.replace('pos:', '')} ${Math.round(performance.now() - t0)} ms`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    const journalAfter = journalFingerprint();
    console.log(
      `[reliability] IPC fuzz: ${channels.length} channels × ${RUNS} = ${channels.length * RUNS} invalid requests in ${seconds} s, ` +
        `all VALIDATION, 0 reached a handler; journal rows ${JSON.stringify(journalAfter.counts)} unchanged (seed ${SEED})`,
    );
    console.log(`[reliability] IPC fuzz per channel: ${perChannel.join(', ')}`);

    expect(Object.fromEntries(reached)).toEqual({});
    expect(journalAfter).toEqual(journalBefore);
    expect(settingsBytes()).toBe(settingsBefore);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);

  it('its generator finds a schema that lets unknown keys or negative amounts through', () => {
    const accepted = (schema: z.ZodType) =>
      fc
        .sample(invalidPayloads(schema as never), { numRuns: 2000, seed: SEED })
        .filter((p) => schema.safeParse(p).success);
    const amount = z.number().int().positive().max(100);
    expect(accepted(z.strictObject({ amount, note: z.string().max(10).optional() }))).toEqual([]);
    expect(accepted(z.object({ amount: amount.optional() })).length).toBeGreaterThan(0);
    expect(accepted(z.strictObject({ amount: z.number().optional() })).length).toBeGreaterThan(0);
  });
});
