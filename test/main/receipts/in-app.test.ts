/**
 * The ops tools as the app runs them: a real core in training mode (in-process simulator, real
 * journal file) with the receipts, self-test, go-live and webhooks extensions, called through the
 * same handler map and schemas as the windows use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, type CoreEvent, startCore } from '../../../src/main/core';
import { goLiveExtension } from '../../../src/main/golive/extension';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger } from '../../../src/main/log';
import { receiptsExtension } from '../../../src/main/receipts/extension';
import { selfTestExtension } from '../../../src/main/selftest/extension';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { webhooksExtension } from '../../../src/main/webhooks/extension';
import type { Channel, ChannelMap, PaymentView, Result } from '../../../src/preload/contract';

let core: Core;
let dataDir: string;
const events: CoreEvent[] = [];
let call: <C extends Channel>(channel: C, req: unknown) => Promise<Result<ChannelMap[C]['res']>>;

async function value<C extends Channel>(channel: C, req: unknown): Promise<ChannelMap[C]['res']> {
  const result = await call(channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-ops-'));
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
    app: { name: 'vipps-counter', version: '1.2.3' },
    extensions: [
      receiptsExtension(),
      selfTestExtension(),
      goLiveExtension({ pollMs: 10 }),
      webhooksExtension(),
    ],
  });
  core.onEvent((event) => events.push(event));
  await core.ready();
  const handlers = createHandlers(core);
  call = async (channel, req) =>
    (await invokeHandler(
      handlers,
      channel,
      req,
      createLogger(() => {}),
    )) as never;
});
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ops tools in the running app (training)', () => {
  it('ran the self-test at start; it can be run again on demand', async () => {
    const last = await eventuallyAsync(
      () => value('pos:selftest:last', {}),
      (r) => r !== null,
    );
    expect(last).toMatchObject({ environment: 'training' });
    const report = await value('pos:selftest:run', {});
    const outcome = Object.fromEntries(report.checks.map((c) => [c.id, c.outcome]));
    expect(outcome).toMatchObject({
      reachability: 'ok',
      clock: 'ok',
      credentials: 'ok',
      merchant: 'ok',
      journal: 'ok',
    });
  });

  it('a completed sale gets its receipt, and the window hears "receipt sent"', async () => {
    const sale = await value('pos:payment:start', {
      amount: 6_000,
      flow: 'QR',
      lines: [{ name: 'Tulips', unitPrice: 3_000, quantity: 2, taxRate: 2500 }],
    });
    await value('pos:training:customer', { reference: sale.reference, action: 'approve' });
    const receipt = await eventuallyAsync(
      () => value('pos:receipt:get', { reference: sale.reference }),
      (r) => r.status === 'sent',
    );
    expect(receipt).toMatchObject({ receiptNumber: 1, attempts: 1, lastError: null });
    const pushed = events
      .filter(
        (e): e is Extract<CoreEvent, { channel: 'pos:event:payment' }> => e.channel === 'pos:event:payment',
      )
      .map((e) => e.payload as PaymentView)
      .filter((p) => p.reference === sale.reference);
    expect(pushed.at(-1)).toMatchObject({ status: 'COMPLETED', receipt: 'sent' });
    expect((await value('pos:payment:get', { reference: sale.reference })).payment.receipt).toBe('sent');
    await value('pos:payment:dismiss', { reference: sale.reference });
  });

  it('refuses bad receipt lines at start, before the customer is asked', async () => {
    const result = await call('pos:payment:start', {
      amount: 1_000,
      flow: 'QR',
      lines: [{ name: 'Pens', unitPrice: 300, quantity: 3 }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers NOT_FOUND for the receipt of a sale it does not know', async () => {
    expect(await call('pos:receipt:get', { reference: 'unknown-sale-1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('runs the go-live scenarios from settings and returns the table', async () => {
    const report = await value('pos:golive:run', {});
    expect(report.ok).toBe(true);
    expect(report.rows.map((r) => r.scenario)).toEqual(['AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED']);
    expect(report.text).toMatch(/CANCELLED\s+golive-\d{8}-\d{6}-[0-9a-f]{4}-cancelled\s+AUTHORIZED/);
    // Evidence payments are journaled like sales and show in History, marked as go-live tests.
    const history = await value('pos:payment:search', {});
    const marked = history.items.filter((p) => p.reference.startsWith('golive-'));
    expect(marked.map((p) => [p.reference, p.goLive])).toEqual(
      expect.arrayContaining(report.rows.map((r) => [r.reference, r.scenario])),
    );
    const detail = await value('pos:payment:get', { reference: report.rows[1]!.reference });
    expect(detail.payment).toMatchObject({ goLive: 'CAPTURED', status: 'COMPLETED' });
    expect(detail.operations.map((o) => [o.kind, o.status])).toEqual([
      ['create', 'succeeded'],
      ['capture', 'succeeded'],
    ]);
  });

  it('explains in training why webhooks are not used and polling is', async () => {
    const status = await value('pos:webhooks:status', {});
    expect(status).toMatchObject({ available: false, polling: true, registered: [] });
    expect(status.explanation).toMatch(/polling/);
    expect(await call('pos:webhooks:register', { url: 'https://relay.example.no/vipps' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

async function eventuallyAsync<T>(read: () => Promise<T>, test: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const current = await read();
    if (test(current)) return current;
    if (Date.now() > deadline) throw new Error(`condition never held; last ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
