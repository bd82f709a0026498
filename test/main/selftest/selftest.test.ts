/**
 * The self-test against the real simulator (and a scripted server for the one answer the simulator
 * cannot give: a 403 for a merchant serial number the keys do not cover), with real journal files.
 */
import { mkdtempSync, rmSync, statfsSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { runSelfTest } from '../../../src/main/selftest';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { createVippsClient } from '../../../src/main/vipps/client';
import type { SelfTestReport } from '../../../src/preload/contract';
import { startScriptedServer } from '../../support/scripted-server';
import { damagePaymentsLeaf, journalWithSales } from '../journal/fixtures';
import { CREDENTIALS, SYSTEM, tokenResponse } from '../vipps/helpers';

let sim: Simulator;
let dir: string;
let journalFile: string;

beforeAll(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'pos-selftest-'));
  journalFile = join(dir, 'journal.db');
  openJournal(journalFile).close();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const clientFor = (baseUrl: string, credentials = sim.credentials) =>
  createVippsClient({ baseUrl, credentials, system: SYSTEM, retry: { maxAttempts: 1 }, timeoutMs: 2000 });

const byId = (report: SelfTestReport) => Object.fromEntries(report.checks.map((c) => [c.id, c]));

function expectedDisk(): 'ok' | 'warning' | 'failed' {
  const s = statfsSync(dir);
  const free = Number(s.bavail) * Number(s.bsize);
  return free >= 500 * 1024 * 1024 ? 'ok' : free < 50 * 1024 * 1024 ? 'failed' : 'warning';
}

