import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrap, type RunningApp } from '../../../src/main/windows/bootstrap';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/windows/csp';
import { startApp } from '../../../src/main/windows/startup';
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

async function boot(mainDir = '/opt/pos/out/main'): Promise<RunningApp> {
  running = await bootstrap({ mainDir, env: { POS_DATA_DIR: dataDir } });
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
    expect(customer.webContents.getURL()).toBe('pos://app/index.html#customer');
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

  it('reloads a crashed page after a growing delay, and after repeated crashes shows the error screen and logs it', async () => {
    const app = await boot();
    const contents = (app.windows.cashier as unknown as BrowserWindow).webContents;
    const crash = () => contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      crash();
      await vi.advanceTimersByTimeAsync(499);
      expect(contents.reloads).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(contents.reloads).toBe(1);
      crash();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(contents.reloads).toBe(2);
      crash();
      await vi.advanceTimersByTimeAsync(8_000);
      expect(contents.reloads).toBe(3);
      crash();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(contents.reloads).toBe(3);
      const screen = decodeURIComponent(contents.loadedUrls.at(-1) ?? '');
      expect(screen).toMatch(/^data:text\/html/);
      expect(screen).toContain('The counter window crashed several times');
      expect(screen).not.toContain('<script');
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() =>
      expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('keeps crashing'),
    );
  });

  it('a page that crashes once a minute keeps being reloaded', async () => {
    const app = await boot();
    const contents = (app.windows.cashier as unknown as BrowserWindow).webContents;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      for (let i = 1; i <= 5; i++) {
        contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
        await vi.advanceTimersByTimeAsync(61_000);
        expect(contents.reloads).toBe(i);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('closing the cashier window closes the customer display and releases both windows', async () => {
    const app = await boot();
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    const customer = app.windows.customer as unknown as BrowserWindow;
    const ids = [cashier.webContents.id, customer.webContents.id];
    expect(() => cashier.close()).not.toThrow();
    expect(customer.isDestroyed()).toBe(true);
    // A new webContents reusing neither id is refused: the roles were forgotten.
    const handler = electronFake.ipcMain.handlers.get(CH.appInfo)!;
    for (const id of ids) {
      const event = { sender: { id }, senderFrame: { url: 'pos://app/index.html', parent: null } };
      expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('answers IPC when installed under a path Chromium escapes differently from Node', async () => {
    const app = await boot('/opt/Vipps; Counter #1/resources/app.asar/out/main');
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    expect(await invoke(cashier, CH.appInfo, {})).toMatchObject({ ok: true });
  });

  it('serves the built renderer on its own scheme with the CSP, and nothing outside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pos-install; dir #1 '));
    mkdirSync(join(root, 'out', 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(root, 'out', 'renderer', 'index.html'), '<!doctype html><title>POS</title>');
    writeFileSync(join(root, 'out', 'renderer', 'assets', 'main chunk.js'), 'export {};');
    writeFileSync(join(root, 'out', 'secret.txt'), 'not for the page');
    await boot(join(root, 'out', 'main'));
    const { protocol } = electronFake;
    expect(protocol.registeredBeforeReady).toBe(true);
    expect(protocol.privileged).toEqual([
      { scheme: 'pos', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const page = await protocol.fetch('pos://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>POS</title>');
    const script = await protocol.fetch('pos://app/assets/main%20chunk.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const url of [
      'pos://app/..%2Fsecret.txt',
      'pos://app/%2e%2e/secret.txt',
      'pos://other/index.html',
    ]) {
      expect((await protocol.fetch(url)).status, url).toBe(404);
    }
  });

  it('a packaged app has no DevTools, no default menu and no reload or DevTools shortcuts', async () => {
    electronFake.app.isPackaged = true;
    electronFake.app.setPath('userData', dataDir);
    const app = await boot();
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    expect(cashier.options.webPreferences).toMatchObject({ devTools: false });
    const menu = electronFake.Menu.applicationMenu;
    expect(menu).toBeTruthy();
    const roles = JSON.stringify(menu!.items).toLowerCase();
    for (const role of ['"reload"', 'forcereload', 'toggledevtools']) expect(roles).not.toContain(role);
    for (const input of [
      { type: 'keyDown', key: 'r', control: true },
      { type: 'keyDown', key: 'R', meta: true, shift: true },
      { type: 'keyDown', key: 'F5' },
      { type: 'keyDown', key: 'F12' },
      { type: 'keyDown', key: 'I', control: true, shift: true },
      { type: 'keyDown', key: 'i', meta: true, alt: true },
    ]) {
      let prevented = false;
      cashier.webContents.emit(
        'before-input-event',
        { preventDefault: () => (prevented = true) },
        {
          control: false,
          meta: false,
          shift: false,
          alt: false,
          ...input,
        },
      );
      expect(prevented, JSON.stringify(input)).toBe(true);
    }
    let typing = false;
    cashier.webContents.emit(
      'before-input-event',
      { preventDefault: () => (typing = true) },
      {
        type: 'keyDown',
        key: 'r',
        control: false,
        meta: false,
        shift: false,
        alt: false,
      },
    );
    expect(typing).toBe(false);
  });

  it('a development app keeps DevTools and a menu to reach them', async () => {
    const app = await boot();
    const cashier = app.windows.cashier as unknown as BrowserWindow;
    expect(cashier.options.webPreferences).toMatchObject({ devTools: true });
    expect(JSON.stringify(electronFake.Menu.applicationMenu!.items)).toContain('toggleDevTools');
  });

  it('a start-up failure is shown in a dialog with the log path, then the app quits', async () => {
    // Electron refuses a second handler for a channel, so registering IPC fails.
    electronFake.ipcMain.handle(CH.appInfo, () => null);
    const result = await startApp({ mainDir: '/opt/pos/out/main', env: { POS_DATA_DIR: dataDir } });
    expect(result).toBeNull();
    expect(electronFake.app.exitCode).toBe(1);
    expect(electronFake.dialog.errorBoxes).toHaveLength(1);
    const [box] = electronFake.dialog.errorBoxes;
    expect(box!.title).toBe('Vipps MobilePay Counter could not start');
    expect(box!.content).toMatch(/Reason: .+/);
    expect(box!.content).toContain(join(dataDir, 'logs', 'main.log'));
    expect(box!.content).toContain("Attempted to register a second handler for 'pos:app:info'");
    await vi.waitFor(() =>
      expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('the app could not start'),
    );
  });

  it('a second copy quits without touching anything', async () => {
    electronFake.app.singleInstanceLock = false;
    expect(await bootstrap({ mainDir: '/opt/pos/out/main', env: { POS_DATA_DIR: dataDir } })).toBeNull();
    expect(electronFake.app.quitCalled).toBe(true);
    expect(electronFake.BrowserWindow.instances).toHaveLength(0);
    expect(electronFake.ipcMain.handlers.size).toBe(0);
  });

  it('keeps crash reports local from before ready, and follows the counter policy for start on login', async () => {
    writeFileSync(join(dataDir, 'counter-policy.json'), JSON.stringify({ startOnLogin: true }));
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
    try {
      await boot();
    } finally {
      Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
    }
    expect(electronFake.crashReporter.started).toEqual([{ uploadToServer: false, compress: true }]);
    expect(electronFake.app.getPath('crashDumps')).toBe(join(dataDir, 'crashes'));
    expect(electronFake.app.loginItem).toEqual({ openAtLogin: true });
  });

  it('reopens the cashier window where it was closed, maximized if it was', async () => {
    const first = await boot();
    const cashier = first.windows.cashier as unknown as BrowserWindow;
    cashier.bounds = { x: 40, y: 30, width: 1100, height: 700 };
    cashier.maximize();
    cashier.close();
    await first.core.close();
    electronFake.reset();
    const second = await boot();
    const again = second.windows.cashier as unknown as BrowserWindow;
    expect(again.options).toMatchObject({ x: 40, y: 30, width: 1100, height: 700 });
    expect(again.isMaximized()).toBe(true);
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
