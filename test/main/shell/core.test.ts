import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, type CoreEvent, startCore } from '../../../src/main/core';
import { isPosFailure } from '../../../src/main/errors';
import { createLogger, silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator, TRAINING_CREDENTIALS } from '../../../src/main/simulator';
import type { PaymentView, SaleStatus } from '../../../src/preload/contract';

const FAST_POLLING = { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 };

let core: Core | undefined;
let simulator: Simulator | undefined;
let logLines: string[] = [];

afterEach(async () => {
  await core?.close();
  await simulator?.close();
  core = undefined;
  simulator = undefined;
  logLines = [];
});

async function start(options: { allowPlaintextSecrets?: boolean; baseUrlOverride?: string } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-core-'));
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: options.allowPlaintextSecrets ?? false }),
    polling: FAST_POLLING,
    logger: createLogger((line) => logLines.push(line), 'test', 'debug'),
    app: { name: 'vipps-counter', version: '1.2.3' },
    ...(options.baseUrlOverride ? { baseUrlOverride: options.baseUrlOverride } : {}),
  });
  await core.ready();
  return { core, dataDir };
}

function waitForStatus(c: Core, reference: string, statuses: SaleStatus[]): Promise<PaymentView> {
  return new Promise((resolve) => {
    const off = c.onEvent((event: CoreEvent) => {
      if (event.channel === 'pos:event:payment' && event.payload.reference === reference) {
        if (statuses.includes(event.payload.status)) {
          off();
          resolve(event.payload);
        }
      }
    });
  });
}

