/**
 * The words and codes a Vipps failure becomes, pinned exactly: what the cashier and the support log
 * read, and what must never be in it (secrets, bearer tokens). Written against surviving mutants of
 * src/main/vipps (npm run mutation).
 */
import { describe, expect, it } from 'vitest';
import { problemFromTokenError } from '../../../src/main/vipps/error-shapes';
import {
  codeForStatus,
  errorFromResponse,
  scrubProblem,
  validationError,
} from '../../../src/main/vipps/errors';
import { check, createPaymentRequest } from '../../../src/main/vipps/validation';

describe('status → code', () => {
  it('an answer that is not an error status is UPSTREAM (we do not understand it), not bad input', () => {
    expect(codeForStatus(302)).toBe('UPSTREAM');
    expect(codeForStatus(200)).toBe('UPSTREAM');
    expect(codeForStatus(400)).toBe('VALIDATION');
    expect(codeForStatus(422)).toBe('VALIDATION');
  });
});

describe('what the other side says is scrubbed', () => {
  // The client's scrub is the one redaction module's (src/main/redaction): secrets from six
  // characters (shorter ones would cut ordinary words), bearer credentials from four.
  it('cuts out a known secret of six characters or more, and only those', () => {
    const out = scrubProblem({ detail: 'key abcdef and xyz12 leaked' }, ['abcdef', 'xyz12']);
    expect(out?.detail).toBe('key [redacted] and xyz12 leaked');
  });

  it('cuts out a bearer token whole, however it is spaced', () => {
    const out = scrubProblem({ detail: 'got Bearer  eyJhbGci.eyJzdWIi-x_y~z+/= back; bearer abcd ok' });
    expect(out?.detail).toBe('got Bearer [redacted] back; bearer [redacted] ok');
  });
});

describe('the message of a refused request', () => {
  it('names the plain words, operation, status, Vipps code, title and detail', () => {
    const e = errorFromResponse('capturePayment', 400, {
      title: 'Bad Request',
      detail: 'Too much',
      extraDetails: [{ name: 'ErrorCode', reason: '6090' }],
    });
    expect(e.message).toBe(
      'The amount is more than what remains on the payment (capturePayment, HTTP 400, Vipps code 6090): Bad Request: Too much',
    );
  });

  it('leaves out a missing title instead of an empty one', () => {
    const e = errorFromResponse('getPayment', 404, { detail: 'No such payment' });
    expect(e.message).toBe(
      'Vipps does not know this payment or order (getPayment, HTTP 404): No such payment',
    );
  });

  it('says only what it knows when the answer has no problem body', () => {
    expect(errorFromResponse('cancelPayment', 302, undefined).message).toBe(
      'Vipps had a problem answering (cancelPayment, HTTP 302)',
    );
  });
});

describe('input refused before sending', () => {
  it('shows the first issue and how many more', () => {
    expect(validationError('createPayment', ['a: bad', 'b: bad', 'c: bad']).message).toBe(
      'Not sent to Vipps: a: bad (+2 more)',
    );
    expect(validationError('createPayment', ['a: bad']).message).toBe('Not sent to Vipps: a: bad');
    expect(validationError('createPayment', []).message).toBe('Not sent to Vipps: invalid input');
  });

  const sale = {
    amount: { currency: 'NOK', value: 1000 },
    paymentMethod: { type: 'WALLET' },
    reference: 'wording-test-1',
    userFlow: 'QR',
  };
  const issuesOf = (value: unknown, field: string | null = null) => {
    try {
      check('createPayment', field, createPaymentRequest, value);
    } catch (error) {
      return (error as { details: { issues: string[] } }).details.issues;
    }
    return [];
  };

  it('refuses more than five metadata entries, takes five', () => {
    const five = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, 'v']));
    expect(issuesOf({ ...sale, metadata: five })).toEqual([]);
    expect(issuesOf({ ...sale, metadata: { ...five, f: 'v' } })).toEqual([
      'metadata: may have at most 5 entries',
    ]);
  });

  it('needs a return URL for WEB_REDIRECT', () => {
    expect(issuesOf({ ...sale, userFlow: 'WEB_REDIRECT' })).toEqual([
      'returnUrl: is required for WEB_REDIRECT',
    ]);
    expect(issuesOf({ ...sale, userFlow: 'WEB_REDIRECT', returnUrl: 'https://shop.example/back' })).toEqual(
      [],
    );
  });

  it('needs the receipt in the payment currency', () => {
    const receipt = (currency: string) => ({
      orderLines: [
        {
          name: 'Coffee',
          id: 'line-1',
          totalAmount: 1000,
          totalAmountExcludingTax: 800,
          totalTaxAmount: 200,
          taxRate: 2500,
        },
      ],
      bottomLine: { currency },
    });
    expect(issuesOf({ ...sale, receipt: receipt('NOK') })).toEqual([]);
    expect(issuesOf({ ...sale, receipt: receipt('DKK') })).toEqual([
      'receipt.bottomLine.currency: must match amount',
    ]);
  });

  it('names a whole-request problem "(request)", and prefixes a field', () => {
    expect(issuesOf('not an object')[0]).toMatch(/^\(request\): /);
    expect(issuesOf('not an object', 'body')[0]).toMatch(/^body: /);
  });
});

describe('token errors', () => {
  it('keep the first line of the description, without the AADSTS prefix', () => {
    const problem = problemFromTokenError({
      error: 'invalid_client',
      error_description: '  AADSTS7000215: Invalid client secret provided.  \r\nTrace ID: 1\r\nTimestamp: x',
      error_codes: [7000215],
    });
    expect(problem).toEqual({
      title: 'invalid_client',
      detail: 'Invalid client secret provided.',
      extraDetails: [{ name: 'ErrorCode', reason: 'AADSTS7000215' }],
    });
  });

  it('have no detail when the description is empty', () => {
    expect(problemFromTokenError({ error: 'invalid_request', error_description: '' })).toEqual({
      title: 'invalid_request',
    });
  });
});
