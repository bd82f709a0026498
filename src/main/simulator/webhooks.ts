/**
 * The Webhooks API (vippsas/webhooks-api docs/swagger.yaml; docs:APIs/webhooks-api): registrations
 * per merchant, and a signed POST to every registration whose events include a payment's new event.
 *
 * Signing follows docs:APIs/webhooks-api/request-authentication exactly:
 *   x-ms-content-sha256 = base64(SHA-256(body))
 *   Authorization = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" +
 *                   base64(HMAC-SHA256(secret, "POST\n<path+query>\n<x-ms-date>;<host>;<content hash>"))
 * over the registered URL. Tests register a public https URL as the app would and route the delivery
 * to a loopback server with `resolveDelivery`; the signature still names the registered host and path,
 * as Vipps' would.
 *
 * Simplifications (README): one delivery attempt (Vipps retries failed ones), and the payload is
 * the ePayment WebhookEvent of the spec.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from '../log';
import type { SimClock } from './clock';
import type { PaymentBook } from './payment-book';
import type { PaymentChange } from './types';

/** docs:APIs/webhooks-api/events: at most 25 registrations per event and merchant. */
export const MAX_REGISTRATIONS_PER_EVENT = 25;
const DELIVERY_TIMEOUT_MS = 10_000;

export const EPAYMENT_WEBHOOK_EVENTS = [
  'epayments.payment.created.v1',
  'epayments.payment.aborted.v1',
  'epayments.payment.expired.v1',
  'epayments.payment.cancelled.v1',
  'epayments.payment.captured.v1',
  'epayments.payment.refunded.v1',
  'epayments.payment.authorized.v1',
  'epayments.payment.terminated.v1',
] as const;

export interface WebhookRegistration {
  id: string;
  msn: string;
  url: string;
  events: string[];
  secret: string;
}

export interface WebhookDelivery {
  registrationId: string;
  /** The registered URL (what was signed), not where `resolveDelivery` sent it. */
  url: string;
  eventType: string;
  reference: string;
  /** The target's HTTP status, or why nothing came back. */
  outcome: number | 'error';
  at: number;
}

/** Where a delivery for `url` really goes (default: `url` itself). */
export type DeliveryResolver = (url: string) => string;

export interface Webhooks {
  /** Copies, secrets included: the simulator is the merchant's counterpart in tests. */
  registrations(msn?: string): WebhookRegistration[];
  deliveries(): WebhookDelivery[];
  /** Resolves once every delivery started so far has finished. */
  settled(): Promise<void>;
}

export interface WebhookStore extends Webhooks {
  register(msn: string, url: string, events: string[]): WebhookRegistration;
  remove(msn: string, id: string): boolean;
  countFor(msn: string, event: string): number;
  /** The payment book's change listener. */
  onPaymentChange(change: PaymentChange): void;
}

export function webhookEventType(eventName: string): string {
  return `epayments.payment.${eventName.toLowerCase()}.v1`;
}

export function signDelivery(secret: string, url: string, body: string, date: string) {
  const target = new URL(url);
  const contentHash = createHash('sha256').update(body, 'utf8').digest('base64');
  const toSign = `POST\n${target.pathname}${target.search}\n${date};${target.host};${contentHash}`;
  const signature = createHmac('sha256', secret).update(toSign, 'utf8').digest('base64');
  return {
    host: target.host,
    'x-ms-date': date,
    'x-ms-content-sha256': contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: 'POST', headers, timeout: DELIVERY_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export function createWebhookStore(deps: {
  clock: SimClock;
  book: PaymentBook;
  logger: Logger;
  resolveDelivery?: DeliveryResolver;
}): WebhookStore {
  const registrations = new Map<string, WebhookRegistration>();
  const deliveries: WebhookDelivery[] = [];
  const inflight = new Set<Promise<void>>();
  const resolve = deps.resolveDelivery ?? ((url: string) => url);

  async function deliver(registration: WebhookRegistration, eventType: string, payload: object) {
    const body = JSON.stringify(payload);
    const date = new Date(deps.clock.now()).toUTCString();
    const signed = signDelivery(registration.secret, registration.url, body, date);
    const row: WebhookDelivery = {
      registrationId: registration.id,
      url: registration.url,
      eventType,
      reference: (payload as { reference: string }).reference,
      outcome: 'error',
      at: deps.clock.now(),
    };
    deliveries.push(row);
    try {
      row.outcome = await post(
        resolve(registration.url),
        { ...signed, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        body,
      );
    } catch (error) {
      deps.logger.debug('webhook delivery failed', { id: registration.id, error });
    }
  }

  function track(promise: Promise<void>) {
    inflight.add(promise);
    promise.finally(() => inflight.delete(promise));
  }

  return {
    register(msn, url, events) {
      const registration = {
        id: randomUUID(),
        msn,
        url,
        events: [...events],
        secret: randomBytes(64).toString('base64'),
      };
      registrations.set(registration.id, registration);
      return { ...registration, events: [...events] };
    },
    remove(msn, id) {
      const found = registrations.get(id);
      if (!found || found.msn !== msn) return false;
      return registrations.delete(id);
    },
    countFor: (msn, event) =>
      [...registrations.values()].filter((r) => r.msn === msn && r.events.includes(event)).length,
    registrations: (msn) =>
      [...registrations.values()]
        .filter((r) => msn === undefined || r.msn === msn)
        .map((r) => ({ ...r, events: [...r.events] })),
    deliveries: () => deliveries.map((d) => ({ ...d })),
    async settled() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    onPaymentChange(change) {
      if (registrations.size === 0) return;
      const payment = deps.book.byReference(change.reference);
      const event = payment?.events.at(-1);
      if (!payment || !event) return;
      const eventType = webhookEventType(event.name);
      const payload = {
        msn: payment.msn,
        reference: payment.reference,
        pspReference: event.pspReference,
        name: event.name,
        amount: { currency: payment.amount.currency, value: event.amount },
        timestamp: new Date(event.at).toISOString(),
        idempotencyKey: event.idempotencyKey,
        success: event.success,
      };
      for (const registration of registrations.values()) {
        if (registration.msn !== payment.msn || !registration.events.includes(eventType)) continue;
        track(deliver(registration, eventType, payload));
      }
    },
  };
}
