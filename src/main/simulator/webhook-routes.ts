/**
 * Webhooks API v1 over HTTP: register, list, delete (vippsas/webhooks-api docs/swagger.yaml).
 * Errors are ProblemDetails (problem+json), like ePayment's.
 */
import { z } from 'zod';
import type { Route } from './routes';
import { SimError, validationError } from './sim-error';
import { EPAYMENT_WEBHOOK_EVENTS, MAX_REGISTRATIONS_PER_EVENT, type WebhookStore } from './webhooks';
import { issuesToDetails } from './zod-details';

const KNOWN_EVENTS = new Set<string>(EPAYMENT_WEBHOOK_EVENTS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const registerSchema = z.strictObject({
  url: z.string().refine(isHttpsUrl, 'The URL must be an absolute https URL.'),
  events: z
    .array(z.string().refine((e) => KNOWN_EVENTS.has(e), 'Unknown event type.'))
    .min(1, 'At least one event is required.'),
});

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export function webhookRoutes(store: WebhookStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/webhooks\/v1\/webhooks$/,
      operation: 'registerWebhook',
      api: 'webhooks',
      handle(req, msn) {
        const parsed = registerSchema.safeParse(req.body);
        if (!parsed.success) throw validationError(issuesToDetails(parsed.error));
        const { url, events } = parsed.data;
        const full = events.find((e) => store.countFor(msn, e) >= MAX_REGISTRATIONS_PER_EVENT);
        if (full) {
          throw validationError([
            {
              name: 'events',
              reason: `At most ${MAX_REGISTRATIONS_PER_EVENT} webhooks per event (${full}).`,
            },
          ]);
        }
        const { id, secret } = store.register(msn, url, [...new Set(events)]);
        return { status: 201, body: { id, secret } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/webhooks\/v1\/webhooks$/,
      operation: 'listWebhooks',
      api: 'webhooks',
      handle: (_req, msn) => ({
        status: 200,
        body: { webhooks: store.registrations(msn).map(({ id, url, events }) => ({ id, url, events })) },
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/webhooks\/v1\/webhooks\/(?<id>[^/]+)$/,
      operation: 'deleteWebhook',
      api: 'webhooks',
      handle(req, msn) {
        const id = req.params.id ?? '';
        if (!UUID.test(id)) throw validationError([{ name: 'id', reason: 'The id must be a UUID.' }]);
        if (!store.remove(msn, id)) throw new SimError(404, 'Not Found', `No webhook with id ${id}.`);
        return { status: 204 };
      },
    },
  ];
}
