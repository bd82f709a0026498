/**
 * Access Token API: POST /accesstoken/get with client_id/client_secret headers. The token is cached
 * until shortly before it expires, and callers that need one at the same time share one request.
 * The lifetime is read from `expires_in` (relative), so a wrong clock on the till does not matter.
 */
import { unexpectedBodyError, VippsError } from './errors';
import type { BearerSource, Transport } from './http';
import { accessTokenResponseSchema, describeIssues } from './schemas';
import type { AccessToken, VippsCredentials } from './types';

/** Refresh this long before expiry, but never more than a quarter of the token's life. */
const MAX_MARGIN_MS = 120_000;

interface CachedToken extends AccessToken {
  refreshAt: number;
}

export interface TokenProvider extends BearerSource {
  current(deadline?: number): Promise<AccessToken>;
}

export function createTokenProvider(deps: {
  transport: Transport;
  credentials: VippsCredentials;
  now: () => number;
}): TokenProvider {
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function fetchToken(deadline?: number): Promise<CachedToken> {
    const { clientId, clientSecret } = deps.credentials;
    const result = await deps.transport.send(
      {
        operation: 'fetchToken',
        method: 'POST',
        path: '/accesstoken/get',
        headers: { client_id: clientId, client_secret: clientSecret },
        changing: false,
        success: [200],
      },
      { deadline },
    );
    const parsed = accessTokenResponseSchema.safeParse(result.body);
    if (!parsed.success) {
      // describeIssues names fields only; the token value never reaches the message.
      throw unexpectedBodyError('fetchToken', result.status, describeIssues(parsed.error));
    }
    const fetchedAt = deps.now();
    const lifetimeMs = lifetimeOf(parsed.data, fetchedAt);
    const margin = Math.min(MAX_MARGIN_MS, lifetimeMs / 4);
    return {
      accessToken: parsed.data.access_token,
      expiresAt: fetchedAt + lifetimeMs,
      refreshAt: fetchedAt + lifetimeMs - margin,
    };
  }

  async function current(deadline?: number): Promise<CachedToken> {
    if (cached && deps.now() < cached.refreshAt) return cached;
    if (!inflight) {
      assertConfigured(deps.credentials);
      inflight = fetchToken(deadline)
        .then((token) => {
          cached = token;
          return token;
        })
        .finally(() => {
          inflight = undefined;
        });
    }
    return inflight;
  }

  return {
    current: async (deadline) => {
      const { accessToken, expiresAt } = await current(deadline);
      return { accessToken, expiresAt };
    },
    get: async (deadline) => (await current(deadline)).accessToken,
    refresh: async (stale, deadline) => {
      // Only drop the cache if nobody has replaced the rejected token already.
      if (cached?.accessToken === stale) cached = undefined;
      return (await current(deadline)).accessToken;
    },
  };
}

function lifetimeOf(body: { expires_in: number; expires_on?: number }, now: number): number {
  if (body.expires_in > 0) return body.expires_in * 1000;
  if (body.expires_on && body.expires_on * 1000 > now) return body.expires_on * 1000 - now;
  return 0;
}

/** Header-safe, non-empty credentials; checked before anything is sent. Names the field, never the value. */
function assertConfigured(credentials: VippsCredentials): void {
  const printable = /^[\x21-\x7e]+$/;
  const fields: Array<[string, string, RegExp]> = [
    ['clientId', credentials.clientId, printable],
    ['clientSecret', credentials.clientSecret, printable],
    ['subscriptionKey', credentials.subscriptionKey, printable],
    ['merchantSerialNumber', credentials.merchantSerialNumber, /^\d{4,6}$/],
  ];
  const bad = fields
    .filter(([, value, rule]) => typeof value !== 'string' || !rule.test(value))
    .map(([name]) => name);
  if (bad.length > 0) {
    throw new VippsError({
      code: 'NOT_CONFIGURED',
      message: `Vipps credentials are missing or malformed: ${bad.join(', ')}`,
      operation: 'fetchToken',
      field: bad[0],
    });
  }
}
