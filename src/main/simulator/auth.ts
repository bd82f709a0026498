/**
 * Access tokens and the header checks every API call goes through, in the order Vipps' gateway
 * applies them: subscription key and bearer token (401), then the merchant (400 missing, 403 other).
 */
import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock';
import { header, type SimRequest } from './http-types';
import { notAuthorized, SimError, validationError } from './sim-error';
import { checkTokenRequest } from './token-request';
import type { SimCredentials } from './types';

/** Test-environment lifetime (production tokens live 24 h). */
export const TOKEN_LIFETIME_SECONDS = 3600;

export interface TokenResponse {
  token_type: 'Bearer';
  expires_in: string;
  ext_expires_in: string;
  expires_on: string;
  not_before: string;
  resource: string;
  access_token: string;
}

export interface Auth {
  issueToken(req: SimRequest): TokenResponse;
  /** Throws 401/400/403; returns the merchant serial number the call is for. */
  authorizeApiCall(req: SimRequest): string;
  /** The Report API is per ledger, not per sales unit: token and subscription key, no MSN. */
  authorizeReportCall(req: SimRequest): void;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** JWT-shaped so clients that peek at the length or format behave as with the real thing. */
function fakeJwt(payload: Record<string, unknown>): string {
  return [
    base64url({ typ: 'JWT', alg: 'RS256' }),
    base64url(payload),
    randomBytes(64).toString('base64url'),
  ].join('.');
}

export function createAuth(credentials: SimCredentials, clock: SimClock): Auth {
  const tokens = new Map<string, { expiresAt: number }>();

  const checkMsn = (value: string | undefined) => {
    if (!value) {
      throw validationError([
        { name: 'Merchant-Serial-Number', reason: 'The Merchant-Serial-Number header is required.' },
      ]);
    }
    if (value !== credentials.merchantSerialNumber) {
      throw new SimError(403, 'Forbidden', 'The access token is not valid for this Merchant-Serial-Number.');
    }
  };

  const checkToken = (req: SimRequest) => {
    if (header(req, 'ocp-apim-subscription-key') !== credentials.subscriptionKey) {
      throw notAuthorized('Access denied due to missing or invalid subscription key.');
    }
    const match = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
    const token = match?.[1] ? tokens.get(match[1]) : undefined;
    if (!token) throw notAuthorized('Missing or invalid access token.');
    if (clock.now() >= token.expiresAt) throw notAuthorized('The access token has expired.');
  };

  return {
    issueToken(req) {
      checkTokenRequest(req, credentials, clock.now());
      const msn = header(req, 'merchant-serial-number');
      if (msn !== undefined && msn !== credentials.merchantSerialNumber) {
        throw notAuthorized('The Merchant-Serial-Number does not belong to these credentials.');
      }
      const now = clock.now();
      const nowSeconds = Math.floor(now / 1000);
      const expiresOn = nowSeconds + TOKEN_LIFETIME_SECONDS;
      const token = fakeJwt({ sub: credentials.clientId, nbf: nowSeconds, exp: expiresOn, simulator: true });
      tokens.set(token, { expiresAt: expiresOn * 1000 });
      return {
        token_type: 'Bearer',
        expires_in: String(TOKEN_LIFETIME_SECONDS),
        ext_expires_in: String(TOKEN_LIFETIME_SECONDS),
        expires_on: String(expiresOn),
        not_before: String(nowSeconds),
        resource: '00000002-0000-0000-c000-000000000000',
        access_token: token,
      };
    },

    authorizeReportCall(req) {
      checkToken(req);
    },

    authorizeApiCall(req) {
      checkToken(req);
      const msn = header(req, 'merchant-serial-number');
      checkMsn(msn);
      return msn as string;
    },
  };
}
