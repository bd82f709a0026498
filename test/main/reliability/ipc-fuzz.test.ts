/**
 * IPC fuzz: for every channel, 10,000 generated invalid requests go through the real
 * `invokeHandler` with the real handler map over a real core (training mode, temp data dir).
 * Each must come back as VALIDATION without reaching the handler, nothing may throw, and the
 * journal and settings files must be byte-for-byte what they were.
 * The till API (src/main/till) is the same boundary for another program: each of its operations
 * gets 10,000 generated invalid requests too (bodies read off the same schemas, queries and path
 * ids its schemas refuse), through the API's own request handler with a paired till's token.
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
import type { TillApi, TillHttpRequest } from '../../../src/main/till/api';
import { tillExtension } from '../../../src/main/till/extension';
import {
  listQuerySchema,
  orderIdSchema,
  readQuerySchema,
  TILL_BODY_SCHEMAS,
} from '../../../src/main/till/schemas';
import type { Channel, PaymentView } from '../../../src/preload/contract';
import { invalidPayloads } from '../../support/reliability/invalid-payloads';

const RUNS = Number(process.env.IPC_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261125);

let core: Core;
let dataDir: string;
let handlers: HandlerMap;
let tillApi: TillApi | undefined;
/** The till API's clock stands still, so "last used" is written once, before the fingerprint. */
const TILL_NOW = new Date();
const reached = new Map<string, number>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-fuzz-'));
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
    extensions: [
      tillExtension({
        port: 0,
        clock: () => TILL_NOW,
        onApi: (api) => {
          tillApi = api;
        },
      }),
    ],
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

  it(`the till API refuses ${RUNS} generated invalid requests per operation with a problem and changes nothing`, async () => {
    const call = (channel: Channel, payload: unknown) =>
      invokeHandler(handlers, channel, payload, silentLogger);
    expect((await call('pos:till:configure', { enabled: true })).ok).toBe(true);
    const pairing = await call('pos:till:pair', {});
    if (!pairing.ok) throw new Error(pairing.error.message);
    const api = tillApi!;
    const send = (req: Partial<TillHttpRequest> & { method: string; url: string }) =>
      api.handle({ body: '', remote: '127.0.0.1', contentType: 'application/json', ...req });
    const paired = await send({
      method: 'POST',
      url: '/v1/pairing',
      body: JSON.stringify({ code: (pairing.value as { code: string }).code, tillName: 'Fuzz till' }),
    });
    expect(paired.status).toBe(201);
    const authorization = `Bearer ${(paired.body as { token: string }).token}`;
    // One real till sale, so the operations on a sale have one of this till's to aim at.
    const started = await send({
      method: 'POST',
      url: '/v1/payments',
      authorization,
      body: JSON.stringify({
        requestId: 'fuzz-sale-1',
        orderId: 'fuzz-1',
        currency: 'NOK',
        amount: 2500,
        flow: 'QR',
      }),
    });
    expect(started.status).toBe(201);
    const { reference } = started.body as { reference: string };
    expect((await call('pos:training:customer', { reference, action: 'approve' })).ok).toBe(true);
    for (let i = 0; i < 200; i++) {
      const got = await call('pos:payment:get', { reference });
      if (got.ok && (got.value as { payment: PaymentView }).payment.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    const journalBefore = journalFingerprint();
    reached.clear();

    // What a till would send for it; nesting too deep for JSON.stringify here is sent as deep text.
    const deep = (value: unknown) => {
      let at = value;
      for (let depth = 0; depth < 500; depth++) {
        if (at === null || typeof at !== 'object') return false;
        const values = Object.values(at);
        if (values.length !== 1) return false;
        at = values[0];
      }
      return true;
    };
    const deepText = `{"requestId":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    const body = (payload: unknown) => {
      const fields = payload !== null && typeof payload === 'object' ? Object.values(payload) : [];
      if (deep(payload) || fields.some(deep)) return deepText;
      try {
        return JSON.stringify(payload) ?? '';
      } catch {
        return deepText; // nesting in a field, too deep for JSON.stringify here
      }
    };
    const refusedQuery = (schema: z.ZodType) =>
      fc
        .oneof(
          fc.dictionary(fc.constantFrom('wait', 'version', 'date', 'x'), fc.string()),
          fc.dictionary(fc.string(), fc.string()),
          fc.record({
            wait: fc.oneof(fc.integer({ min: 61 }), fc.integer({ max: -1 }), fc.double()).map(String),
          }),
        )
        .filter((q) => !schema.safeParse(q).success);
    const cases: Array<
      [string, fc.Arbitrary<Partial<TillHttpRequest> & { method: string; url: string }>, 'body' | 'path']
    > = [
      [
        'pair',
        invalidPayloads(TILL_BODY_SCHEMAS.pair as never).map((p) => ({
          method: 'POST',
          url: '/v1/pairing',
          body: body(p),
        })),
        'body',
      ],
      ...(
        [
          ['startPayment', '/v1/payments'],
          ['cancelPayment', `/v1/payments/${reference}/cancel`],
          ['completePayment', `/v1/payments/${reference}/complete`],
          ['releasePayment', `/v1/payments/${reference}/release`],
          ['refundPayment', `/v1/payments/${reference}/refunds`],
        ] as const
      ).map(
        ([op, url]) =>
          [
            op,
            invalidPayloads(TILL_BODY_SCHEMAS[op] as never).map((p) => ({
              method: 'POST',
              url,
              authorization,
              body: body(p),
            })),
            'body' as const,
          ] as [string, fc.Arbitrary<Partial<TillHttpRequest> & { method: string; url: string }>, 'body'],
      ),
      [
        'getPayment',
        refusedQuery(readQuerySchema).map((q) => ({
          method: 'GET',
          url: `/v1/payments/${reference}?${new URLSearchParams(q)}`,
          authorization,
        })),
        'body',
      ],
      [
        'listPayments',
        refusedQuery(listQuerySchema).map((q) => ({
          method: 'GET',
          url: `/v1/payments?${new URLSearchParams(q)}`,
          authorization,
        })),
        'body',
      ],
      [
        'getOrder',
        fc
          .string({ maxLength: 200 })
          .filter((id) => !orderIdSchema.safeParse(id).success)
          .map((id) => ({ method: 'GET', url: `/v1/orders/${encodeURIComponent(id)}`, authorization })),
        'path',
      ],
    ];
    const summary: string[] = [];
    for (const [operation, requests, kind] of cases) {
      const t0 = performance.now();
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const res = await send(req);
          const problem = res.body as { code?: string };
          const ok =
            res.headers['Content-Type'] === 'application/problem+json' &&
            (problem.code === 'VALIDATION' || (kind === 'path' && problem.code === 'NOT_FOUND'));
          if (!ok)
            throw new Error(`${operation} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          refused += 1;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(refused).toBe(RUNS);
      summary.push(`${operation} ${Math.round(performance.now() - t0)} ms`);
    }
    console.log(
      `[reliability] till API fuzz: ${summary.length} operations × ${RUNS} = ${summary.length * RUNS} invalid requests, all refused; journal unchanged (seed ${SEED}): ${summary.join(', ')}`,
    );
    expect(journalFingerprint()).toEqual(journalBefore);
    expect(Object.fromEntries(reached)).toEqual({});
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
