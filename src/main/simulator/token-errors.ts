/**
 * Errors of `POST /accesstoken/get` in the shapes Vipps really answers, which are not problem+json:
 *
 * - The subscription key is checked by the API gateway (Azure API Management) before anything
 *   else: `{ statusCode, message }` (docs:knowledge-base/errors — "Some errors are sent from
 *   Microsoft Azure, and not the APIs. These include 401, 403, 422 and 429 … may have a different
 *   format").
 * - client_id / client_secret are checked by the identity provider behind it (Azure AD), whose
 *   OAuth error is what the official SDK types as `AccessTokenError`:
 *   `{ error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri }`.
 *   The Access Token API spec (vippsas/access-token-api docs/swagger.yaml) lists 400 and 401 with
 *   no body schema.
 *
 * The app's client reads all of these into one VippsError (src/main/vipps/error-shapes.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Reply } from './http-types';
import { SimError } from './sim-error';

/** A SimError whose body is not a problem: error-bodies.ts sends `reply` as it is. */
export class RawBodyError extends SimError {
  constructor(
    status: number,
    title: string,
    readonly reply: Reply,
  ) {
    super(status, title, JSON.stringify(reply.body));
  }
}

/** Azure AD error codes the token endpoint answers with (AADSTS<code>). */
const AAD = {
  missingParameter: { code: 900144, error: 'invalid_request', status: 400 },
  unknownClient: { code: 700016, error: 'unauthorized_client', status: 401 },
  wrongSecret: { code: 7000215, error: 'invalid_client', status: 401 },
} as const;

export type AadFailure = keyof typeof AAD;

const AAD_TEXT: Record<AadFailure, (clientId: string) => string> = {
  missingParameter: () =>
    "The request body must contain the following parameter: 'client_id' and 'client_secret'.",
  unknownClient: (clientId) =>
    `Application with identifier '${clientId}' was not found in the directory. This can happen if the application has not been installed or if the client id is wrong.`,
  wrongSecret: () =>
    'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
};

/** Azure AD's timestamp format: `2024-12-27 14:53:13Z`. */
function aadTimestamp(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function tokenError(failure: AadFailure, clientId: string, at: number): RawBodyError {
  const { code, error, status } = AAD[failure];
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = aadTimestamp(at);
  const description = `AADSTS${code}: ${AAD_TEXT[failure](clientId)}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
  return new RawBodyError(status, error, {
    status,
    contentType: 'application/json; charset=utf-8',
    body: {
      error,
      error_description: description,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  });
}

/** The API gateway's answer to a missing or wrong Ocp-Apim-Subscription-Key. */
export function subscriptionKeyError(missing: boolean): RawBodyError {
  const message = missing
    ? 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.'
    : 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
  return new RawBodyError(401, 'Unauthorized', {
    status: 401,
    contentType: 'application/json; charset=utf-8',
    body: { statusCode: 401, message },
  });
}
