import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVippsClient } from '../../../src/main/vipps/client';
import { VippsError } from '../../../src/main/vipps/errors';
import { startScriptedServer } from '../../support/scripted-server';
import {
  CREDENTIALS,
  caught,
  type Harness,
  harness,
  KEY,
  modification,
  payment,
  problem,
  REFERENCE,
  SYSTEM,
} from './helpers';

const CAPTURE = `/epayment/v1/payments/${REFERENCE}/capture`;
const GET = `/epayment/v1/payments/${REFERENCE}`;
const capture = (h: Harness) => h.client.capturePayment(REFERENCE, { value: 10_000, currency: 'NOK' }, KEY);
const keysSent = (h: Harness) =>
  h.server.requestsTo('POST', CAPTURE).map((r) => r.headers['idempotency-key']);

describe('retries', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ timeoutMs: 500, retry: { baseDelayMs: 100, maxDelayMs: 1_000 } });
  });
  afterEach(() => h.close());

  it.each([500, 502, 503])('repeats a capture after %i with the same Idempotency-Key', async (status) => {
    h.server.on(
      'POST',
      CAPTURE,
      { status, body: problem(status, 'Oops') },
      { body: modification({ captured: 10_000 }) },
    );
    const result = await capture(h);
    expect(result.aggregate.capturedAmount.value).toBe(10_000);
    expect(keysSent(h)).toEqual([KEY, KEY]);
  });

  it('repeats after a timeout with the same key and the same body', async () => {
    h.server.on(
      'POST',
      CAPTURE,
      { delayMs: 5_000, body: modification() },
      { body: modification({ captured: 10_000 }) },
    );
    await capture(h);
    const sent = h.server.requestsTo('POST', CAPTURE);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([KEY, KEY]);
    expect(sent[1]?.rawBody).toBe(sent[0]?.rawBody);
  });

  it('repeats after the connection is dropped with the request delivered', async () => {
    h.server.on('POST', CAPTURE, { destroy: true }, { body: modification({ captured: 10_000 }) });
    await capture(h);
    expect(keysSent(h)).toEqual([KEY, KEY]);
  });

  it('waits with exponential backoff and full jitter between attempts', async () => {
    h.server.on('POST', CAPTURE, { status: 503 }, { status: 503 }, { status: 503 }, { body: modification() });
    await capture(h);
    // random() = 0.5 → half of 100, 200, 400 ms.
    expect(h.clock.sleeps).toEqual([50, 100, 200]);
    expect(keysSent(h)).toEqual([KEY, KEY, KEY, KEY]);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    h.server.on('POST', CAPTURE, { status: 429, headers: { 'retry-after': '3' } }, { body: modification() });
    await capture(h);
    expect(h.clock.sleeps).toEqual([3_000]);
    expect(keysSent(h)).toEqual([KEY, KEY]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(h.clock.now() + 7_000).toUTCString();
    h.server.on('GET', GET, { status: 429, headers: { 'retry-after': at } }, { body: payment() });
    await h.client.getPayment(REFERENCE);
    expect(h.clock.sleeps).toHaveLength(1);
    // HTTP dates have whole seconds: between 6 and 7 seconds.
    expect(h.clock.sleeps[0]).toBeGreaterThan(6_000);
    expect(h.clock.sleeps[0]).toBeLessThanOrEqual(7_000);
  });

  it('gives up at once when Retry-After is longer than the time left, and says how long to wait', async () => {
    h.server.on('POST', CAPTURE, {
      status: 429,
      headers: { 'retry-after': '120' },
      body: problem(429, 'Slow down'),
    });
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterMs: 120_000,
      outcomeUnknown: false,
    });
    expect(keysSent(h)).toEqual([KEY]);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('a capture refused by 429 on every attempt was not applied: not an unknown outcome', async () => {
    h.server.on('POST', CAPTURE, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: problem(429, 'Slow'),
    });
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', outcomeUnknown: false });
    expect(new Set(keysSent(h))).toEqual(new Set([KEY]));
    expect(h.clock.sleeps.every((ms) => ms === 1_000)).toBe(true);
  });

  it('a 429 after a lost answer keeps the outcome unknown (the first request may have been applied)', async () => {
    h.server.on('POST', CAPTURE, { destroy: true }, { status: 429, headers: { 'retry-after': '200' } });
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', outcomeUnknown: true });
  });

  it.each([
    [400, 'VALIDATION'],
    [403, 'AUTH'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
  ])('never repeats a %i', async (status, code) => {
    h.server.on('POST', CAPTURE, { status, body: problem(status, 'No') }, { body: modification() });
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({ code, status, retryable: false, outcomeUnknown: false });
    expect(keysSent(h)).toEqual([KEY]);
  });

  it('stops after maxAttempts and reports UPSTREAM with an unknown outcome for a capture', async () => {
    h.server.on('POST', CAPTURE, { status: 502 });
    const error = await caught(() => capture(h));
    expect(error).toBeInstanceOf(VippsError);
    expect(error).toMatchObject({ code: 'UPSTREAM', status: 502, retryable: true, outcomeUnknown: true });
    expect(keysSent(h)).toHaveLength(5);
    expect((error as Error).message).toMatch(/after 5 requests.*check the payment/);
  });

  it('keeps the outcome unknown when a later attempt gets a plain refusal', async () => {
    // The first capture may have gone through; a 400 on the repeat does not prove otherwise.
    h.server.on('POST', CAPTURE, { destroy: true }, { status: 400, body: problem(400, 'Too high', '6090') });
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({ code: 'AMOUNT_EXCEEDS_REMAINING', outcomeUnknown: true });
  });

  it('never calls a failed read "outcome unknown"', async () => {
    h.server.on('GET', GET, { status: 500 });
    const error = await caught(() => h.client.getPayment(REFERENCE));
    expect(error).toMatchObject({ code: 'UPSTREAM', retryable: true, outcomeUnknown: false });
    expect(h.server.requestsTo('GET', GET)).toHaveLength(5);
  });

  it('a timeout on every attempt is TIMEOUT with an unknown outcome', async () => {
    const quick = await harness({ timeoutMs: 200, retry: { maxAttempts: 2 } });
    try {
      quick.server.on('POST', CAPTURE, { delayMs: 5_000 });
      const error = await caught(() => capture(quick));
      expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, outcomeUnknown: true });
      expect(quick.server.requestsTo('POST', CAPTURE)).toHaveLength(2);
    } finally {
      await quick.close();
    }
  });

  it('a dropped connection on every attempt is NETWORK with an unknown outcome', async () => {
    h.server.on('POST', CAPTURE, { destroy: true });
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true, outcomeUnknown: true });
  });

  it('bounds the total time: no attempt starts after maxTotalMs', async () => {
    const bounded = await harness({
      retry: { maxAttempts: 100, baseDelayMs: 1_000, maxDelayMs: 8_000, maxTotalMs: 20_000 },
      random: () => 0.99,
    });
    try {
      bounded.server.on('POST', CAPTURE, { status: 503 });
      const error = await caught(() => capture(bounded));
      expect(error).toMatchObject({ code: 'UPSTREAM', outcomeUnknown: true });
      const waited = bounded.clock.sleeps.reduce((a, b) => a + b, 0);
      expect(waited).toBeLessThan(20_000);
      // 990 + 1980 + 3960 + 7920 = 14850; the next 7920 would pass 20 s.
      expect(bounded.clock.sleeps).toEqual([990, 1_980, 3_960, 7_920]);
      expect(bounded.server.requestsTo('POST', CAPTURE)).toHaveLength(5);
    } finally {
      await bounded.close();
    }
  });
});

describe('unreachable Vipps', () => {
  it('is NETWORK, not sent, so the outcome is known (nothing happened)', async () => {
    const server = await startScriptedServer();
    const url = server.url;
    await server.close();
    const sleeps: number[] = [];
    const client = createVippsClient({
      baseUrl: url,
      credentials: CREDENTIALS,
      system: SYSTEM,
      retry: { maxAttempts: 2 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const error = await caught(() =>
      client.createPayment(
        {
          amount: { value: 1_000, currency: 'NOK' },
          paymentMethod: { type: 'WALLET' },
          reference: REFERENCE,
          userFlow: 'QR',
        },
        KEY,
      ),
    );
    // The token request could not connect, so the payment request was never sent.
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true, outcomeUnknown: false });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(sleeps).toHaveLength(1);
  });

  it('a capture that could not connect at all did not happen: outcome known', async () => {
    const h = await harness({ retry: { maxAttempts: 3 } });
    await h.client.fetchToken();
    await h.close();
    const error = await caught(() => capture(h));
    expect(error).toMatchObject({ code: 'NETWORK', operation: 'capturePayment', outcomeUnknown: false });
    expect(h.clock.sleeps).toHaveLength(2);
  });
});
