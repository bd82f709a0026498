import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrap, type RunningApp } from '../../../src/main/windows/bootstrap';
import { CH, EV, type Result } from '../../../src/preload/contract';
import { type BrowserWindow, electronFake } from '../../setup/electron-mock';

let running: RunningApp | null = null;
let dataDir: string;

beforeEach(() => {
  electronFake.reset();
  dataDir = mkdtempSync(join(tmpdir(), 'pos-app-'));
});

afterEach(async () => {
  await running?.core.close();
  running = null;
});

async function boot(): Promise<RunningApp> {
  running = await bootstrap({ mainDir: '/opt/pos/out/main', env: { POS_DATA_DIR: dataDir } });
  if (!running) throw new Error('did not start');
  return running;
}

function invoke(window: BrowserWindow, channel: string, payload: unknown): Promise<Result<unknown>> {
  const handler = electronFake.ipcMain.handlers.get(channel)!;
  const frame = { url: window.webContents.getURL(), parent: null };
  return handler({ sender: window.webContents, senderFrame: frame }, payload);
}

describe('bootstrap', () => {
  it('enables the sandbox before the app is ready and takes the single-instance lock', async () => {
    await boot();
    expect(electronFake.app.sandboxEnabled).toBe(true);
    expect(electronFake.app.sandboxEnabledBeforeReady).toBe(true);
  });

  it('opens the cashier and customer windows with secure options', async () => {
    const app = await boot();
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    const customer = app.windows.customer as unknown as BrowserWindow;
    for (const window of [cashier, customer]) {
      expect(window.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        preload: '/opt/pos/out/preload/index.js',
      });
      // Every webContents is guarded as it is created.
      expect(window.webContents.windowOpenHandler).not.toBeNull();
      expect(window.webContents.listenerCount('will-navigate')).toBe(1);
    }
    expect(customer.webContents.getURL()).toBe('file:///opt/pos/out/renderer/index.html#customer');
    expect(electronFake.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(electronFake.session.defaultSession.webRequest.beforeRequest).not.toBeNull();
  });

  it('registers every channel and answers our windows through the real core', async () => {
    const app = await boot();
    expect([...electronFake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CH).sort());
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    expect(await invoke(cashier, CH.appInfo, {})).toMatchObject({ ok: true, value: { training: true } });
    const stranger = new (electronFake.BrowserWindow as typeof BrowserWindow)({});
    await stranger.loadFile('/opt/pos/out/renderer/index.html');
    expect(await invoke(stranger, CH.appInfo, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the customer display can read but not start a payment', async () => {
    const app = await boot();
    const customer = app.windows.customer as unknown as BrowserWindow;
    expect(await invoke(customer, CH.appInfo, {})).toMatchObject({ ok: true });
    expect(await invoke(customer, CH.paymentStart, { amount: 1000, flow: 'QR' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('pushes payment events to both windows', async () => {
    const app = await boot();
    await app.core.ready();
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    const customer = app.windows.customer as unknown as BrowserWindow;
    const started = await invoke(cashier, CH.paymentStart, { amount: 1000, flow: 'QR' });
    expect(started).toMatchObject({ ok: true, value: { status: 'WAITING' } });
    for (const window of [cashier, customer]) {
      expect(window.webContents.sent.some((m) => m.channel === EV.payment)).toBe(true);
    }
  });

  it('reloads a window whose page crashed', async () => {
    const app = await boot();
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    cashier.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(cashier.webContents.reloads).toBe(1);
  });

  it('a second copy quits without touching anything', async () => {
    electronFake.app.singleInstanceLock = false;
    expect(await bootstrap({ mainDir: '/opt/pos/out/main', env: { POS_DATA_DIR: dataDir } })).toBeNull();
    expect(electronFake.app.quitCalled).toBe(true);
    expect(electronFake.BrowserWindow.instances).toHaveLength(0);
    expect(electronFake.ipcMain.handlers.size).toBe(0);
  });

  it('closes the core before quitting', async () => {
    const app = await boot();
    let prevented = false;
    electronFake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(electronFake.app.quitCalled).toBe(true));
    expect(() => app.core.payments()).toThrow(/shutting down/);
    running = null;
  });
});