async function failureOf(
  promise: Promise<unknown> | (() => unknown),
): Promise<{ code: string; message: string }> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (isPosFailure(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a PosFailure');
}

describe('core', () => {
  it('starts in training mode with the simulator when nothing is configured', async () => {
    const { core: c, dataDir } = await start();
    expect(c.info()).toMatchObject({
      name: 'vipps-counter',
      version: '1.2.3',
      environment: 'training',
      training: true,
      market: 'NO',
      currency: 'NOK',
      brand: 'vipps',
      recovery: null,
    });
    expect(c.settingsView()).toMatchObject({
      environment: 'training',
      configured: true,
      encryptionAvailable: false,
    });
    const journals = readdirSync(join(dataDir, 'training')).filter((name) => name.endsWith('.sqlite'));
    expect(journals).toEqual([expect.stringMatching(/^journal-.*\.sqlite$/)]);
  });

  it('takes a QR payment end to end: the customer phone approves, the engine captures', async () => {
    const { core: c } = await start();
    const sale = await c.paymentsForChange().start({ amount: 14950, flow: 'QR' });
    expect(sale.status).toBe('WAITING');
    const completed = waitForStatus(c, sale.reference, ['COMPLETED']);
    const afterApprove = await c.trainingCustomer({ reference: sale.reference, action: 'approve' });
    expect(afterApprove.reference).toBe(sale.reference);
    const done = await completed;
    expect(done.aggregate).toMatchObject({ authorized: 14950, captured: 14950 });
  });

  it('reports the open sale and unsettled operations a restart (an update) would interrupt', async () => {
    const { core: c } = await start();
    expect(c.openWork()).toEqual({ sale: null, operations: 0 });
    const sale = await c.paymentsForChange().start({ amount: 2500, flow: 'QR' });
    expect(c.openWork().sale).toBe(sale.reference);
    const completed = waitForStatus(c, sale.reference, ['COMPLETED']);
    await c.trainingCustomer({ reference: sale.reference, action: 'approve' });
    await completed;
    await expect.poll(() => c.openWork()).toEqual({ sale: null, operations: 0 });
  });

  it('the customer phone can reject, and refuses a payment that is no longer waiting', async () => {
    const { core: c } = await start();
    const sale = await c.paymentsForChange().start({ amount: 1000, flow: 'PUSH_PHONE', phone: '4791234567' });
    const rejected = waitForStatus(c, sale.reference, ['REJECTED']);
    await c.trainingCustomer({ reference: sale.reference, action: 'reject' });
    await rejected;
    expect(
      await failureOf(c.trainingCustomer({ reference: sale.reference, action: 'approve' })),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('refuses to switch environment while a sale is in progress, and changes nothing', async () => {
    const { core: c } = await start();
    const sale = await c.paymentsForChange().start({ amount: 2500, flow: 'QR' });
    expect(await failureOf(c.saveSettings({ environment: 'test' }))).toMatchObject({
      code: 'ACTIVE_PAYMENT_EXISTS',
    });
    expect(await failureOf(c.saveSettings({ counterId: 'till-2' }))).toMatchObject({
      code: 'ACTIVE_PAYMENT_EXISTS',
    });
    expect(c.settingsView()).toMatchObject({ environment: 'training', counterId: 'pos1' });
    expect(c.payments().active()?.reference).toBe(sale.reference);
    // A language change touches no sale and is allowed.
    expect(await c.saveSettings({ language: 'en' })).toMatchObject({ language: 'en' });
  });

  it('without credentials a real environment answers NOT_CONFIGURED, and the customer phone is gone', async () => {
    const { core: c } = await start();
    const view = await c.saveSettings({ environment: 'production' });
    expect(view).toMatchObject({ environment: 'production', configured: false });
    expect(await failureOf(() => c.payments())).toMatchObject({ code: 'NOT_CONFIGURED' });
    expect(
      await failureOf(c.trainingCustomer({ reference: 'pos1-20260101-000001', action: 'approve' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await c.testConnection()).toMatchObject({ ok: false, code: 'NOT_CONFIGURED' });
    expect(c.info()).toMatchObject({ environment: 'production', training: false });
  });

  it('refuses to store secrets when the secret box cannot protect them', async () => {
    const { core: c, dataDir } = await start();
    expect(
      await failureOf(c.saveSettings({ environment: 'test', clientSecret: 'abc-secret-1' })),
    ).toMatchObject({
      code: 'ENCRYPTION_UNAVAILABLE',
    });
    expect(c.settingsView().environment).toBe('training');
    expect(readdirSync(dataDir)).not.toContain('settings.json');
  });

  it('switches to the test environment with stored credentials and tests the connection', async () => {
    simulator = await startSimulator();
    const { core: c, dataDir } = await start({ allowPlaintextSecrets: true, baseUrlOverride: simulator.url });
    const view = await c.saveSettings({
      environment: 'test',
      clientId: TRAINING_CREDENTIALS.clientId,
      clientSecret: TRAINING_CREDENTIALS.clientSecret,
      subscriptionKey: TRAINING_CREDENTIALS.subscriptionKey,
      merchantSerialNumber: TRAINING_CREDENTIALS.merchantSerialNumber,
    });
    expect(view).toMatchObject({
      environment: 'test',
      configured: true,
      secrets: { clientSecret: true, subscriptionKey: true },
    });
    expect(JSON.stringify(view)).not.toContain(TRAINING_CREDENTIALS.clientSecret);
    expect(await c.testConnection()).toEqual({
      ok: true,
      message: 'Connected to the Vipps MobilePay test environment.',
    });
    await c.ready();
    const sale = await c.paymentsForChange().start({ amount: 500, flow: 'QR' });
    expect(simulator.payments.get(sale.reference)?.amount).toEqual({ value: 500, currency: 'NOK' });
    expect(readdirSync(dataDir)).toContain('journal-test.sqlite');

    await c.paymentsForChange().cancel(sale.reference);
    await c.saveSettings({ subscriptionKey: 'wrong-key' });
    const result = await c.testConnection();
    expect(result).toMatchObject({ ok: false, code: 'AUTH' });
    expect(result.message).toMatch(/rejected the credentials/);
    const everything = [readFileSync(join(dataDir, 'settings.json'), 'utf8'), ...logLines].join('\n');
    expect(everything).not.toContain(TRAINING_CREDENTIALS.clientSecret);
  });

  it('training against an external Vipps keeps its journal, so a restart recovers a sale in flight', async () => {
    simulator = await startSimulator();
    const { core: first, dataDir } = await start({ baseUrlOverride: simulator.url });
    const sale = await first.paymentsForChange().start({ amount: 1200, flow: 'QR' });
    await first.close();
    simulator.customer.approve(sale.reference);

    core = await startCore({
      dataDir,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
      polling: FAST_POLLING,
      logger: silentLogger,
      baseUrlOverride: simulator.url,
    });
    await core.ready();
    expect(readdirSync(dataDir)).toContain('journal-training.sqlite');
    expect(core.info().recovery).toMatchObject({ checked: 1 });
    const recovered = core.payments().active();
    expect(recovered?.reference).toBe(sale.reference);
    // The approval happened while the app was down: the engine knows the money is reserved.
    expect(recovered?.aggregate.authorized).toBe(1200);
  });

  it('the connection test in training talks to the simulator', async () => {
    const { core: c } = await start();
    expect(await c.testConnection()).toEqual({
      ok: true,
      message: 'Connected to the built-in training simulator. No real money moves in training mode.',
    });
  });
});
