import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosFailure } from '../../../src/main/errors';
import { codeForStatus, VippsError } from '../../../src/main/vipps/errors';
import { caught, type Harness, harness, KEY, modification, problem, REFERENCE, SECRETS } from './helpers';

const REFUND = `/epayment/v1/payments/${REFERENCE}/refund`;
const refund = (h: Harness) => h.client.refundPayment(REFERENCE, { value: 5_000, currency: 'NOK' }, KEY);

describe('error model', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ retry: { maxAttempts: 2 } });
  });
  afterEach(() => h.close());

  it.each([
    // status, Vipps code, our code, retryable, outcomeUnknown (refund is a changing call)
    [400, undefined, 'VALIDATION', false, false],
    [400, '4040', 'VALIDATION', false, false],
    [400, '6010', 'VALIDATION', false, false],
    [400, '6150', 'AMOUNT_EXCEEDS_REMAINING', false, false],
    [400, '6090', 'AMOUNT_EXCEEDS_REMAINING', false, false],
    [400, '4150', 'CONFLICT', false, false],
    [400, '4010', 'CONFLICT', false, false],
    [400, '6040', 'CONFLICT', false, false],
    [400, '6220', 'CONFLICT', false, false],
    [401, undefined, 'AUTH', false, false],
    [403, undefined, 'AUTH', false, false],
    [404, undefined, 'NOT_FOUND', false, false],
    [409, undefined, 'CONFLICT', false, false],
    [409, '4020', 'CONFLICT', false, false],
    [429, undefined, 'RATE_LIMITED', true, false],
    [500, undefined, 'UPSTREAM', true, true],
    [502, undefined, 'UPSTREAM', true, true],
    [503, undefined, 'UPSTREAM', true, true],
    [504, undefined, 'UPSTREAM', true, true],
  ] as const)('HTTP %i (Vipps code %s) → %s', async (status, vippsCode, code, retryable, outcomeUnknown) => {
    h.server.on('POST', REFUND, { status, body: problem(status, 'Refused', vippsCode) });
    const error = await caught(() => refund(h));
    expect(error).toBeInstanceOf(VippsError);
    expect(error).toBeInstanceOf(PosFailure);
    expect(error).toMatchObject({
      code,
      status,
      retryable,
      outcomeUnknown,
      operation: 'refundPayment',
      traceId: `00-trace-${status}-01`,
      ...(vippsCode ? { vippsErrorCode: vippsCode } : {}),
    });
    const pos = (error as VippsError).toPosError();
    expect(pos.code).toBe(code);
    expect(pos.details).toMatchObject({ reference: REFERENCE, status, traceId: `00-trace-${status}-01` });
  });

  it('keeps the problem body (title, detail, instance, extraDetails) for the logs', async () => {
    h.server.on('POST', REFUND, {
      status: 400,
      body: problem(400, 'Not enough refundable', '6150'),
      contentType: 'application/problem+json',
    });
    const error = (await caught(() => refund(h))) as VippsError;
    expect(error.problem).toMatchObject({
      title: 'Not enough refundable',
      detail: 'Not enough refundable (detail)',
      status: 400,
      instance: `/epayment/v1/payments/${REFERENCE}`,
      extraDetails: [{ name: 'ErrorCode', reason: '6150' }],
    });
    expect(error.message).toContain('6150');
    expect(error.message).toContain('Not enough refundable');
  });

  it('reads Order Management problems (invalidParams) too', async () => {
    h.server.on('POST', `/order-management/v2/ECOM/receipts/${REFERENCE}`, {
      status: 400,
      body: {
        type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
        title: 'One or more validation errors occurred.',
        invalidParams: [{ name: 'OrderLines', reason: 'required' }],
      },
    });
    const error = (await caught(() =>
      h.client.addReceipt(REFERENCE, {
        orderLines: [
          { name: 'x', id: '1', totalAmount: 1, totalAmountExcludingTax: 1, totalTaxAmount: 0, taxRate: 0 },
        ],
        bottomLine: { currency: 'NOK' },
      }),
    )) as VippsError;
    expect(error.code).toBe('VALIDATION');
    expect(error.problem?.extraDetails).toEqual([{ name: 'OrderLines', reason: 'required' }]);
  });

  it('survives an error body that is not a problem at all', async () => {
    h.server.on('POST', REFUND, { status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' });
    const error = (await caught(() => refund(h))) as VippsError;
    expect(error).toMatchObject({ code: 'UPSTREAM', status: 502 });
    expect(error.problem).toBeUndefined();
  });

  it('masks phone numbers that Vipps quotes in its wording', async () => {
    h.server.on('POST', REFUND, {
      status: 400,
      body: { ...problem(400, 'Customer 4791234567 not found', '7010'), detail: 'No user 4791234567' },
    });
    const error = await caught(() => refund(h));
    expect(JSON.stringify(error)).not.toContain('4791234567');
    expect((error as Error).message).not.toContain('4791234567');
    expect((error as Error).message).toContain('4567');
  });

  it('cuts what the one redaction module cuts: tokens, credentials and scanned personal QRs', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3MxIn0.c2lnbmF0dXJl';
    const qr = 'https://qr.vipps.no/28/2/01/031/4791234567?v=1';
    h.server.on('POST', REFUND, {
      status: 400,
      body: { ...problem(400, 'Bad', '4060'), detail: `token ${jwt} client_secret=abc123xyz qr ${qr}` },
    });
    const error = (await caught(() => refund(h))) as VippsError;
    const text = JSON.stringify(error.problem);
    for (const leaked of [jwt, 'abc123xyz', qr]) expect(text).not.toContain(leaked);
    expect(text).toContain('[redacted-token]');
  });

  it('maps statuses without a server too', () => {
    expect(codeForStatus(418)).toBe('VALIDATION');
    expect(codeForStatus(423)).toBe('CONFLICT');
    expect(codeForStatus(409, '6150')).toBe('AMOUNT_EXCEEDS_REMAINING');
    expect(codeForStatus(500, '6150')).toBe('UPSTREAM');
  });
});

