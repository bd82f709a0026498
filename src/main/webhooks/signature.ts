/**
 * Verifies a webhook request from Vipps MobilePay (docs:APIs/webhooks-api/request-authentication;
 * source: github.com/vippsas/webhooks-api request-authentication.md):
 *
 *   x-ms-content-sha256 = base64(SHA-256(raw body))
 *   string to sign      = "POST\n" + pathAndQuery + "\n" + x-ms-date + ";" + host + ";" + x-ms-content-sha256
 *   Authorization       = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
 *                         + base64(HMAC-SHA256(secret as UTF-8, string to sign))
 *
 * The secret is the one returned when the webhook was registered, used as text (not base64-decoded).
 * The body must be the raw bytes as received: re-serialised JSON would change the hash.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookRequest {
  method: string;
  /** The full URL Vipps called (the registered URL, incl. query): gives host and path. */
  url: string;
  /** Header names in any case. */
  headers: Record<string, string | string[] | undefined>;
  body: string | Buffer;
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

export interface VerifyOptions {
  secret: string;
  /** Reject requests whose x-ms-date is further than this from `now` (replays). Default 15 min. */
  maxAgeMs?: number;
  now?: () => number;
}

function header(req: WebhookRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function expectedAuthorization(
  secret: string,
  pathAndQuery: string,
  date: string,
  host: string,
  contentHash: string,
): string {
  const toSign = `POST\n${pathAndQuery}\n${date};${host};${contentHash}`;
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(toSign, 'utf8').digest('base64');
  return `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`;
}

export function verifyWebhookRequest(req: WebhookRequest, options: VerifyOptions): WebhookVerdict {
  if (req.method.toUpperCase() !== 'POST') return { ok: false, reason: 'Webhooks are POST requests.' };
  const date = header(req, 'x-ms-date');
  const claimedHash = header(req, 'x-ms-content-sha256');
  const authorization = header(req, 'authorization');
  if (!date || !claimedHash || !authorization) {
    return { ok: false, reason: 'The x-ms-date, x-ms-content-sha256 or Authorization header is missing.' };
  }
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { ok: false, reason: 'The request URL is not a URL.' };
  }
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  const actualHash = createHash('sha256').update(body).digest('base64');
  if (!same(actualHash, claimedHash))
    return { ok: false, reason: 'The body does not match x-ms-content-sha256.' };
  // Host and path of the URL Vipps called (the registered one), as the docs' example signs them.
  const expected = expectedAuthorization(
    options.secret,
    url.pathname + url.search,
    date,
    url.host,
    claimedHash,
  );
  if (!same(expected, authorization)) return { ok: false, reason: 'The signature does not match.' };
  const sent = Date.parse(date);
  const maxAge = options.maxAgeMs ?? 15 * 60_000;
  const now = (options.now ?? Date.now)();
  if (Number.isNaN(sent) || Math.abs(now - sent) > maxAge) {
    return { ok: false, reason: 'The request is too old or its date is not valid (possible replay).' };
  }
  return { ok: true };
}
