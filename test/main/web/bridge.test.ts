import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { startWebHost, type WebHost } from '../../../src/main/web/host';
import { API_LAYOUT, EVENT_LAYOUT, type PaymentView, type PosApi } from '../../../src/preload/contract';
import { NodeEventSource } from './sse-client';

/**
 * The bridge is renderer code, compiled by tsconfig.web.json; it is loaded by path so the node
 * project does not compile it too, and typed here by the part of its API this test uses.
 */
interface BridgeModule {
  createWebPosApi(options: {
    baseUrl?: string;
    token?: string;
    createEventSource?: (url: string) => NodeEventSource;
  }): PosApi;
  installWebBridge(options: { target?: { pos?: PosApi }; baseUrl?: string; token?: string }): boolean;
}
const BRIDGE_PATH = '../../../src/renderer/src/bridge/web-bridge';
let createWebPosApi: BridgeModule['createWebPosApi'];
let installWebBridge: BridgeModule['installWebBridge'];

let core: Core;
let host: WebHost;
const sources: NodeEventSource[] = [];

beforeAll(async () => {
  ({ createWebPosApi, installWebBridge } = (await import(/* @vite-ignore */ BRIDGE_PATH)) as BridgeModule);
  core = await startCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pos-bridge-')),
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10 },
    logger: silentLogger,
  });
  await core.ready();
  host = await startWebHost({ core, logger: silentLogger });
});

afterAll(async () => {
  for (const source of sources) source.close();
  await host.close();
  await core.close();
});

function bridge(): PosApi {
  return createWebPosApi({
    baseUrl: host.url,
    token: host.token,
    createEventSource: (url) => {
      const source = new NodeEventSource(url);
      sources.push(source);
      return source;
    },
  });
}

describe('web bridge', () => {
  it('has the same layout as the preload', () => {
    const pos = bridge();
    for (const [group, methods] of Object.entries(API_LAYOUT)) {
      expect(Object.keys((pos as unknown as Record<string, object>)[group]!).sort()).toEqual(
        Object.keys(methods).sort(),
      );
    }
    expect(Object.keys(pos.events).sort()).toEqual(Object.keys(EVENT_LAYOUT).sort());
  });

  it('calls the host and returns its Result, errors included', async () => {
    const pos = bridge();
    expect(await pos.app.info()).toMatchObject({ ok: true, value: { training: true } });
    expect(await pos.payment.capture({ reference: 'x', amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const pos = bridge();
    const received: PaymentView[] = [];
    let first: (view: PaymentView) => void = () => {};
    const arrived = new Promise<PaymentView>((resolve) => {
      first = resolve;
    });
    const off = pos.events.onPayment((view) => {
      received.push(view);
      first(view);
    });
    await sources.at(-1)!.opened;
    const started = await pos.payment.start({ amount: 700, flow: 'QR' });
    expect(started.ok).toBe(true);
    expect((await arrived).amount).toBe(700);
    off();
    const count = received.length;
    if (started.ok) await pos.payment.cancel({ reference: started.value.reference });
    expect(received.length).toBe(count);
  });

  it('answers NETWORK (never throws) when the host is gone', async () => {
    const pos = createWebPosApi({ baseUrl: 'http://127.0.0.1:9' });
    expect(await pos.app.info()).toMatchObject({ ok: false, error: { code: 'NETWORK', retryable: true } });
  });

  it('installs window.pos only where no preload defined it', () => {
    const empty: { pos?: PosApi } = {};
    expect(installWebBridge({ target: empty, baseUrl: host.url })).toBe(true);
    expect(empty.pos?.payment.start).toBeTypeOf('function');
    const electron = { pos: { marker: true } as unknown as PosApi };
    expect(installWebBridge({ target: electron })).toBe(false);
    expect(electron.pos).toEqual({ marker: true });
  });
});
