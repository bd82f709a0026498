/**
 * The permission gate fails closed: when the staff extension cannot start, the requests it would
 * check (refund, release, settings, webhooks, go-live, staff and report tools) answer FORBIDDEN
 * instead of reaching the unchecked handlers (the shell's or another room's), and nothing reaches Vipps. Real core, real simulator over
 * loopback, real SQLite journal; the staff extension really fails (its tables are gone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, type CoreOptions, startCore } from '../../../src/main/core';
import { goLiveExtension } from '../../../src/main/golive/extension';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger, silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { staffExtension } from '../../../src/main/staff/extension';
import { journalFileFor } from '../../../src/main/training/journal-file';
import { webhooksExtension } from '../../../src/main/webhooks/extension';
import type { Channel, SaleStatus } from '../../../src/preload/contract';

const FAST_POLLING = { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 };
const BLOCKED = {
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: 'Staff tools are not available, so this action is blocked; restart the app or contact support.',
  },
};

let sim: Simulator | undefined;
let core: Core | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await core?.close();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  core = sim = dataDir = undefined;
});

async function settled(c: Core, reference: string, status: SaleStatus): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await c.payments().get(reference)).payment.status === status) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${reference} never reached ${status}`);
}

/** A shop with money at Vipps: one captured sale (refundable) and one reservation (releasable). */
async function shopWithMoney(options: CoreOptions): Promise<{ paid: string; held: string }> {
  const first = await startCore(options);
  await first.ready();
  await first.saveSettings({ capturePolicy: 'reserve-only' });
  const paid = (await first.paymentsForChange().start({ amount: 3_000, flow: 'QR' })).reference;
  sim!.customer.approve(paid);
  await settled(first, paid, 'RESERVED');
  await first.paymentsForChange().capture({ reference: paid });
  await settled(first, paid, 'COMPLETED');
  first.payments().dismiss(paid);
  const held = (await first.paymentsForChange().start({ amount: 2_000, flow: 'QR' })).reference;
  sim!.customer.approve(held);
  await settled(first, held, 'RESERVED');
  await first.close();
  return { paid, held };
}

describe('permission gate fails closed', () => {
  it('refuses refund, release and settings when the staff extension failed to start, and nothing reaches Vipps', async () => {
    sim = await startSimulator();
    dataDir = mkdtempSync(join(tmpdir(), 'pos-fail-closed-'));
    const options: CoreOptions = {
      dataDir,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
      polling: FAST_POLLING,
      logger: silentLogger,
      baseUrlOverride: sim.url,
    };
    const { paid, held } = await shopWithMoney(options);

    // The staff tables are gone (a damaged or foreign journal): the staff extension cannot start.
    const db = new Database(journalFileFor(dataDir, 'training', true));
    db.exec('DROP TABLE staff');
    db.close();
    const logLines: string[] = [];
    core = await startCore({
      ...options,
      logger: createLogger((line) => logLines.push(line), 'test', 'debug'),
      extensions: [staffExtension(), goLiveExtension(), webhooksExtension()],
    });
    await core.ready();
    expect(logLines.join('\n')).toMatch(/extension failed to start/);

    const handlers = createHandlers(core);
    const call = (channel: Channel, req: unknown) => invokeHandler(handlers, channel, req, silentLogger);
    const ledger = sim.ledger.entries();

    const refund = { reference: paid, amount: 1_000, reason: 'Damaged goods', requestId: 'refund-0001' };
    expect(await call('pos:payment:refund', refund)).toMatchObject(BLOCKED);
    expect(await call('pos:payment:refund', { ...refund, approval: { pin: '1234' } })).toMatchObject(BLOCKED);
    expect(await call('pos:payment:cancel', { reference: held })).toMatchObject(BLOCKED);
    expect(await call('pos:payment:resolve', { reference: held, action: 'release' })).toMatchObject(BLOCKED);
    expect(await call('pos:settings:save', { capturePolicy: 'capture-now' })).toMatchObject(BLOCKED);
    expect(await call('pos:staff:list', {})).toMatchObject(BLOCKED);
    expect(await call('pos:report:day', { date: '2026-11-25' })).toMatchObject(BLOCKED);
    // Other rooms' channels the gate covers are refused the same way, whoever would answer them.
    expect(await call('pos:webhooks:register', { url: 'https://relay.example.no/vipps' })).toMatchObject(
      BLOCKED,
    );
    expect(await call('pos:webhooks:unregister', {})).toMatchObject(BLOCKED);
    expect(await call('pos:golive:run', {})).toMatchObject(BLOCKED);

    expect(sim.ledger.entries()).toEqual(ledger);
    expect((await core.payments().get(paid)).payment.aggregate.refunded).toBe(0);
    expect((await core.payments().get(held)).payment.status).toBe('RESERVED');
    expect(core.settingsView().capturePolicy).toBe('reserve-only');

    // What needs no permission still works: reading, and capturing the reservation.
    expect(await call('pos:payment:get', { reference: paid })).toMatchObject({ ok: true });
    expect(await call('pos:payment:capture', { reference: held })).toMatchObject({ ok: true });
    await settled(core, held, 'COMPLETED');
    expect(sim.ledger.total('capture', held)).toBe(2_000);
  });

  it('keeps settings open when there is no running setup, even with a staff extension that cannot start', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pos-fail-closed-'));
    const options: CoreOptions = {
      dataDir,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
      logger: silentLogger,
    };
    // The test environment without credentials: no setup runs, so nothing can move money.
    const first = await startCore(options);
    await first.saveSettings({ environment: 'test' });
    await first.close();
    const broken = { ...staffExtension(), start: () => Promise.reject(new Error('staff tools broken')) };
    core = await startCore({ ...options, extensions: [broken] });
    const handlers = createHandlers(core);
    const call = (channel: Channel, req: unknown) => invokeHandler(handlers, channel, req, silentLogger);

    const refund = {
      reference: 'pos1-20260101-000001',
      amount: 100,
      reason: 'Damaged',
      requestId: 'refund-0001',
    };
    expect(await call('pos:payment:refund', refund)).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONFIGURED' },
    });
    expect(await call('pos:settings:save', { counterId: 'till-2' })).toMatchObject({
      ok: true,
      value: { counterId: 'till-2', environment: 'test' },
    });
  });
});
