/**
 * The real app in the real Electron, as a cashier launches it: training mode, the sandboxed preload,
 * a sale approved by the training customer, the journal on disk, both windows, a clean quit.
 * Runs by `npm run test:electron` (which builds the app first); skipped, with the reason printed,
 * where the Electron binary is not installed.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, NO_ELECTRON_REASON } from './electron-binary';

const binary = electronBinary();
const MAIN = resolve(__dirname, '../../out/main/index.js');

if (!binary) console.log(`[electron smoke] skipped: ${NO_ELECTRON_REASON}`);

describe.skipIf(!binary)('the desktop app in real Electron', () => {
  let app: ElectronApplication;
  let cashier: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run electron-vite build first`);
    dataDir = mkdtempSync(join(tmpdir(), 'pos-electron-smoke-'));
    app = await _electron.launch({
      executablePath: binary as string,
      args: [MAIN],
      env: { ...process.env, POS_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    cashier = await app.firstWindow();
    if (cashier.url().includes('#customer')) {
      cashier = await app.waitForEvent('window', (page) => !page.url().includes('#customer'));
    }
    await cashier.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the page window.pos and nothing from Node', async () => {
    const globals = await cashier.evaluate(() => ({
      pos: typeof (globalThis as unknown as { pos?: unknown }).pos,
      require: typeof (globalThis as unknown as { require?: unknown }).require,
      process: typeof (globalThis as unknown as { process?: unknown }).process,
      buffer: typeof (globalThis as unknown as { Buffer?: unknown }).Buffer,
    }));
    expect(globals).toEqual({
      pos: 'object',
      require: 'undefined',
      process: 'undefined',
      buffer: 'undefined',
    });
  });

  it('opens the customer display too', async () => {
    await expect
      .poll(() => app.windows().some((page) => page.url().includes('#customer')), { timeout: 20_000 })
      .toBe(true);
  });

  it('takes a training sale to COMPLETED and keeps it in the journal file', async () => {
    type Pos = {
      payment: {
        start(req: unknown): Promise<{ ok: boolean; value?: { reference: string } }>;
        get(req: unknown): Promise<{ ok: boolean; value?: { payment: { status: string } } }>;
      };
      training: { customer(req: unknown): Promise<{ ok: boolean }> };
    };
    const started = await cashier.evaluate(() =>
      (globalThis as unknown as { pos: Pos }).pos.payment.start({ amount: 4900, flow: 'QR' }),
    );
    expect(started.ok).toBe(true);
    const reference = started.value?.reference as string;
    const approved = await cashier.evaluate(
      (ref) =>
        (globalThis as unknown as { pos: Pos }).pos.training.customer({ reference: ref, action: 'approve' }),
      reference,
    );
    expect(approved.ok).toBe(true);
    await expect
      .poll(
        async () =>
          (
            await cashier.evaluate(
              (ref) => (globalThis as unknown as { pos: Pos }).pos.payment.get({ reference: ref }),
              reference,
            )
          ).value?.payment.status,
        { timeout: 30_000 },
      )
      .toBe('COMPLETED');
    const journals = readdirSync(join(dataDir, 'training')).filter((name) => name.endsWith('.sqlite'));
    expect(journals.length).toBe(1);
  });

  it('quits cleanly when the cashier window is closed', async () => {
    const exited = new Promise<number | null>((done) => app.process().once('exit', (code) => done(code)));
    await cashier.close();
    expect(await exited).toBe(0);
  });
});
