/**
 * The strict checker refuses answers with properties their spec does not define (the strict copy
 * closes answers, not only requests), knows the fields the current docs added (known-gaps.ts), and
 * holds the Webhooks API to its reference. Hand-built exchanges: each case differs from a valid one
 * in exactly the property under test.
 */
import { describe, expect, it } from 'vitest';
import { checkTraffic, type Exchange } from '../../support/spec/traffic-check';

const REF = 'strict-answer-1';
const EPAYMENT_HEADERS = {
  authorization: 'Bearer token',
  'ocp-apim-subscription-key': 'key',
  'merchant-serial-number': '123456',
  'content-type': 'application/json',
};

async function answerViolations(x: Exchange): Promise<string[]> {
  const tally = await checkTraffic([x]);
  expect(tally.answers).toBe(1);
  return tally.violations;
}

const event = {
  reference: REF,
  pspReference: 'psp-1',
  name: 'CREATED',
  amount: { currency: 'NOK', value: 1000 },
  timestamp: '2026-11-30T05:00:00.000Z',
  idempotencyKey: 'key-1',
  success: true,
};
const eventLog = (events: object[]): Exchange => ({
  method: 'GET',
  path: `/epayment/v1/payments/${REF}/events`,
  query: {},
  headers: EPAYMENT_HEADERS,
  body: undefined,
  status: 200,
  reply: events,
});

describe('ePayment answers are closed', () => {
  it('takes an event log item as Vipps sends it (name, no paymentAction)', async () => {
    expect(await answerViolations(eventLog([event]))).toEqual([]);
  });

  it('refuses the undefined paymentAction the 1.4.1 spec lists as required', async () => {
    const violations = await answerViolations(eventLog([{ ...event, paymentAction: 'CREATED' }]));
    expect(violations.join('\n')).toMatch(/additionalProperty.*paymentAction/);
  });

  it('requires the event name the spec defines', async () => {
    const { name: _name, ...withoutName } = event;
    const violations = await answerViolations(eventLog([withoutName]));
    expect(violations.join('\n')).toMatch(/missingProperty.*name/);
  });

  const problem = {
    type: 'https://httpstatuses.io/400',
    title: 'Bad Request',
    status: 400,
    detail: 'The amount is not reserved.',
    instance: `/epayment/v1/payments/${REF}/capture`,
    traceId: '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01',
    extraDetails: [{ name: 'ErrorCode', reason: '6080' }],
  };
  const capture400 = (reply: object): Exchange => ({
    method: 'POST',
    path: `/epayment/v1/payments/${REF}/capture`,
    query: {},
    headers: { ...EPAYMENT_HEADERS, 'idempotency-key': 'capture-key-1' },
    body: { modificationAmount: { currency: 'NOK', value: 1000 } },
    status: 400,
    reply,
  });

  it('takes a problem with the extraDetails and instance the current docs added', async () => {
    expect(await answerViolations(capture400(problem))).toEqual([]);
  });

  it('refuses a problem property nobody documents', async () => {
    const violations = await answerViolations(capture400({ ...problem, errorCode: 6080 }));
    expect(violations.join('\n')).toMatch(/additionalProperty.*errorCode/);
  });

  it('refuses an extraDetails item with more than name and reason', async () => {
    const extra = { ...problem, extraDetails: [{ name: 'ErrorCode', reason: '6080', code: 1 }] };
    expect((await answerViolations(capture400(extra))).join('\n')).toMatch(/additionalProperty.*code/);
  });
});

describe('Order Management answers are closed', () => {
  const receipt400 = (reply: object): Exchange => ({
    method: 'POST',
    path: `/order-management/v2/ecom/receipts/${REF}`,
    query: {},
    headers: { ...EPAYMENT_HEADERS, 'x-test-invalid-on-purpose': '1' },
    body: {},
    status: 400,
    reply,
  });
  const error = {
    type: 'https://httpstatuses.io/400',
    title: 'Bad Request',
    detail: 'One or more validation errors occurred.',
    instance: `/order-management/v2/ecom/receipts/${REF}`,
    invalidParams: [{ name: 'orderLines', reason: 'Required' }],
  };

  it('takes the spec ErrorResponse', async () => {
    expect(await answerViolations(receipt400(error))).toEqual([]);
  });

  it('refuses the ePayment status and traceId in an Order Management error', async () => {
    const violations = (await answerViolations(receipt400({ ...error, status: 400 }))).join('\n');
    expect(violations).toMatch(/additionalProperty.*status/);
    const traced = (await answerViolations(receipt400({ ...error, traceId: 'x' }))).join('\n');
    expect(traced).toMatch(/additionalProperty.*traceId/);
  });
});

