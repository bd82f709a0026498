/**
 * Credentials are checked before the token request is made: each must be one run of printable
 * characters (they go into HTTP headers) and the Merchant Serial Number 4–6 digits. A key pasted
 * with a space or line break around it, an MSN with a digit too many, or a field a caller left out
 * is refused as NOT_CONFIGURED, naming the field and never its value, and nothing goes to Vipps.
 */
import { afterEach, expect, it } from 'vitest';
import { isVippsError } from '../../../src/main/vipps/errors';
import type { VippsCredentials } from '../../../src/main/vipps/types';
import { CREDENTIALS, caught, type Harness, harness } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function refusal(credentials: VippsCredentials) {
  h = await harness({ credentials });
  const error = await caught(() => h!.client.fetchToken());
  if (!isVippsError(error)) throw error;
  expect(h.server.requests).toHaveLength(0);
  const values = Object.values(credentials).filter((v): v is string => typeof v === 'string');
  for (const value of values) expect(error.message).not.toContain(value.trim());
  const { code, message } = error;
  await h.close();
  h = undefined;
  return { code, message, field: error.details?.field };
}

const refused = (field: string) => ({
  code: 'NOT_CONFIGURED',
  message: `Vipps credentials are missing or malformed: ${field}`,
  field,
});

it('refuses a client id pasted with a space in front, or a subscription key with a line break after', async () => {
  expect(await refusal({ ...CREDENTIALS, clientId: ` ${CREDENTIALS.clientId}` })).toEqual(
    refused('clientId'),
  );
  expect(await refusal({ ...CREDENTIALS, subscriptionKey: `${CREDENTIALS.subscriptionKey}\n` })).toEqual(
    refused('subscriptionKey'),
  );
  expect(await refusal({ ...CREDENTIALS, clientSecret: `${CREDENTIALS.clientSecret} ` })).toEqual(
    refused('clientSecret'),
  );
});

it('refuses a Merchant Serial Number of more than six digits, or with anything in front', async () => {
  expect(await refusal({ ...CREDENTIALS, merchantSerialNumber: '1234567' })).toEqual(
    refused('merchantSerialNumber'),
  );
  expect(await refusal({ ...CREDENTIALS, merchantSerialNumber: 'MSN123456' })).toEqual(
    refused('merchantSerialNumber'),
  );
});

it('refuses a field the caller left out instead of sending the word "undefined"', async () => {
  const { clientId: _left, ...rest } = CREDENTIALS;
  expect(await refusal(rest as VippsCredentials)).toEqual(refused('clientId'));
});

it('sends the token request for well-formed credentials, with them as given', async () => {
  h = await harness();
  await h.client.fetchToken();
  const [request] = h.server.requestsTo('POST', '/accesstoken/get');
  expect(request?.headers).toMatchObject({
    client_id: CREDENTIALS.clientId,
    client_secret: CREDENTIALS.clientSecret,
    'ocp-apim-subscription-key': CREDENTIALS.subscriptionKey,
    'merchant-serial-number': CREDENTIALS.merchantSerialNumber,
  });
});
