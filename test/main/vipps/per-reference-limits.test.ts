/**
 * The client keeps to Vipps' per-reference limits itself (5 captures a minute for one payment):
 * the request over the limit waits (on the injected clock, so nothing really waits) and goes with
 * the same key; when that wait would end past the call's time budget it is not sent at all and
 * fails as RATE_LIMITED with nothing sent. Requests without a payment (the token) are not counted,
 * and `perReferenceLimits: false` turns the keeping off.
 */
import { afterEach, expect, it } from 'vitest';
import { isVippsError } from '../../../src/main/vipps/errors';
import { caught, type Harness, harness, KEY, modification, REFERENCE } from './helpers';

const CAPTURE = `/epayment/v1/payments/${REFERENCE}/capture`;
const NOK = { value: 1000, currency: 'NOK' as const };

let h: Harness;
afterEach(() => h.close());

async function fiveCapturesOneSecondApart(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await h.client.capturePayment(REFERENCE, NOK, KEY);
    h.clock.advance(1000);
  }
}

it('waits with the sixth capture until the first leaves the minute, then sends it with the same key', async () => {
  h = await harness({ retry: { maxTotalMs: 120_000 } });
  h.server.on('POST', CAPTURE, { body: modification() });
  await fiveCapturesOneSecondApart();
  expect(h.clock.sleeps).toEqual([]);
  await h.client.capturePayment(REFERENCE, NOK, KEY);
  expect(h.clock.sleeps).toEqual([55_000]);
  const sent = h.server.requestsTo('POST', CAPTURE);
  expect(sent).toHaveLength(6);
  expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set([KEY]));
  // The token call has no payment: never counted, never held back.
  expect(h.server.requestsTo('POST', '/accesstoken/get')).toHaveLength(1);
});

it('does not send a request whose wait would end at the deadline: RATE_LIMITED, nothing sent', async () => {
  h = await harness({ retry: { maxTotalMs: 55_000 } });
  h.server.on('POST', CAPTURE, { body: modification() });
  await fiveCapturesOneSecondApart();
  const error = await caught(() => h.client.capturePayment(REFERENCE, NOK, KEY));
  expect(isVippsError(error)).toBe(true);
  if (!isVippsError(error)) return;
  expect(error.code).toBe('RATE_LIMITED');
  expect(error.outcomeUnknown).toBe(false);
  expect(error.retryAfterMs).toBe(55_000);
  expect(error.message).toBe(
    "Not sent to Vipps yet: capturePayment for this payment is at Vipps' per-minute limit; wait 55 s.",
  );
  expect(h.server.requestsTo('POST', CAPTURE)).toHaveLength(5);
  expect(h.clock.sleeps).toEqual([]);
});

it('with perReferenceLimits false sends every request at once (a test that must break the limit)', async () => {
  h = await harness({ perReferenceLimits: false });
  h.server.on('POST', CAPTURE, { body: modification() });
  for (let i = 0; i < 7; i++) await h.client.capturePayment(REFERENCE, NOK, KEY);
  expect(h.server.requestsTo('POST', CAPTURE)).toHaveLength(7);
  expect(h.clock.sleeps).toEqual([]);
});
