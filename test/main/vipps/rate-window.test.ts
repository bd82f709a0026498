/**
 * The sliding one-minute window behind Vipps' per-reference limits (the client waits on it; the
 * simulator refuses on it): the first request over the limit waits until the oldest of the last
 * `limit` leaves the window, references and operations count apart, and the event log's two names
 * share one limit.
 */
import { expect, it } from 'vitest';
import { createRateWindow, PER_REFERENCE_LIMITS, RATE_WINDOW_MS } from '../../../src/main/vipps/rate-limits';

const T0 = 1_800_000_000_000;

it('lets `limit` requests go at once and makes the next wait for the oldest to leave the window', () => {
  const w = createRateWindow();
  for (let i = 0; i < 5; i++) {
    expect(w.wait('capturePayment', 'ref-a', T0 + i * 1000)).toBe(0);
    w.take('capturePayment', 'ref-a', T0 + i * 1000);
  }
  expect(w.wait('capturePayment', 'ref-a', T0 + 10_000)).toBe(50_000);
  // Another payment, or another operation on this one, has its own count.
  expect(w.wait('capturePayment', 'ref-b', T0 + 10_000)).toBe(0);
  expect(w.wait('refundPayment', 'ref-a', T0 + 10_000)).toBe(0);
  // The oldest leaves the window exactly a minute after it was sent.
  expect(w.wait('capturePayment', 'ref-a', T0 + RATE_WINDOW_MS - 1)).toBe(1);
  expect(w.wait('capturePayment', 'ref-a', T0 + RATE_WINDOW_MS)).toBe(0);
  w.take('capturePayment', 'ref-a', T0 + RATE_WINDOW_MS);
  // Now the one sent at T0+1 s is the oldest of the last five.
  expect(w.wait('capturePayment', 'ref-a', T0 + RATE_WINDOW_MS)).toBe(1000);
});

it('counts the event log under both its names as one limit', () => {
  const w = createRateWindow();
  for (let i = 0; i < 60; i++) w.take('getPaymentEventLog', 'ref-a', T0 + i);
  expect(w.wait('getEvents', 'ref-a', T0 + 100)).toBe(0);
  for (let i = 60; i < 120; i++) w.take('getEvents', 'ref-a', T0 + i);
  expect(w.wait('getPaymentEventLog', 'ref-a', T0 + 200)).toBe(RATE_WINDOW_MS - 200);
  expect(w.wait('getEvents', 'ref-a', T0 + 200)).toBe(RATE_WINDOW_MS - 200);
});

it('never holds back an operation without a limit, and says which ones have one', () => {
  const w = createRateWindow();
  for (let i = 0; i < 50; i++) w.take('getAccessToken', 'ref-a', T0);
  expect(w.wait('getAccessToken', 'ref-a', T0)).toBe(0);
  expect(w.limited('getAccessToken')).toBe(false);
  for (const operation of Object.keys(PER_REFERENCE_LIMITS)) expect(w.limited(operation)).toBe(true);
});

it('starts over once a quiet minute has passed', () => {
  const w = createRateWindow({ capturePayment: 2 });
  w.take('capturePayment', 'ref-a', T0);
  w.take('capturePayment', 'ref-a', T0 + 1);
  w.take('capturePayment', 'ref-a', T0 + 5 * RATE_WINDOW_MS);
  expect(w.wait('capturePayment', 'ref-a', T0 + 5 * RATE_WINDOW_MS)).toBe(0);
  w.take('capturePayment', 'ref-a', T0 + 5 * RATE_WINDOW_MS + 10);
  expect(w.wait('capturePayment', 'ref-a', T0 + 5 * RATE_WINDOW_MS + 10)).toBe(RATE_WINDOW_MS - 10);
});
