/**
 * The words a refused request is explained in, before anything is sent to Vipps (they reach the
 * cashier's error and the log): the rules between createPayment's fields, missing credentials,
 * a token whose lifetime only `expires_on` gives, and the Vipps-System-* values from package.json.
 */
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { isVippsError } from '../../../src/main/vipps/errors';
import { systemInfoFromPackage } from '../../../src/main/vipps/system-info';
import type { CreatePaymentRequest } from '../../../src/main/vipps/types';
import { check, createPaymentRequest } from '../../../src/main/vipps/validation';
import { CREDENTIALS, caught, type Harness, harness, KEY, REFERENCE } from './helpers';

const BASE = {
  amount: { value: 10_000, currency: 'NOK' },
  paymentMethod: { type: 'WALLET' },
  reference: REFERENCE,
  userFlow: 'QR',
} as const;

const LINE = {
  name: 'Milk',
  id: 'milk-1',
  totalAmount: 2500,
  totalAmountExcludingTax: 2000,
  totalTaxAmount: 500,
};

/** The issues createPayment is refused with, or [] when it passes. */
function issuesOf(req: object): { issues: string[]; field?: string } {
  try {
    check('createPayment', null, createPaymentRequest, req);
    return { issues: [] };
  } catch (error) {
    if (!isVippsError(error)) throw error;
    return { issues: error.details?.issues ?? [], field: error.details?.field };
  }
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('explains each rule between the fields of a payment, naming the field', () => {
  expect(issuesOf({ ...BASE, userFlow: 'PUSH_MESSAGE' })).toEqual({
    issues: ['customer: is required for PUSH_MESSAGE'],
    field: 'customer',
  });
  expect(issuesOf({ ...BASE, userFlow: 'WEB_REDIRECT' })).toEqual({
    issues: ['returnUrl: is required for WEB_REDIRECT'],
    field: 'returnUrl',
  });
  expect(
    issuesOf({ ...BASE, userFlow: 'NATIVE_REDIRECT', qrFormat: { format: 'IMAGE/SVG+XML' } }).issues,
  ).toEqual(['qrFormat: is only allowed with userFlow QR']);
  const receipt = (line: object, currency = 'NOK') => ({ orderLines: [line], bottomLine: { currency } });
  expect(issuesOf({ ...BASE, receipt: receipt({ ...LINE, taxRate: 2500 }, 'DKK') }).issues).toEqual([
    'receipt.bottomLine.currency: must match amount',
  ]);
  expect(issuesOf({ ...BASE, receipt: receipt(LINE) }).issues).toEqual([
    'receipt.orderLines.0: needs taxRate (or the deprecated taxPercentage)',
  ]);
  expect(issuesOf({ ...BASE, receipt: receipt({ ...LINE, taxRate: 2500 }) }).issues).toEqual([]);
  expect(issuesOf({ ...BASE, receipt: receipt({ ...LINE, taxPercentage: 25 }) }).issues).toEqual([]);
});

it('a refusal of the whole value names no field', () => {
  const error = (() => {
    try {
      check('getPayment', null, z.string(), 42);
    } catch (e) {
      return e;
    }
  })();
  expect(isVippsError(error) && error.details).toEqual({ issues: [expect.stringMatching(/^\(request\): /)] });
});

it('names the operation of a refused createPayment', async () => {
  h = await harness();
  const error = await caught(() =>
    h!.client.createPayment({ ...BASE, userFlow: 'PUSH_MESSAGE' } as CreatePaymentRequest, KEY),
  );
  expect(isVippsError(error) && error.operation).toBe('createPayment');
  expect(h.server.requests).toHaveLength(0);
});

it('names every missing or malformed credential, never its value, and sends nothing', async () => {
  h = await harness({ credentials: { ...CREDENTIALS, clientSecret: '', merchantSerialNumber: '12' } });
  const error = await caught(() => h!.client.fetchToken());
  if (!isVippsError(error)) throw error;
  expect(error.code).toBe('NOT_CONFIGURED');
  expect(error.operation).toBe('fetchToken');
  expect(error.message).toBe(
    'Vipps credentials are missing or malformed: clientSecret, merchantSerialNumber',
  );
  expect(error.details?.field).toBe('clientSecret');
  expect(h.server.requests).toHaveLength(0);
});

it('reads the token lifetime from expires_on when expires_in gives none', async () => {
  h = await harness();
  const now = h.clock.now();
  const expiresOn = Math.floor(now / 1000) + 600;
  const body = (expires_on?: number) => ({
    token_type: 'Bearer',
    expires_in: '0',
    ...(expires_on === undefined ? {} : { expires_on: String(expires_on) }),
    access_token: 'opaque-token-0001',
  });
  h.server.on(
    'POST',
    '/accesstoken/get',
    { body: body(expiresOn) },
    { body: body(Math.floor(now / 1000) - 5) },
    { body: body() },
  );
  expect((await h.client.fetchToken()).expiresAt).toBe(expiresOn * 1000);
  // Cached until shortly before then: no new request.
  await h.client.fetchToken();
  expect(h.server.requestsTo('POST', '/accesstoken/get')).toHaveLength(1);
  h.clock.advance(600_000);
  // Already past (a wrong clock somewhere), or no expiry at all: good for this call only.
  expect((await h.client.fetchToken()).expiresAt).toBe(h.clock.now());
  expect((await h.client.fetchToken()).expiresAt).toBe(h.clock.now());
  expect(h.server.requestsTo('POST', '/accesstoken/get')).toHaveLength(3);
});

it('takes the Vipps-System values from package.json: the scope dropped, empty values replaced', () => {
  expect(systemInfoFromPackage({ name: '@vipps/counter-app', version: '1.2.3' })).toEqual({
    systemName: 'counter-app',
    systemVersion: '1.2.3',
    pluginName: 'vipps-counter-client',
    pluginVersion: '1.2.3',
  });
  expect(systemInfoFromPackage({ name: 'shop@x/app', version: ' ' }).systemName).toBe('shop@x/app');
  expect(systemInfoFromPackage({ name: '@scope/', version: '' })).toMatchObject({
    systemName: 'pos',
    systemVersion: '0.0.0',
  });
});
