/**
 * The checks on `POST /accesstoken/get`, in the order Vipps' layers apply them: the gateway's
 * subscription key, then the identity provider's client_id / client_secret (shapes: token-errors.ts).
 */
import { header, type SimRequest } from './http-types';
import { subscriptionKeyError, tokenError } from './token-errors';
import type { SimCredentials } from './types';

export function checkTokenRequest(req: SimRequest, credentials: SimCredentials, now: number): void {
  const key = header(req, 'ocp-apim-subscription-key');
  if (key !== credentials.subscriptionKey) throw subscriptionKeyError(!key);
  const clientId = header(req, 'client_id');
  const secret = header(req, 'client_secret');
  if (!clientId || !secret) throw tokenError('missingParameter', clientId ?? '', now);
  if (clientId !== credentials.clientId) throw tokenError('unknownClient', clientId, now);
  if (secret !== credentials.clientSecret) throw tokenError('wrongSecret', clientId, now);
}
