import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, type CoreEvent, startCore } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { startSimulator, TRAINING_CREDENTIALS } from '../../../src/main/simulator';
import { PRODUCTION_REFUSED, startWebHost, TOKEN_HEADER, type WebHost } from '../../../src/main/web/host';
import { isLocalRequest, isLoopbackAddress, isLoopbackHost } from '../../../src/main/web/loopback';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/windows/csp';
import type { PaymentView } from '../../../src/preload/contract';
import { NodeEventSource } from './sse-client';

const FAST_POLLING = { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 };

let core: Core;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-web-'));
  rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>POS</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'settings.json'), '{"secret": "outside the renderer"}');
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: FAST_POLLING,
    logger: silentLogger,
  });
  await core.ready();
  host = await startWebHost({ core, rendererDir, logger: silentLogger });
});

afterAll(async () => {
  await host.close();
  await core.close();
});

function invoke(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The page's own cookie, as the printed link leaves it. */
const pageCookie = () => ({ Cookie: `pos_web_token=${host.token}` });

/** Raw request, so the Host header can be anything (fetch always sends the real one). */
function rawGet(path: string, host_: string): Promise<number> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const headers = { Host: host_, ...pageCookie() };
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('runs the same handler map as IPC and answers with the Result envelope', async () => {
    const res = await invoke('pos:app:info', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { environment: 'training', training: true } });
    expect(await (await invoke('pos:settings:get', '')).json()).toMatchObject({
      ok: true,
      value: { configured: true },
    });
  });

  it('rejects invalid payloads with VALIDATION, like IPC', async () => {
    const res = await invoke('pos:payment:start', { amount: -5, flow: 'QR' });
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'amount' } },
    });
    const notJson = await invoke('pos:payment:start', '{"amount":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers 404 for channels outside the contract and paths outside the renderer', async () => {
    expect((await invoke('pos:payment:delete', {})).status).toBe(404);
    for (const path of [
      '/../settings.json',
      '/%2e%2e/settings.json',
      '/assets/..%2f..%2fsettings.json',
      '/nope.js',
    ]) {
      const res = await fetch(`${host.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('outside the renderer');
    }
  });

  it('refuses requests from other sites and non-JSON bodies', async () => {
    const cross = await invoke(
      'pos:settings:save',
      { environment: 'production' },
      { Origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    expect(core.settingsView().environment).toBe('training');
    const form = await fetch(`${host.url}/api/invoke/pos:settings:save`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', [TOKEN_HEADER]: host.token },
      body: '{"environment":"test"}',
    });
    expect(form.status).toBe(415);
    expect(core.settingsView().environment).toBe('training');
    expect((await fetch(`${host.url}/api/invoke/pos:app:info`)).status).toBe(405);
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    const { port } = new URL(host.url);
    expect(await rawGet('/', `127.0.0.1:${port}`)).toBe(200);
    expect(await rawGet('/', `localhost:${port}`)).toBe(200);
    expect(await rawGet('/', `evil.example:${port}`)).toBe(403);
    expect(await rawGet('/', '127.0.0.1:1')).toBe(403);
  });

  it('serves the built renderer with the strict CSP', async () => {
    const res = await fetch(`${host.url}/`, { headers: pageCookie() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await fetch(`${host.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
  });

  it('takes a payment through the simulator and streams its events over SSE', async () => {
    const stream = new NodeEventSource(`${host.url}/api/events?token=${host.token}`);
    await stream.opened;
    const seen: CoreEvent[] = [];
    let reference = '';
    const completed = new Promise<PaymentView>((resolve) => {
      stream.addEventListener('message', ({ data }) => {
        const event = JSON.parse(data) as CoreEvent;
        seen.push(event);
        if (event.channel === 'pos:event:payment' && event.payload.reference === reference) {
          if (event.payload.status === 'COMPLETED') resolve(event.payload);
        }
      });
    });
    try {
      const started = (await (await invoke('pos:payment:start', { amount: 4990, flow: 'QR' })).json()) as {
        ok: true;
        value: PaymentView;
      };
      expect(started).toMatchObject({ ok: true, value: { status: 'WAITING', amount: 4990 } });
      reference = started.value.reference;
      const approved = await invoke('pos:training:customer', { reference, action: 'approve' });
      expect(await approved.json()).toMatchObject({ ok: true });
      expect((await completed).aggregate.captured).toBe(4990);
      expect(seen.some((e) => e.channel === 'pos:event:payment' && e.payload.status === 'WAITING')).toBe(
        true,
      );
    } finally {
      stream.close();
    }
    const dismissed = await invoke('pos:payment:dismiss', { reference });
    expect(await dismissed.json()).toEqual({ ok: true, value: null });
  });
});

describe('web host token (a per-run secret only the opened page and the console get)', () => {
  it('refuses /api calls without this run’s token, or with another one, and changes nothing', async () => {
    for (const token of [undefined, '', 'x'.repeat(32), `${host.token}x`]) {
      const res = await fetch(`${host.url}/api/invoke/pos:settings:save`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token === undefined ? {} : { [TOKEN_HEADER]: token }),
        },
        body: JSON.stringify({ counterId: 'stolen' }),
      });
      expect(res.status, String(token)).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(core.settingsView().counterId).not.toBe('stolen');
    expect((await fetch(`${host.url}/api/events`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/events?token=nope`)).status).toBe(401);
  });

  it('gives the page (and so its token) only to a browser that came through the printed link', async () => {
    expect((await fetch(`${host.url}/`)).status).toBe(401);
    expect((await fetch(`${host.url}/index.html`)).status).toBe(401);
    expect((await fetch(`${host.url}/t/not-the-token`, { redirect: 'manual' })).status).toBe(401);

    const entry = await fetch(host.pageUrl, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    expect(entry.headers.get('location')).toBe('/');
    const cookie = entry.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${host.url}/`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<meta name="pos-web-token" content="${host.token}">`);
    // Scripts and styles hold no secret and load without it.
    expect((await fetch(`${host.url}/assets/app.js`)).status).toBe(200);
  });

  it('refuses to switch to production in a settings save, with the reason', async () => {
    const res = await invoke('pos:settings:save', { environment: 'production' });
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: PRODUCTION_REFUSED, details: { field: 'environment' } },
    });
    expect(core.settingsView().environment).toBe('training');
  });

  it('tells the settings screen the truth: no keychain here', async () => {
    const view = (await (await invoke('pos:settings:get', {})).json()) as {
      value: { secretStorage: string };
    };
    expect(view.value.secretStorage).toBe('unavailable');
  });
});

describe('loopback checks', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.20', false],
    ['10.0.0.1', false],
    ['::ffff:192.168.1.20', false],
    ['fe80::1', false],
    ['128.0.0.1', false],
    [undefined, false],
  ])('%s → %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it('a request from another machine is refused even with a loopback Host', () => {
    const from = (remoteAddress: string) => ({
      socket: { remoteAddress },
      headers: { host: '127.0.0.1:8080' },
    });
    expect(isLocalRequest(from('127.0.0.1'), 8080)).toBe(true);
    expect(isLocalRequest(from('192.168.1.20'), 8080)).toBe(false);
    expect(isLocalRequest(from('203.0.113.7'), 8080)).toBe(false);
  });

  it('only loopback names on our port are accepted as Host', () => {
    expect(isLoopbackHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isLoopbackHost('LOCALHOST:8080', 8080)).toBe(true);
    expect(isLoopbackHost('[::1]:8080', 8080)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:8081', 8080)).toBe(false);
    expect(isLoopbackHost('pos.example:8080', 8080)).toBe(false);
    expect(isLoopbackHost(undefined, 8080)).toBe(false);
  });
});

describe('never production', () => {
  it('refuses to start on a data folder set to production, with the reason', async () => {
    const sim = await startSimulator();
    const prod = await startCore({
      dataDir: mkdtempSync(join(tmpdir(), 'pos-web-prod-')),
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
      baseUrlOverride: sim.url,
      logger: silentLogger,
    });
    try {
      await prod.saveSettings({ environment: 'production', ...TRAINING_CREDENTIALS });
      await expect(startWebHost({ core: prod, logger: silentLogger })).rejects.toThrow(PRODUCTION_REFUSED);
      // With plaintext secrets allowed, the screen is told they are in clear, not "encrypted".
      expect(prod.settingsView().secretStorage).toBe('plaintext');
    } finally {
      await prod.close();
      await sim.close();
    }
  });
});
