/**
 * Registration against a scripted Webhooks API on loopback (the simulator has none): what is sent,
 * what is stored (the secret only sealed), and what the settings say with and without a relay.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import {
  createWebhookService,
  createWebhooksApi,
  EPAYMENT_EVENTS,
  POLLING_ONLY_EXPLANATION,
} from '../../../src/main/webhooks';
import { type ScriptedServer, startScriptedServer } from '../../support/scripted-server';
import { ACCESS_TOKEN, CREDENTIALS, SYSTEM, tokenResponse } from '../vipps/helpers';

const WEBHOOK_ID = '0b52e5bd-be1e-42a1-acf2-e331f52c68ac';
const WEBHOOK_SECRET = 'whsec-9f8e7d6c5b4a3f2e1d0c';

let server: ScriptedServer;
let dir: string;
beforeEach(async () => {
  server = await startScriptedServer();
  server.on('POST', '/accesstoken/get', tokenResponse());
  server.on('POST', '/webhooks/v1/webhooks', {
    status: 201,
    body: { id: WEBHOOK_ID, secret: WEBHOOK_SECRET },
  });
  server.on('DELETE', `/webhooks/v1/webhooks/${WEBHOOK_ID}`, { status: 204 });
  server.on('GET', '/webhooks/v1/webhooks', {
    status: 200,
    body: {
      webhooks: [{ id: WEBHOOK_ID, url: 'https://relay.example.no/vipps', events: [...EPAYMENT_EVENTS] }],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'pos-webhooks-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = (available = true) =>
  createWebhookService({
    dataDir: dir,
    environment: 'test',
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
    api: available
      ? createWebhooksApi({ baseUrl: server.url, credentials: CREDENTIALS, system: SYSTEM })
      : null,
  });

describe('webhooks', () => {
  it('without a relay, explains why polling alone is used', () => {
    expect(service().status()).toEqual({
      available: true,
      url: null,
      registered: [],
      polling: true,
      explanation: POLLING_ONLY_EXPLANATION,
    });
    expect(POLLING_ONLY_EXPLANATION).toMatch(/no public internet address/);
    expect(service(false).status()).toMatchObject({
      available: false,
      polling: true,
      explanation: expect.stringMatching(/Training mode/),
    });
  });

  it('registers every ePayment event for the relay and keeps the secret sealed', async () => {
    const webhooks = service();
    const status = await webhooks.register('https://relay.example.no/vipps');
    expect(status).toMatchObject({
      available: true,
      url: 'https://relay.example.no/vipps',
      registered: [{ id: WEBHOOK_ID, events: [...EPAYMENT_EVENTS] }],
      polling: true,
    });
    const [request] = server.requestsTo('POST', '/webhooks/v1/webhooks');
    expect(request?.body).toEqual({ url: 'https://relay.example.no/vipps', events: [...EPAYMENT_EVENTS] });
    expect(request?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request?.headers['merchant-serial-number']).toBe(CREDENTIALS.merchantSerialNumber);
    expect(request?.headers['vipps-system-name']).toBe(SYSTEM.systemName);
    expect(readFileSync(join(dir, 'webhooks-test.json'), 'utf8')).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(status)).not.toContain(WEBHOOK_SECRET);
    expect(await webhooks.secretFor(WEBHOOK_ID)).toBe(WEBHOOK_SECRET);

    const after = await webhooks.unregister();
    expect(server.requestsTo('DELETE', `/webhooks/v1/webhooks/${WEBHOOK_ID}`)).toHaveLength(1);
    expect(after).toMatchObject({ url: null, registered: [], explanation: POLLING_ONLY_EXPLANATION });
    expect(await webhooks.secretFor(WEBHOOK_ID)).toBeNull();
  });

  it('refuses addresses Vipps cannot call, before sending anything', async () => {
    for (const url of [
      'http://relay.example.no/vipps',
      'https://localhost/vipps',
      'https://192.168.1.20/hook',
      'not a url',
    ]) {
      await expect(service().register(url)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await expect(service(false).register('https://relay.example.no/vipps')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(server.requests).toEqual([]);
  });

  it('lists registrations through the same transport', async () => {
    const api = createWebhooksApi({ baseUrl: server.url, credentials: CREDENTIALS, system: SYSTEM });
    await expect(api.list()).resolves.toEqual([
      { id: WEBHOOK_ID, url: 'https://relay.example.no/vipps', events: [...EPAYMENT_EVENTS] },
    ]);
  });
});