describe('Webhooks API, held to its reference', () => {
  const HEADERS = { authorization: 'Bearer token', 'ocp-apim-subscription-key': 'key' };
  const register = (reply: object, body: object = { url: 'https://shop.example/hook', events: ['x'] }) =>
    ({
      method: 'POST',
      path: '/webhooks/v1/webhooks',
      query: {},
      headers: HEADERS,
      body,
      status: 201,
      reply,
    }) satisfies Exchange;
  const secret = { id: '3f1c0a1e-0000-4000-8000-000000000001', secret: 's3cret' };

  it('checks the requests and answers it sees, and counts them', async () => {
    const tally = await checkTraffic([register(secret)]);
    expect(tally).toMatchObject({ requests: 1, answers: 1, outsideSpecs: 0, violations: [] });
  });

  it('refuses a register answer without its secret, or with more', async () => {
    expect((await answerViolations(register({ id: secret.id }))).join('\n')).toMatch(/secret/);
    expect((await answerViolations(register({ ...secret, url: 'x' }))).join('\n')).toMatch(
      /additionalProperty.*url/,
    );
  });

  it('refuses a register request with a property the reference does not define', async () => {
    const x = register(secret, { url: 'https://shop.example/hook', events: ['x'], secret: 'mine' });
    const tally = await checkTraffic([x]);
    expect(tally.violations.join('\n')).toMatch(/request registerWebhook.*additionalProperty.*secret/);
  });

  it('refuses a listed webhook without its url', async () => {
    const x: Exchange = {
      method: 'GET',
      path: '/webhooks/v1/webhooks',
      query: {},
      headers: HEADERS,
      body: undefined,
      status: 200,
      reply: { webhooks: [{ id: secret.id, events: ['x'] }] },
    };
    expect((await answerViolations(x)).join('\n')).toMatch(/url/);
  });

  it('refuses a body on a 204 and a status the reference does not document', async () => {
    const del = (status: number, reply?: object): Exchange => ({
      method: 'DELETE',
      path: `/webhooks/v1/webhooks/${secret.id}`,
      query: {},
      headers: HEADERS,
      body: undefined,
      status,
      reply,
    });
    expect(await answerViolations(del(204))).toEqual([]);
    expect((await answerViolations(del(204, { ok: true }))).join('\n')).toMatch(/a body/);
    expect((await answerViolations(del(409, { title: 'Conflict' }))).join('\n')).toMatch(
      /undocumented status 409/,
    );
  });

  it('refuses a request without the subscription key', async () => {
    const x = { ...register(secret), headers: { authorization: 'Bearer token' } };
    expect((await checkTraffic([x])).violations.join('\n')).toMatch(/no ocp-apim-subscription-key/);
  });
});

describe('Report API answers are closed', () => {
  const HEADERS = {
    authorization: 'Bearer token',
    'ocp-apim-subscription-key': 'key',
    'vipps-system-name': 'vipps-counter',
    'vipps-system-version': '1.0.0',
    'vipps-system-plugin-name': 'vipps-counter',
    'vipps-system-plugin-version': '1.0.0',
  };
  const ledgers = (status: number, reply: unknown): Exchange => ({
    method: 'GET',
    path: '/settlement/v1/ledgers',
    query: {},
    headers: HEADERS,
    body: undefined,
    status,
    reply,
  });
  const byDate = (status: number, reply: unknown): Exchange => ({
    method: 'GET',
    path: '/report/v2/ledgers/302321/funds/dates/2026-11-27',
    query: {},
    headers: HEADERS,
    body: undefined,
    status,
    reply,
  });
  const ledger = {
    ledgerId: '302321',
    currency: 'NOK',
    payoutBankAccount: { scheme: 'BBAN:NO', id: '86011117947' },
    owner: { scheme: 'business:NO:ORG', id: '987654321' },
    settlesForRecipientHandles: ['api:123456'],
  };
  const entry = {
    pspReference: '3343121302',
    time: '2026-11-27T10:00:00.000000Z',
    ledgerDate: '2026-11-27',
    entryType: 'capture',
    reference: 'lane1-20261127-100000-ab12',
    currency: 'NOK',
    amount: 14950,
    balanceBefore: 0,
    balanceAfter: 14950,
    recipientHandle: 'NO:123456',
  };

  it("takes a ledger with the currency the spec's own example gives it", async () => {
    expect(await answerViolations(ledgers(200, { items: [ledger] }))).toEqual([]);
  });

  it('refuses a ledger or funds entry property the spec does not define', async () => {
    const extraLedger = (await answerViolations(ledgers(200, { items: [{ ...ledger, msn: '1' }] }))).join();
    expect(extraLedger).toMatch(/additionalProperty.*msn/);
    const page = { items: [{ ...entry, counter: 'lane1' }], hasMore: false, tryLater: false };
    expect((await answerViolations(byDate(200, page))).join()).toMatch(/additionalProperty.*counter/);
    expect(await answerViolations(byDate(200, { ...page, items: [entry] }))).toEqual([]);
  });

  it('holds 401 and 500 to their own shapes, not the ePayment problem', async () => {
    expect(await answerViolations(byDate(401, { code: 'Unauthorized', message: 'Check your keys' }))).toEqual(
      [],
    );
    const server = { errorCode: 100001, errorMessage: 'Try again', contextId: 'c0ffee' };
    expect(await answerViolations(ledgers(500, server))).toEqual([]);
    const problem = { title: 'Internal Server Error', status: 500, detail: 'x', traceId: 't' };
    expect((await answerViolations(ledgers(500, problem))).join()).toMatch(/additionalProperty/);
  });

  it('takes the 404 of a date not closed yet, which the spec gives no body, without its default Problem', async () => {
    expect(await answerViolations(byDate(404, undefined))).toEqual([]);
  });

  it('holds an undocumented 400 to the default Problem', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'cursor',
      instance: '/x',
    };
    expect(await answerViolations(byDate(400, problem))).toEqual([]);
    expect((await answerViolations(byDate(400, { ...problem, extraDetails: [] }))).join()).toMatch(
      /additionalProperty.*extraDetails/,
    );
  });
});
