/**
 * Properties of the retry loop over random failure sequences (real HTTP, fake waits): whatever
 * Vipps does, every request of one call carries the caller's key and the same body, no more than
 * maxAttempts requests go out, the waits stay inside maxTotalMs, and a changing call that met an
 * ambiguous failure never ends in a plain "it failed".
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVippsClient } from '../../../src/main/vipps/client';
import { isVippsError } from '../../../src/main/vipps/errors';
import type { ScriptedResponse, ScriptedServer } from '../../support/scripted-server';
import { startScriptedServer } from '../../support/scripted-server';
import { CREDENTIALS, fakeClock, modification, problem, REFERENCE, SYSTEM, tokenResponse } from './helpers';

const CAPTURE = `/epayment/v1/payments/${REFERENCE}/capture`;

type Step = 'ok' | 500 | 502 | 503 | 429 | 'reset' | 400 | 404 | 409;

// 429 is a refusal (not applied); only these may have been carried out without us hearing.
const AMBIGUOUS = new Set<Step>([500, 502, 503, 'reset']);
/** Worth repeating with the same key: the ambiguous ones and the 429 refusal. */
const REPEATED = new Set<Step>([...AMBIGUOUS, 429]);

function response(step: Step): ScriptedResponse {
  if (step === 'ok') return { body: modification({ captured: 100 }) };
  if (step === 'reset') return { destroy: true };
  return {
    status: step,
    body: problem(step, 'scripted'),
    ...(step === 429 ? { headers: { 'retry-after': '2' } } : {}),
  };
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
  server.on('POST', '/accesstoken/get', tokenResponse());
});
afterAll(() => server.close());

describe('retry loop properties', () => {
  it('same key, bounded requests and time, honest outcome', async () => {
    const steps = fc.array(fc.constantFrom<Step>('ok', 500, 502, 503, 429, 'reset', 400, 404, 409), {
      minLength: 1,
      maxLength: 7,
    });
    const policy = fc.record({
      maxAttempts: fc.integer({ min: 1, max: 6 }),
      baseDelayMs: fc.integer({ min: 0, max: 2_000 }),
      maxDelayMs: fc.integer({ min: 0, max: 8_000 }),
      maxTotalMs: fc.integer({ min: 1_000, max: 30_000 }),
    });
    const key = fc.stringMatching(/^[A-Za-z0-9-]{1,50}$/);

    await fc.assert(
      fc.asyncProperty(
        steps,
        policy,
        key,
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (script, retry, idempotencyKey, jitter) => {
          const before = server.requests.length;
          server.on('POST', CAPTURE, ...script.map(response));
          const clock = fakeClock();
          const client = createVippsClient({
            baseUrl: server.url,
            credentials: CREDENTIALS,
            system: SYSTEM,
            retry,
            timeoutMs: 2_000,
            now: clock.now,
            sleep: clock.sleep,
            random: () => jitter,
          });
          const outcome = await client
            .capturePayment(REFERENCE, { value: 100, currency: 'NOK' }, idempotencyKey)
            .then(() => 'ok' as const)
            .catch((error: unknown) => error);

          const sent = server.requests.slice(before).filter((r) => r.path === CAPTURE);
          expect(sent.length).toBeGreaterThanOrEqual(1);
          expect(sent.length).toBeLessThanOrEqual(retry.maxAttempts);
          expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set([idempotencyKey]));
          expect(new Set(sent.map((r) => r.rawBody)).size).toBe(1);
          expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(retry.maxTotalMs);

          // What the server actually answered, in order (the last scripted step repeats).
          const answered = sent.map((_, i) => script[Math.min(i, script.length - 1)]!);
          if (outcome === 'ok') {
            expect(answered.at(-1)).toBe('ok');
          } else {
            expect(isVippsError(outcome)).toBe(true);
            const sawAmbiguous = answered.some((step) => AMBIGUOUS.has(step));
            expect((outcome as { outcomeUnknown: boolean }).outcomeUnknown).toBe(sawAmbiguous);
            // A definite refusal is never repeated.
            expect(answered.slice(0, -1).every((step) => REPEATED.has(step))).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
