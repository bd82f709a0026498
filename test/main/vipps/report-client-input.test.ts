/**
 * The Report API client refuses bad input before anything is sent, naming the field and the rule,
 * and sends what it was given: the cursor as a query parameter only when there is one, the ledger
 * id encoded into the path, under the operation names the logs and errors use.
 */
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { isVippsError } from '../../../src/main/vipps/errors';
import { createReportClient, type ReportClient, type ReportTopic } from '../../../src/main/vipps/report';
import { type ScriptedServer, startScriptedServer } from '../../support/scripted-server';
import { CREDENTIALS, caught, fakeClock, SYSTEM, tokenResponse } from './helpers';

let server: ScriptedServer;
let logs: string[];
afterEach(() => server.close());

async function client(): Promise<ReportClient> {
  server = await startScriptedServer();
  server.on('POST', '/accesstoken/get', tokenResponse());
  logs = [];
  const clock = fakeClock();
  return createReportClient({
    baseUrl: server.url,
    credentials: CREDENTIALS,
    system: SYSTEM,
    logger: createLogger((line) => logs.push(line), 'test', 'debug'),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
  });
}

async function refusal(fn: () => Promise<unknown>) {
  const error = await caught(fn);
  if (!isVippsError(error)) throw error;
  return {
    code: error.code,
    operation: error.operation,
    message: error.message,
    field: error.details?.field,
  };
}

it('names the field and the rule of a refused input, and sends nothing', async () => {
  const report = await client();
  expect(await refusal(() => report.ledgers('a cursor'))).toEqual({
    code: 'VALIDATION',
    operation: 'getLedgers',
    message: 'Not sent to Vipps: cursor: must be a cursor from Vipps',
    field: 'cursor',
  });
  expect(await refusal(() => report.feed('a b', 'funds'))).toEqual({
    code: 'VALIDATION',
    operation: 'getReportFeed',
    message: 'Not sent to Vipps: ledgerId: must be a ledger id',
    field: 'ledgerId',
  });
  expect(await refusal(() => report.feed('302321', 'sales' as ReportTopic))).toMatchObject({
    message: 'Not sent to Vipps: topic: must be funds or fees',
    field: 'topic',
  });
  expect(await refusal(() => report.feed('302321', 'funds', 'bad cursor'))).toMatchObject({
    message: 'Not sent to Vipps: cursor: must be a cursor from Vipps',
  });
  expect(await refusal(() => report.ledgerDate('302321', 'fees', '2026-3-2'))).toEqual({
    code: 'VALIDATION',
    operation: 'getReportByDate',
    message: 'Not sent to Vipps: ledgerDate: must be a date like 2026-11-25',
    field: 'ledgerDate',
  });
  expect(await refusal(() => report.ledgerDate('a b', 'fees', '2026-03-02'))).toMatchObject({
    field: 'ledgerId',
  });
  expect(await refusal(() => report.ledgerDate('302321', 'x' as ReportTopic, '2026-03-02'))).toMatchObject({
    field: 'topic',
  });
  expect(await refusal(() => report.ledgerDate('302321', 'fees', '2026-03-02', 'bad cursor'))).toMatchObject({
    field: 'cursor',
  });
  expect(server.requests).toHaveLength(0);
});

it('sends the cursor only when there is one, and reads a page with its defaults', async () => {
  const report = await client();
  server.on('GET', '/settlement/v1/ledgers', { body: { items: [{ ledgerId: 'l/1' }] } });
  server.on('GET', '/report/v2/ledgers/l%2F1/funds/feed', { body: { items: [], cursor: '' } });
  server.on('GET', '/report/v2/ledgers/l%2F1/fees/dates/2026-03-02', {
    body: { items: [], cursor: 'c2', hasMore: true },
  });
  expect(await report.ledgers()).toEqual({
    items: [{ ledgerId: 'l/1', settlesForRecipientHandles: [] }],
    cursor: null,
  });
  expect(await report.ledgers('c+1')).toMatchObject({ cursor: null });
  expect(await report.feed('l/1', 'funds')).toEqual({
    items: [],
    cursor: null,
    hasMore: false,
    tryLater: false,
  });
  expect(await report.ledgerDate('l/1', 'fees', '2026-03-02', 'c1')).toEqual({
    items: [],
    cursor: 'c2',
    hasMore: true,
    tryLater: false,
  });
  const asked = server.requests.filter((r) => r.method === 'GET').map((r) => [r.path, r.query]);
  expect(asked).toEqual([
    ['/settlement/v1/ledgers', {}],
    ['/settlement/v1/ledgers', { cursor: 'c+1' }],
    ['/report/v2/ledgers/l%2F1/funds/feed', {}],
    ['/report/v2/ledgers/l%2F1/fees/dates/2026-03-02', { cursor: 'c1' }],
  ]);
  // No Merchant-Serial-Number: the Report API is per ledger. Logged under the report scope.
  expect(server.requests.every((r) => r.headers['merchant-serial-number'] === undefined)).toBe(true);
  expect(logs.some((l) => JSON.parse(l).scope === 'test.report')).toBe(true);
});

it('names the operation of an answer it cannot read', async () => {
  const report = await client();
  server.on('GET', '/report/v2/ledgers/302321/funds/feed', { body: { items: [{ amount: 'x' }] } });
  const error = await refusal(() => report.feed('302321', 'funds'));
  expect(error).toMatchObject({ code: 'UPSTREAM', operation: 'getReportFeed' });
  expect(error.message).toBe('Vipps sent an answer to getReportFeed that we do not understand (HTTP 200)');
});
