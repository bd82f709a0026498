/**
 * How the client reads what Vipps says back and builds its errors: a problem body keeps exactly the
 * fields Vipps sent (an empty one is no problem at all), zod issues name the path or "(body)", an
 * error carries only the facts it has, and long issue lists are capped at ten.
 */

import { expect, it } from 'vitest';
import { z } from 'zod';
import {
  networkError,
  rateLimitedHere,
  scrubProblem,
  timeoutError,
  unexpectedBodyError,
  VippsError,
  validationError,
} from '../../../src/main/vipps/errors';
import { describeIssues, parseProblem } from '../../../src/main/vipps/schemas';

it('keeps exactly the problem fields Vipps sent, and reads a body without any as no problem', () => {
  expect(parseProblem({})).toBeUndefined();
  expect(parseProblem({ unrelated: 1, extraDetails: [] })).toBeUndefined();
  expect(parseProblem({ type: 'https://x/t' })).toStrictEqual({ type: 'https://x/t' });
  expect(parseProblem({ title: 'T' })).toStrictEqual({ title: 'T' });
  expect(parseProblem({ detail: 'D' })).toStrictEqual({ detail: 'D' });
  expect(parseProblem({ status: 409 })).toStrictEqual({ status: 409 });
  expect(parseProblem({ instance: '/i' })).toStrictEqual({ instance: '/i' });
  expect(parseProblem({ traceId: 'tr' })).toStrictEqual({ traceId: 'tr' });
  expect(
    parseProblem({
      extraDetails: [{ name: 'ErrorCode', reason: '6150', more: 1 }],
      invalidParams: [{ name: 'receipt', reason: 'bad' }],
    }),
  ).toStrictEqual({
    extraDetails: [
      { name: 'ErrorCode', reason: '6150' },
      { name: 'receipt', reason: 'bad' },
    ],
  });
});

it('scrubs a problem without inventing fields it did not have', () => {
  expect(scrubProblem({ title: 'T', status: 400 })).toStrictEqual({ title: 'T', status: 400 });
  expect(scrubProblem({ detail: 'key abc-secret-value-123 leaked' }, ['abc-secret-value-123'])).toStrictEqual(
    {
      detail: 'key [redacted] leaked',
    },
  );
});

it('names the path of each issue, or "(body)" for the body itself, never the value', () => {
  const nested = z.object({ a: z.object({ b: z.string() }) }).safeParse({ a: { b: 4711 } });
  const whole = z.string().safeParse(4711);
  if (nested.success || whole.success) throw new Error('expected both to fail');
  expect(describeIssues(nested.error)).toEqual([expect.stringMatching(/^a\.b: /)]);
  expect(describeIssues(whole.error)).toEqual([expect.stringMatching(/^\(body\): /)]);
  expect(describeIssues(nested.error).join()).not.toContain('4711');
});

it('an error carries only the facts it has, under its own name', () => {
  const bare = timeoutError('getPayment', 100);
  expect(bare.name).toBe('VippsError');
  expect(bare.details).toBeUndefined();
  const full = new VippsError({
    code: 'CONFLICT',
    message: 'm',
    operation: 'capturePayment',
    status: 409,
    vippsErrorCode: '6020',
    traceId: 't',
    problem: { title: 'x' },
    retryAfterMs: 5,
  });
  expect([full.status, full.vippsErrorCode, full.traceId, full.problem, full.retryAfterMs]).toEqual([
    409,
    '6020',
    't',
    { title: 'x' },
    5,
  ]);
  expect(full.details).toEqual({ status: 409, vippsErrorCode: '6020', traceId: 't' });
});

it('caps the issues an error carries at ten', () => {
  const issues = Array.from({ length: 12 }, (_, i) => `field${i}: wrong`);
  expect(unexpectedBodyError('getPayment', 200, issues).details?.issues).toEqual(issues.slice(0, 10));
  const v = validationError('createPayment', issues, 'amount');
  expect(v.details?.issues).toEqual(issues.slice(0, 10));
  expect(v.message).toBe('Not sent to Vipps: field0: wrong (+11 more)');
});

it('words a network failure by whether the request may have left, and a held-back request as retryable', () => {
  expect(networkError('capturePayment', 'ECONNRESET', true).message).toBe(
    'The connection to Vipps was lost during capturePayment (ECONNRESET)',
  );
  expect(networkError('capturePayment', 'ECONNREFUSED', false).message).toBe(
    'Could not reach Vipps for capturePayment (ECONNREFUSED)',
  );
  const held = rateLimitedHere('refundPayment', 1_200);
  expect(held.code).toBe('RATE_LIMITED');
  expect(held.retryable).toBe(true);
  expect(held.retryAfterMs).toBe(1_200);
  expect(held.message).toBe(
    "Not sent to Vipps yet: refundPayment for this payment is at Vipps' per-minute limit; wait 2 s",
  );
});
