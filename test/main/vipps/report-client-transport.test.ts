/**
 * The Report API client (settlement) on its transport: it waits on the clock and jitter it is given
 * (as the ePayment client does), goes through the fetch it is given, never calls a read's failure
 * an unknown outcome, names its operations in errors, and refuses a ledger id that is not there.
 */
import { afterEach, expect, it } from 'vitest';
import { isVippsError, type VippsError } from '../../../src/main/vipps/errors';
import {
  createReportClient,
  type ReportClient,
  type ReportClientOptions,
} from '../../../src/main/vipps/report';
import { type ScriptedServer, startScriptedServer } from '../../support/scripted-server';
import { CREDENTIALS, caught, type FakeClock, fakeClock, problem, SYSTEM, tokenResponse } from './helpers';

const LEDGERS = '/settlement/v1/ledgers';
const BUSY = { status: 503, body: problem(503, 'Service Unavailable') };

let server: ScriptedServer;
let clock: FakeClock;
afterEach(() => server.close());

async function client(options: Partial<ReportClientOptions> = {}): Promise<ReportClient> {
  server = await startScriptedServer();
  server.on('POST', '/accesstoken/get', tokenResponse());
  clock = fakeClock();
  return createReportClient({
    baseUrl: server.url,
    credentials: CREDENTIALS,
    system: SYSTEM,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.999,
    ...options,
  });
}

async function vippsError(fn: () => Promise<unknown>): Promise<VippsError> {
  const error = await caught(fn);
  if (!isVippsError(error)) throw error;
  return error;
}

it('waits between repeats on the clock and with the jitter it is given', async () => {
  const report = await client();
  server.on('GET', LEDGERS, BUSY, BUSY, BUSY, { body: { items: [] } });
  expect(await report.ledgers()).toEqual({ items: [], cursor: null });
  // Full jitter at 0.999 of 250, 500 and 1000 ms.
  expect(clock.sleeps).toEqual([249, 499, 999]);
});

it('a read Vipps keeps failing is a known failure: nothing it could have changed', async () => {
  const report = await client();
  server.on('GET', LEDGERS, BUSY);
  const error = await vippsError(() => report.ledgers());
  expect(error).toMatchObject({ code: 'UPSTREAM', operation: 'getLedgers', outcomeUnknown: false });
  expect(error.message).not.toContain('may have been carried out');
  expect(server.requestsTo('GET', LEDGERS)).toHaveLength(5);
});

it('names getLedgers when the ledgers answer cannot be read', async () => {
  const report = await client();
  server.on('GET', LEDGERS, { body: { items: 'none' } });
  const error = await vippsError(() => report.ledgers());
  expect(error).toMatchObject({ code: 'UPSTREAM', operation: 'getLedgers' });
  expect(error.message).toBe('Vipps sent an answer to getLedgers that we do not understand (HTTP 200)');
});

it('sends through the fetch it is given', async () => {
  const seen: string[] = [];
  const report = await client({
    fetch: (input, init) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
  });
  server.on('GET', LEDGERS, { body: { items: [] } });
  await report.ledgers();
  expect(seen.map((url) => new URL(url).pathname)).toEqual(['/accesstoken/get', LEDGERS]);
});

it('refuses a missing ledger id (an unset setting) instead of asking for ledger "undefined"', async () => {
  const report = await client();
  const missing = undefined as unknown as string;
  for (const call of [
    () => report.feed(missing, 'funds'),
    () => report.ledgerDate(missing, 'fees', '2026-03-02'),
  ]) {
    const error = await vippsError(call);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'Not sent to Vipps: ledgerId: must be a ledger id',
    });
    expect(error.details?.field).toBe('ledgerId');
  }
  expect(server.requests).toHaveLength(0);
});
