import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../../src/main/log';
import { createCashierWindow, createCustomerWindow } from '../../../src/main/windows/create-windows';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/windows/csp';
import { contentSecurityPolicyMeta } from '../../../src/main/windows/csp-meta';
import { isAllowedExternalUrl } from '../../../src/main/windows/external-links';
import { placeCustomerWindow } from '../../../src/main/windows/placement';
import { resolveRendererEntry } from '../../../src/main/windows/renderer-entry';
import { hardenSession, hardenWebContents } from '../../../src/main/windows/security';
import { BrowserWindow, electronFake, FakeSession, type FakeWebContents } from '../../setup/electron-mock';

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
};

const entry = resolveRendererEntry('/opt/pos/out/main', {}, true);

async function opened(o: { window: unknown; loaded: Promise<void> }): Promise<BrowserWindow> {
  await o.loaded;
  return o.window as BrowserWindow;
}

beforeEach(() => electronFake.reset());

describe('windows', () => {
  it('the cashier window gets the secure webPreferences, written out, and loads the built renderer', async () => {
    const window = await opened(createCashierWindow(entry));
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ ...SECURE, preload: '/opt/pos/out/preload/index.js' });
    expect(window.loaded).toEqual({ kind: 'url', target: 'pos://app/index.html' });
    // A cashier's (packaged) app has no DevTools.
    expect(prefs.devTools).toBe(false);
  });

  it('the customer window loads #customer, full screen on a second display', async () => {
    electronFake.screen.displays = [
      {
        id: 1,
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      },
      {
        id: 2,
        bounds: { x: 1920, y: 0, width: 1024, height: 768 },
        workArea: { x: 1920, y: 0, width: 1024, height: 768 },
      },
    ];
    const window = await opened(createCustomerWindow(entry));
    expect(window.options.webPreferences).toMatchObject(SECURE);
    expect(window.options).toMatchObject({ x: 1920, y: 0, width: 1024, height: 768, fullscreen: true });
    expect(window.loaded).toEqual({ kind: 'url', target: 'pos://app/index.html#customer' });
  });

  it('without a second display the customer window is a movable window', async () => {
    const window = await opened(createCustomerWindow(entry));
    expect(window.options).toMatchObject({ fullscreen: false, movable: true, frame: true });
    expect(placeCustomerWindow(electronFake.screen.displays, electronFake.screen.displays[0]!)).toEqual({
      kind: 'movable-window',
      bounds: { x: 1440, y: 0, width: 480, height: 720 },
    });
  });

  it('in development loads the dev server with the hash', async () => {
    const dev = resolveRendererEntry(
      '/src/out/main',
      { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
      false,
    );
    const window = await opened(createCustomerWindow(dev));
    expect(window.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173#customer' });
    expect((window.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
  });

  it('a packaged app ignores a dev server URL from the environment', () => {
    const packaged = resolveRendererEntry(
      '/opt/pos/out/main',
      { ELECTRON_RENDERER_URL: 'http://evil.example' },
      true,
    );
    expect(packaged.devServerUrl).toBeUndefined();
    expect(packaged.url).toBe('pos://app/index.html');
    expect(packaged.rendererDir).toBe('/opt/pos/out/renderer');
  });
});

describe('web contents guards', () => {
  function guarded(): FakeWebContents {
    const window = new BrowserWindow({});
    hardenWebContents(window.webContents as never, {
      openInBrowser: (url) => electronFake.shell.openExternal(url),
      logger: silentLogger,
    });
    return window.webContents;
  }

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is prevented', (event) => {
    const contents = guarded();
    let prevented = false;
    contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('logs where a blocked navigation went, from details.url (Electron 45 passes no url argument)', () => {
    const lines: string[] = [];
    const window = new BrowserWindow({});
    hardenWebContents(window.webContents as never, {
      openInBrowser: async () => {},
      logger: createLogger((line) => lines.push(line), 'test'),
    });
    for (const event of ['will-navigate', 'will-redirect']) {
      window.webContents.emit(event, { preventDefault: () => {}, url: 'https://evil.example/steal?x=1' });
    }
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ url: 'https://evil.example' });
  });

  it('window.open is always denied; allow-listed help links go to the system browser', () => {
    const contents = guarded();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://developer.vippsmobilepay.com/docs/knowledge-base/' })).toEqual({
      action: 'deny',
    });
    expect(electronFake.shell.opened).toEqual(['https://developer.vippsmobilepay.com/docs/knowledge-base/']);
  });

  it('external links are matched by parsed origin', () => {
    expect(isAllowedExternalUrl('https://help.vippsmobilepay.com/no-NO/articles/1')).toBe(true);
    for (const url of [
      'http://help.vippsmobilepay.com/',
      'https://help.vippsmobilepay.com.evil.example/',
      'https://vippsmobilepay.com@evil.example/',
      'https://user:pw@vippsmobilepay.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('session hardening', () => {
  function hardened(devServerUrl?: string): FakeSession {
    const session = new FakeSession();
    hardenSession(session as never, { logger: silentLogger, ...(devServerUrl ? { devServerUrl } : {}) });
    return session;
  }

  function decide(session: FakeSession, url: string): { cancel?: boolean } {
    let decision: { cancel?: boolean } | undefined;
    session.webRequest.beforeRequest!({ url }, (d: { cancel?: boolean }) => (decision = d));
    return decision!;
  }

  it('denies every permission request and check', () => {
    const session = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      session.permissionRequestHandler!({}, permission, (ok: boolean) => (granted = ok));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler!({}, permission)).toBe(false);
    }
  });

  it('blocks the renderer from the network; local files are fine', () => {
    const session = hardened();
    for (const url of [
      'https://api.vipps.no/epayment/v1/payments',
      'http://127.0.0.1:8080/',
      'wss://evil.example/',
    ]) {
      expect(decide(session, url), url).toEqual({ cancel: true });
    }
    expect(decide(session, 'file:///opt/pos/out/renderer/assets/index.js')).toEqual({});
    expect(decide(session, 'data:image/svg+xml;base64,PHN2Zz4=')).toEqual({});
  });

  it('lets only the dev server through in development', () => {
    const session = hardened('http://localhost:5173');
    expect(decide(session, 'http://localhost:5173/src/main.tsx')).toEqual({});
    expect(decide(session, 'ws://localhost:5173/?token=x')).toEqual({});
    expect(decide(session, 'http://localhost:5174/')).toEqual({ cancel: true });
    expect(decide(session, 'https://apitest.vipps.no/')).toEqual({ cancel: true });
  });

  it('adds the strict CSP to http responses', () => {
    const session = hardened();
    let headers: Record<string, string[]> | undefined;
    session.webRequest.headersReceived!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (d: { responseHeaders: Record<string, string[]> }) => (headers = d.responseHeaders),
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(CONTENT_SECURITY_POLICY).not.toContain('vipps');
  });
});

describe('one Content-Security-Policy', () => {
  const source = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8');

  it('the built page gets csp.ts as its meta tag, and the source page has no policy of its own', () => {
    expect(source).not.toMatch(/http-equiv=["']?Content-Security-Policy/i);
    const plugin = contentSecurityPolicyMeta();
    expect(plugin.apply).toBe('build');
    expect(plugin.transformIndexHtml()).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ]);
  });

  it('the build uses that plugin for the renderer', () => {
    const config = readFileSync(join(__dirname, '../../../electron.vite.config.ts'), 'utf8');
    expect(config).toMatch(/plugins: \[[^\]]*contentSecurityPolicyMeta\(\)/);
  });

  it('is as strict as the development header: nothing by default, only our own origin', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives[0]).toBe("default-src 'none'");
    for (const directive of directives) expect(directive).not.toMatch(/unsafe-|\*|https?:|ws:/);
  });
});