describe('self-test', () => {
  it('passes against a healthy Vipps with the right keys', async () => {
    const report = await runSelfTest({
      environment: 'training',
      baseUrl: sim.url,
      client: clientFor(sim.url),
      journalFile,
      journalCheck: 'full',
      dataDir: dir,
    });
    const checks = byId(report);
    expect(checks.reachability?.outcome).toBe('ok');
    expect(checks.clock?.outcome).toBe('ok');
    expect(checks.credentials?.outcome).toBe('ok');
    expect(checks.merchant).toMatchObject({
      outcome: 'ok',
      message: expect.stringMatching(/serial number is accepted/),
    });
    expect(checks.journal?.outcome).toBe('ok');
    expect(checks.disk?.outcome).toBe(expectedDisk());
    // The merchant check is a read of a payment that cannot exist: nothing was created.
    expect(
      sim.requests
        .list()
        .filter((r) => r.operation === 'getPayment')
        .map((r) => r.outcome),
    ).toContain(404);
    expect(sim.payments.list()).toEqual([]);
  });

  it('says the keys were rejected, with the fix, and skips the merchant check', async () => {
    const report = await runSelfTest({
      environment: 'test',
      baseUrl: sim.url,
      client: clientFor(sim.url, { ...sim.credentials, clientSecret: 'wrong-secret' }),
      journalFile,
      journalCheck: 'full',
      dataDir: dir,
    });
    const checks = byId(report);
    expect(report.outcome).toBe('failed');
    expect(checks.credentials).toMatchObject({ outcome: 'failed', message: 'The API keys were rejected.' });
    expect(checks.credentials?.fix).toMatch(/business portal/);
    expect(checks.merchant?.outcome).toBe('skipped');
    expect(JSON.stringify(report)).not.toContain('wrong-secret');
  });

  it('reports a merchant serial number the keys do not cover (403 on a harmless read)', async () => {
    const server = await startScriptedServer();
    try {
      server.on('POST', '/accesstoken/get', tokenResponse());
      server.on('GET', /^\/epayment\/v1\/payments\//, {
        status: 403,
        body: { type: 'about:blank', title: 'Forbidden', status: 403, traceId: 't' },
      });
      server.on('GET', '/', { status: 404, body: '' });
      const report = await runSelfTest({
        environment: 'test',
        baseUrl: server.url,
        client: clientFor(server.url, CREDENTIALS),
        journalFile,
        journalCheck: 'full',
        dataDir: dir,
      });
      expect(byId(report).merchant).toMatchObject({
        outcome: 'failed',
        message: expect.stringMatching(/does not belong to these API keys/),
      });
      // Only reads were made.
      expect(server.requests.filter((r) => r.method !== 'GET').map((r) => r.path)).toEqual([
        '/accesstoken/get',
      ]);
    } finally {
      await server.close();
    }
  });

  it('compares the clock with the Date header of Vipps answer', async () => {
    const ahead = (ms: number) => () => Date.now() + ms;
    const slightly = await runSelfTest({
      environment: 'training',
      baseUrl: sim.url,
      client: null,
      journalFile,
      journalCheck: 'full',
      dataDir: dir,
      now: ahead(90_000),
    });
    expect(byId(slightly).clock).toMatchObject({
      outcome: 'warning',
      message: expect.stringMatching(/9\d seconds ahead of/),
    });
    const far = await runSelfTest({
      environment: 'training',
      baseUrl: sim.url,
      client: null,
      journalFile,
      journalCheck: 'full',
      dataDir: dir,
      now: ahead(-10 * 60_000),
    });
    expect(byId(far).clock).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/behind/) });
    expect(byId(far).clock?.fix).toMatch(/automatic time/);
  });

  it('skips what needs Vipps when it cannot be reached', async () => {
    const closed = await freePort();
    const report = await runSelfTest({
      environment: 'production',
      baseUrl: `http://127.0.0.1:${closed}`,
      client: clientFor(`http://127.0.0.1:${closed}`),
      journalFile,
      journalCheck: 'full',
      dataDir: dir,
    });
    const checks = byId(report);
    expect(checks.reachability).toMatchObject({
      outcome: 'failed',
      message: 'Could not reach Vipps MobilePay.',
    });
    expect(checks.credentials?.outcome).toBe('skipped');
    expect(checks.merchant?.outcome).toBe('skipped');
    expect(checks.clock?.outcome).toBe('skipped');
    expect(checks.journal?.outcome).toBe('ok');
  });

  it('finds a damaged journal without changing it', async () => {
    const bad = join(dir, 'damaged.db');
    writeFileSync(bad, 'this is not an SQLite database, just text that looks nothing like one');
    const report = await runSelfTest({
      environment: 'training',
      baseUrl: sim.url,
      client: null,
      journalFile: bad,
      journalCheck: 'full',
      dataDir: dir,
    });
    expect(byId(report).journal).toMatchObject({
      outcome: 'failed',
      fix: expect.stringMatching(/Do not delete|do not delete/),
    });
  });
  it('at start checks the structure only: damage deep inside is left to the full check on demand', async () => {
    const file = journalWithDamageInside(join(dir, 'deep.db'));
    const run = (journalCheck: 'structure' | 'full') =>
      runSelfTest({
        environment: 'training',
        baseUrl: sim.url,
        client: null,
        journalFile: file,
        journalCheck,
        dataDir: dir,
      });
    // The start-up run reads no more than the journal's own open on a clean start, and says so.
    expect(byId(await run('structure')).journal).toEqual({
      id: 'journal',
      outcome: 'ok',
      code: 'journal-ok-structure',
      params: {},
      message:
        "The payment journal's structure is sound (checked at start: structure; full check: run the self-test).",
      fix: null,
    });
    expect(byId(await run('full')).journal).toMatchObject({
      outcome: 'failed',
      code: 'journal-damaged',
      params: { detail: expect.stringMatching(/^The payment journal is damaged \(/) },
      message: expect.stringMatching(/^The payment journal is damaged \(/),
      fix: expect.stringMatching(/^Do not delete it/),
    });
  });

  it('the structure check finds a journal cut short', async () => {
    const file = journalWithSales(join(dir, 'short.db'), 2000);
    truncateSync(file, statSync(file).size - 3 * 4096);
    const report = await runSelfTest({
      environment: 'training',
      baseUrl: sim.url,
      client: null,
      journalFile: file,
      journalCheck: 'structure',
      dataDir: dir,
    });
    expect(byId(report).journal).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/damaged \(.*cut short\).*Nothing was deleted/),
    });
  });
});

/** Garbage over a leaf in the middle of the payments table, far from any root the structure check reads. */
function journalWithDamageInside(file: string): string {
  journalWithSales(file, 2000);
  damagePaymentsLeaf(file);
  return file;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('self-test codes for the renderer', () => {
  it('names every finding with a code from the contract and only plain parameters', async () => {
    const { SELFTEST_CODES } = await import('../../../src/preload/contract');
    const { checkClock, skipped } = await import('../../../src/main/selftest/checks');
    const ahead = checkClock({ check: {} as never, serverDate: 0, localMidpoint: 600_000 });
    expect(ahead).toMatchObject({ outcome: 'failed', code: 'clock-ahead', params: { seconds: 600 } });
    const behind = checkClock({ check: {} as never, serverDate: 40_000, localMidpoint: 0 });
    expect(behind).toMatchObject({ outcome: 'warning', code: 'clock-behind', params: { seconds: 40 } });
    expect(skipped('merchant', 'skipped-offline')).toMatchObject({
      code: 'skipped-offline',
      outcome: 'skipped',
    });
    for (const check of [ahead, behind]) expect(SELFTEST_CODES).toContain(check.code);
  });
});
