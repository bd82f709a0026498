/**
 * `npm run golive`: the real script (Vite bundle of the CLI, then run) in a child process, against
 * training's in-process simulator and against a simulator standing in for the test environment
 * through the documented environment variables. The output is what the merchant pastes into the
 * checklist, so the test reads it like the merchant would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import type { GoLiveReport } from '../../../src/preload/contract';
import { type WriteAheadWitness, writeAheadWitness } from '../../support/write-ahead';

const root = resolve(__dirname, '../../..');

/** Async on purpose: the simulator standing in for Vipps runs in this process and must keep answering. */
function golive(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VIPPS_')));
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['scripts/golive.mjs', ...args], {
      cwd: root,
      env: { ...clean, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

describe('npm run golive', () => {
  it('--env training prints a reference ending AUTHORIZED, CAPTURED, REFUNDED and CANCELLED with event logs', async () => {
    const { code, stdout, stderr } = await golive(['--env', 'training']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => /^(AUTHORIZED|CAPTURED|REFUNDED|CANCELLED)\s/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED']);
    for (const row of rows) {
      const [scenario, reference, state, authorized, , captured, , refunded, , cancelled, , result] =
        row.split(/\s+/);
      expect(reference).toMatch(new RegExp(`^golive-\\d{8}-\\d{6}-[0-9a-f]{4}-${scenario!.toLowerCase()}$`));
      expect(state).toBe('AUTHORIZED');
      expect(authorized).toBe('10.00');
      expect(result).toBe('OK');
      const moved = { captured, refunded, cancelled };
      if (scenario === 'AUTHORIZED')
        expect(moved).toEqual({ captured: '0.00', refunded: '0.00', cancelled: '0.00' });
      if (scenario === 'CAPTURED')
        expect(moved).toEqual({ captured: '10.00', refunded: '0.00', cancelled: '0.00' });
      if (scenario === 'REFUNDED')
        expect(moved).toEqual({ captured: '10.00', refunded: '10.00', cancelled: '0.00' });
      if (scenario === 'CANCELLED')
        expect(moved).toEqual({ captured: '0.00', refunded: '0.00', cancelled: '10.00' });
    }
    // Each reference has its event log, ending in the scenario's event.
    for (const [scenario, last] of [
      ['AUTHORIZED', 'AUTHORIZED'],
      ['CAPTURED', 'CAPTURED'],
      ['REFUNDED', 'REFUNDED'],
      ['CANCELLED', 'CANCELLED'],
    ] as const) {
      const block = stdout
        .split('\n\n')
        .find((b) => b.startsWith('Event log') && b.includes(`(${scenario})`));
      const names = (block ?? '')
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/)[1]);
      expect(names[0]).toBe('CREATED');
      expect(names).toContain('AUTHORIZED');
      expect(names.at(-1)).toBe(last);
    }
    expect(stdout).toMatch(/training simulator \(no real money; practice only/);
    expect(stdout).toMatch(/Result: all four scenarios ended as the checklist asks\./);
  });

  describe('--env test (keys from the environment)', () => {
    let sim: Simulator;
    let dataDir: string;
    let witness: WriteAheadWitness;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'pos-golive-cli-'));
      sim = await startSimulator({
        credentials: {
          clientId: 'golive-client-id-7c1e',
          clientSecret: 'golive-client-secret-Zq81',
          subscriptionKey: 'golive-subscription-key-44d0',
          merchantSerialNumber: '654321',
        },
      });
      // The test environment's journal, where the app would find these payments too.
      witness = writeAheadWitness(sim);
      witness.watch(join(dataDir, 'journal-test.sqlite'));
    });
    afterAll(async () => {
      witness.stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const keys = () => ({
      VIPPS_BASE_URL: sim.url,
      VIPPS_CLIENT_ID: sim.credentials.clientId,
      VIPPS_CLIENT_SECRET: sim.credentials.clientSecret,
      VIPPS_SUBSCRIPTION_KEY: sim.credentials.subscriptionKey,
      VIPPS_MSN: sim.credentials.merchantSerialNumber,
      VIPPS_TEST_PHONE: '+47 91234567',
      POS_DATA_DIR: dataDir,
    });

    it('uses VIPPS_* for keys and test user, prints JSON on request and never prints a secret', async () => {
      const { code, stdout } = await golive(['--env', 'test', '--json'], keys());
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as GoLiveReport;
      expect(report.environment).toBe('test');
      expect(report.ok).toBe(true);
      expect(report.rows.map((r) => [r.scenario, r.state, r.ok])).toEqual([
        ['AUTHORIZED', 'AUTHORIZED', true],
        ['CAPTURED', 'AUTHORIZED', true],
        ['REFUNDED', 'AUTHORIZED', true],
        ['CANCELLED', 'AUTHORIZED', true],
      ]);
      // The payments really exist at "Vipps", approved by the test user's number.
      for (const row of report.rows) {
        const payment = sim.payments.get(row.reference);
        expect(payment?.customer).toEqual({ phoneNumber: '4791234567' });
        expect(payment?.state).toBe('AUTHORIZED');
      }
      // Every money request's intent was in the journal before it reached Vipps, and the journal
      // keeps the payments as go-live tests with one decided intent per operation.
      expect(witness.violations).toEqual([]);
      expect(witness.checked).toMatchObject({ create: 4, capture: 2, refund: 1, cancel: 1 });
      const journal = openJournal(join(dataDir, 'journal-test.sqlite'));
      try {
        for (const row of report.rows) {
          expect(journal.payments.get(row.reference)?.goLive).toBe(row.scenario);
          const ops = journal.operations.forReference(row.reference);
          expect(ops.every((o) => o.status === 'succeeded')).toBe(true);
          const keys = report.rows
            .find((r) => r.reference === row.reference)!
            .events.map((e) => e.idempotencyKey)
            .filter((k) => k !== null);
          for (const op of ops) expect(keys).toContain(op.idempotencyKey);
        }
      } finally {
        journal.close();
      }
      expect(report.text).toContain('Merchant serial number: 654321');
      for (const secret of [
        sim.credentials.clientId,
        sim.credentials.clientSecret,
        sim.credentials.subscriptionKey,
        '91234567',
      ]) {
        expect(stdout).not.toContain(secret);
      }
    });

    it('names the missing variables, and refuses production', async () => {
      const missing = await golive(['--env', 'test'], { VIPPS_CLIENT_ID: 'x' });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(
        /VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN, VIPPS_TEST_PHONE/,
      );
      const production = await golive(['--env', 'production']);
      expect(production.code).toBe(2);
      expect(production.stderr).toMatch(/only in the test environment/);
    });

    it('exits 1 and says what went wrong when Vipps refuses the keys', async () => {
      const { code, stdout } = await golive(['--env', 'test'], {
        ...keys(),
        VIPPS_CLIENT_SECRET: 'not-the-secret',
      });
      expect(code).toBe(1);
      expect(stdout).toMatch(/NOT OK/);
      expect(stdout).toMatch(/Result: NOT all scenarios/);
      expect(stdout).not.toContain('not-the-secret');
    });
  });
});
