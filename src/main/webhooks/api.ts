/**
 * Webhooks API v1 (github.com/vippsas/webhooks-api docs/swagger.yaml): register, list, delete.
 * Built on the Vipps client's own transport and token provider (src/main/vipps/http.ts, token.ts),
 * so it shares their retry rules, error model and secret scrubbing. The only change this needed in
 * the client room: DELETE as an allowed method of a call.
 */
import { z } from 'zod';
import { type Logger, silentLogger } from '../log';
import { unexpectedBodyError } from '../vipps/errors';
import { createTransport } from '../vipps/http';
import { resolvePolicy, systemClock } from '../vipps/retry';
import { describeIssues } from '../vipps/schemas';
import { systemHeaders } from '../vipps/system-info';
import { createTokenProvider } from '../vipps/token';
import type { SystemInfo, VippsCredentials } from '../vipps/types';

/** Every ePayment event: the app would learn of each change without waiting for its poll. */
export const EPAYMENT_EVENTS = [
  'epayments.payment.created.v1',
  'epayments.payment.aborted.v1',
  'epayments.payment.expired.v1',
  'epayments.payment.cancelled.v1',
  'epayments.payment.captured.v1',
  'epayments.payment.refunded.v1',
  'epayments.payment.authorized.v1',
  'epayments.payment.terminated.v1',
] as const;

const registered = z.object({ id: z.string().min(1), secret: z.string().min(1) });
const listed = z.object({
  webhooks: z.array(z.object({ id: z.string(), url: z.string(), events: z.array(z.string()) })),
});

export interface WebhooksApi {
  register(url: string, events: readonly string[]): Promise<{ id: string; secret: string }>;
  list(): Promise<Array<{ id: string; url: string; events: string[] }>>;
  remove(id: string): Promise<void>;
}

export function createWebhooksApi(options: {
  baseUrl: string;
  credentials: VippsCredentials;
  system: SystemInfo;
  logger?: Logger;
  fetch?: typeof fetch;
}): WebhooksApi {
  const transportWith = (maxAttempts: number) =>
    createTransport({
      baseUrl: options.baseUrl,
      commonHeaders: {
        'Merchant-Serial-Number': options.credentials.merchantSerialNumber,
        'Ocp-Apim-Subscription-Key': options.credentials.subscriptionKey,
        ...systemHeaders(options.system),
      },
      timeoutMs: 10_000,
      policy: resolvePolicy({ maxAttempts }),
      clock: systemClock,
      logger: (options.logger ?? silentLogger).child('webhooks'),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const transport = transportWith(3);
  // Registration has no Idempotency-Key: a repeat after a lost answer would make a second
  // registration with a secret we never see. One request; the caller decides what next.
  const once = transportWith(1);
  const tokens = createTokenProvider({ transport, credentials: options.credentials, now: systemClock.now });

  function parsed<T>(operation: string, status: number, schema: z.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    throw unexpectedBodyError(operation, status, describeIssues(result.error));
  }

  return {
    async register(url, events) {
      const result = await once.send(
        {
          operation: 'registerWebhook',
          method: 'POST',
          path: '/webhooks/v1/webhooks',
          body: { url, events },
          changing: true,
          success: [201, 200],
        },
        { bearer: tokens },
      );
      return parsed('registerWebhook', result.status, registered, result.body);
    },
    async list() {
      const result = await transport.send(
        {
          operation: 'listWebhooks',
          method: 'GET',
          path: '/webhooks/v1/webhooks',
          changing: false,
          success: [200],
        },
        { bearer: tokens },
      );
      return parsed('listWebhooks', result.status, listed, result.body).webhooks;
    },
    async remove(id) {
      await transport.send(
        {
          operation: 'deleteWebhook',
          method: 'DELETE',
          path: `/webhooks/v1/webhooks/${encodeURIComponent(id)}`,
          changing: true,
          success: [204, 200],
          // Already gone (an earlier delete whose answer was lost) is what we wanted.
          successAfterLostResponse: [404],
        },
        { bearer: tokens },
      );
    },
  };
}
