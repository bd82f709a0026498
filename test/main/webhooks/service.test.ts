/**
 * Webhooks against the simulator's Webhooks API, as against Vipps: what the registration holds,
 * what is stored here (the secret only sealed), what the settings say with and without a relay,
 * and that a relay verifying with the stored secret accepts Vipps' signed deliveries — and nothing else.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { createVippsClient } from '../../../src/main/vipps/client';
import {
  createWebhookService,
  createWebhooksApi,
  EPAYMENT_EVENTS,
  POLLING_ONLY_EXPLANATION,
  verifyWebhookRequest,
} from '../../../src/main/webhooks';
import { type ReceivedDelivery, startWebhookRelay, type WebhookRelay } from '../../support/webhook-relay';
import { SYSTEM } from '../vipps/helpers';

const RELAY = 'https://relay.example.no/vipps?shop=12';

let sim: Simulator;
let relay: WebhookRelay;
let received: ReceivedDelivery[];
let dir: string;
beforeEach(async () => {
  relay = await startWebhookRelay(200);
  received = relay.received;
  sim = await startSimulator({ expirySweepMs: 0, resolveWebhookDelivery: relay.resolve });
  dir = mkdtempSync(join(tmpdir(), 'pos-webhooks-'));
});
afterEach(async () => {
  await sim.close();
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = () => createWebhooksApi({ baseUrl: sim.url, credentials: sim.credentials, system: SYSTEM });
const service = (available = true) =>
  createWebhookService({
    dataDir: dir,
    environment: 'test',
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
    api: available ? api() : null,
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
    const status = await webhooks.register(RELAY);
    const [registration] = sim.webhooks.registrations();
    expect(sim.webhooks.registrations()).toHaveLength(1);
    expect(registration).toMatchObject({
      url: RELAY,
      events: [...EPAYMENT_EVENTS],
      msn: sim.credentials.merchantSerialNumber,
    });
    const id = registration?.id ?? '';
    const secret = registration?.secret ?? '';
    expect(status).toMatchObject({
      available: true,
      url: RELAY,
      registered: [{ id, events: [...EPAYMENT_EVENTS] }],
      polling: true,
    });
    expect(readFileSync(join(dir, 'webhooks-test.json'), 'utf8')).not.toContain(secret);
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(await webhooks.secretFor(id)).toBe(secret);

    const after = await webhooks.unregister();
    expect(sim.requests.count('deleteWebhook')).toBe(1);
    expect(sim.webhooks.registrations()).toEqual([]);
    expect(after).toMatchObject({ url: null, registered: [], explanation: POLLING_ONLY_EXPLANATION });
    expect(await webhooks.secretFor(id)).toBeNull();
  });

  it('registering again replaces the old registration at Vipps', async () => {
    const webhooks = service();
    await webhooks.register(RELAY);
    await webhooks.register('https://relay.example.no/other');
    expect(sim.webhooks.registrations().map((r) => r.url)).toEqual(['https://relay.example.no/other']);
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
    await expect(service(false).register(RELAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(sim.requests.count()).toBe(0);
  });

  it('lists registrations through the same transport', async () => {
    await service().register(RELAY);
    const [registration] = sim.webhooks.registrations();
    await expect(api().list()).resolves.toEqual([
      { id: registration?.id, url: RELAY, events: [...EPAYMENT_EVENTS] },
    ]);
  });

  it("the relay accepts Vipps' signed deliveries with the stored secret, and refuses a changed one", async () => {
    const webhooks = service();
    await webhooks.register(RELAY);
    const id = sim.webhooks.registrations()[0]?.id ?? '';
    const client = createVippsClient({ baseUrl: sim.url, credentials: sim.credentials, system: SYSTEM });
    const reference = 'hook-20260302-0001';
    await client.createPayment(
      {
        amount: { value: 2500, currency: 'NOK' },
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'QR',
      },
      'key-hook-create',
    );
    sim.customer.approve(reference);
    await client.capturePayment(reference, { value: 2500, currency: 'NOK' }, 'key-hook-capture');
    await sim.webhooks.settled();

    expect(sim.webhooks.deliveries().map((d) => [d.eventType, d.outcome])).toEqual([
      ['epayments.payment.created.v1', 200],
      ['epayments.payment.authorized.v1', 200],
      ['epayments.payment.captured.v1', 200],
    ]);
    const secret = (await webhooks.secretFor(id)) ?? '';
    const verify = (r: ReceivedDelivery, body = r.body) =>
      verifyWebhookRequest(
        { method: 'POST', url: RELAY, headers: r.headers, body },
        { secret, now: () => sim.clock.now() },
      );
    for (const r of received) {
      expect(r.url).toBe('/vipps?shop=12');
      expect(r.headers.host).toBe('relay.example.no');
      expect(verify(r)).toEqual({ ok: true });
    }
    const captured = JSON.parse(received[2]?.body ?? '{}');
    expect(captured).toEqual({
      msn: sim.credentials.merchantSerialNumber,
      reference,
      pspReference: expect.any(String),
      name: 'CAPTURED',
      amount: { currency: 'NOK', value: 2500 },
      timestamp: expect.any(String),
      idempotencyKey: 'key-hook-capture',
      success: true,
    });
    const first = received[0] as ReceivedDelivery;
    expect(verify(first, first.body.replace('2500', '25000'))).toMatchObject({ ok: false });
    expect(
      verifyWebhookRequest(
        { method: 'POST', url: RELAY, headers: first.headers, body: first.body },
        {
          secret: 'another-secret',
          now: () => sim.clock.now(),
        },
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
  });
});