describe('secrets never leave the client', () => {
  const failures: Array<[string, (h: Harness) => void]> = [
    ['a 400 problem', (h) => h.server.on('POST', REFUND, { status: 400, body: problem(400, 'Bad', '4040') })],
    ['a 401 twice', (h) => h.server.on('POST', REFUND, { status: 401 })],
    ['a 500 every time', (h) => h.server.on('POST', REFUND, { status: 500, body: problem(500, 'Boom') })],
    ['a timeout', (h) => h.server.on('POST', REFUND, { delayMs: 5_000 })],
    ['a dropped connection', (h) => h.server.on('POST', REFUND, { destroy: true })],
    ['a malformed body', (h) => h.server.on('POST', REFUND, { body: { reference: REFERENCE } })],
    ['a rejected token request', (h) => h.server.on('POST', '/accesstoken/get', { status: 401, body: {} })],
    [
      'an error body echoing our headers',
      (h) =>
        h.server.on('POST', REFUND, (req) => ({
          status: 400,
          body: { title: 'Bad', detail: JSON.stringify(req.headers), status: 400 },
        })),
    ],
  ];

  it.each(failures)('not in the error or the log after %s', async (_name, script) => {
    const h = await harness({ timeoutMs: 400, retry: { maxAttempts: 2 } });
    try {
      script(h);
      const error = (await caught(() => refund(h))) as VippsError;
      expect(error).toBeInstanceOf(VippsError);
      const texts = [
        JSON.stringify(error),
        JSON.stringify(error.toPosError()),
        error.message,
        error.stack ?? '',
        String((error as { cause?: unknown }).cause ?? ''),
        ...h.logs,
      ];
      for (const text of texts) {
        for (const secret of SECRETS) expect(text).not.toContain(secret);
      }
      expect((error as { cause?: unknown }).cause).toBeUndefined();
      expect(h.logs.length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('logs each request without headers or bodies', async () => {
    const h = await harness();
    try {
      h.server.on('POST', REFUND, { body: modification({ captured: 5_000, refunded: 5_000 }) });
      await refund(h);
      const lines = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.some((l) => l.operation === 'refundPayment' && l.result === 200)).toBe(true);
      for (const line of h.logs) {
        for (const secret of SECRETS) expect(line).not.toContain(secret);
        expect(line).not.toContain('modificationAmount');
      }
    } finally {
      await h.close();
    }
  });
});
