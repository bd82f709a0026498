/**
 * Power-cut tests: a separate process runs the engine on a journal file and is SIGKILLed at each
 * step of create / capture / cancel / refund. A new engine then recovers on the same file against
 * the same simulator. The simulator's ledger and the journal must agree, with nothing lost or
 * moved twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRow } from '../../../src/main/journal';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { runEngineChild } from '../../support/crash';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { paymentQuery } from '../journal/fixtures';

let sim: Simulator;
let dir: string;
let h: EngineHarness | undefined;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function crashThenRecover(scenario: string, crashAt: string, polling = {}) {
  dir = mkdtempSync(join(tmpdir(), 'pos-crash-'));
  const file = join(dir, 'journal.db');
  const child = await runEngineChild({
    JOURNAL_FILE: file,
    SIM_URL: sim.url,
    SCENARIO: scenario,
    CRASH_AT: crashAt,
  });
  expect(child.signal, `${child.stdout}\n${child.stderr}`).toBe('SIGKILL');
  expect(child.stdout).toContain(`crash ${crashAt}`);
  h = await startEngineHarness({ sim, dir, recover: false, settings: { counterId: 'lane7' }, polling });
  const [reference] = h.journal.payments.search(paymentQuery({ limit: 2 })).rows.map((r) => r.reference);
  const openBefore = h.journal.operations.open().map((o) => [o.kind, o.status]);
  await expect(h.engine.start({ amount: 1000, flow: 'QR' })).rejects.toMatchObject({ code: 'RECOVERING' });
  const report = await h.engine.recover();
  return { reference: reference!, report, openBefore };
}

/** The journal's view of the money equals the simulator's ledger, and every movement is ours. */
function expectAgreement(reference: string): PaymentRow {
  const row = h!.journal.payments.get(reference)!;
  const ledger = sim.ledger.forReference(reference);
  expect(row.aggregate.captured).toBe(sim.ledger.total('capture', reference));
  expect(row.aggregate.refunded).toBe(sim.ledger.total('refund', reference));
  expect(row.aggregate.authorized).toBe(sim.ledger.total('authorize', reference));
  const keys = new Set(h!.journal.operations.forReference(reference).map((o) => o.idempotencyKey));
  for (const entry of ledger.filter((e) => e.kind !== 'authorize'))
    expect(keys.has(entry.idempotencyKey!)).toBe(true);
  expect(h!.journal.operations.open()).toEqual([]);
  return row;
}

describe('killed during create', () => {
  it('before the request went out: re-sent with the stored key, the sale is back with the cashier', async () => {
    const { reference, report, openBefore } = await crashThenRecover('create', 'create:before');
    expect(openBefore).toEqual([['create', 'pending']]);
    expect(report).toMatchObject({ checked: 1, resolved: 1 });
    const row = expectAgreement(reference);
    expect(row.status).toBe('WAITING');
    expect(sim.payments.get(reference)?.events[0]?.idempotencyKey).toBe(
      h!.journal.operations.forReference(reference)[0]!.idempotencyKey,
    );
    // Approved after the restart: the cashier decides (nothing is captured behind their back).
    sim.customer.approve(reference);
    const v = await h!.waitFor(reference, (p) => p.status === 'DECISION_NEEDED');
    expect(v.attention).toBe('LATE_APPROVAL');
    await h!.engine.resolve({ reference, action: 'complete' });
    expectAgreement(reference);
    expect(sim.ledger.total('capture', reference)).toBe(12_000);
  });

  it('before the request went out, and too long ago to send now: marked failed, nothing at Vipps', async () => {
    const { reference, report } = await crashThenRecover('create', 'create:before', {
      createResendWindowMs: 0,
    });
    expect(report).toMatchObject({ checked: 1, resolved: 1, needsAttention: 0 });
    const row = expectAgreement(reference);
    expect(row.status).toBe('FAILED');
    expect(sim.payments.get(reference)).toBeUndefined();
    expect(h!.journal.operations.forReference(reference)[0]).toMatchObject({
      status: 'failed',
      requestBody: null,
    });
  });

  it('after Vipps created it: found, not created again', async () => {
    const { reference, openBefore } = await crashThenRecover('create', 'create:after');
    expect(openBefore).toEqual([['create', 'pending']]);
    const row = expectAgreement(reference);
    expect(row.status).toBe('WAITING');
    const create = h!.journal.operations.forReference(reference)[0]!;
    expect(create).toMatchObject({ status: 'succeeded', requestBody: null, attempts: 1 });
    // Only the child's one request ever went out with this key: recovery read, it did not re-send.
    expect(sim.requests.list().filter((r) => r.idempotencyKey === create.idempotencyKey)).toHaveLength(1);
    expect(sim.payments.list().filter((p) => p.reference === reference)).toHaveLength(1);
  });
});

describe('killed during capture', () => {
  it('before the request went out: the journaled capture is sent once with its key', async () => {
    const { reference, openBefore } = await crashThenRecover('capture', 'capture:before');
    expect(openBefore).toEqual([['capture', 'pending']]);
    const row = expectAgreement(reference);
    expect(row.status).toBe('COMPLETED');
    expect(sim.ledger.total('capture', reference)).toBe(12_000);
  });

  it('after Vipps captured: read from the event log, not captured again', async () => {
    const { reference } = await crashThenRecover('capture', 'capture:after');
    const captures = () => sim.requests.list().filter((r) => r.operation === 'capturePayment').length;
    const row = expectAgreement(reference);
    expect(row.status).toBe('COMPLETED');
    expect(sim.ledger.forReference(reference).filter((e) => e.kind === 'capture')).toHaveLength(1);
    const before = captures();
    await h!.engine.recover();
    expect(captures()).toBe(before);
  });
});

describe('killed during cancel', () => {
  it('before the request went out: the cancel is sent and the sale ends CANCELLED', async () => {
    const { reference, openBefore } = await crashThenRecover('cancel', 'cancel:before');
    expect(openBefore).toEqual([['cancel', 'pending']]);
    expect(expectAgreement(reference).status).toBe('CANCELLED');
  });

  it('after Vipps cancelled: CANCELLED from what Vipps reports', async () => {
    const { reference } = await crashThenRecover('cancel', 'cancel:after');
    expect(expectAgreement(reference).status).toBe('CANCELLED');
    expect(sim.payments.get(reference)?.state).toBe('TERMINATED');
  });
});

describe('killed during refund', () => {
  it('before the request went out: refunded once with the journaled key', async () => {
    const { reference, openBefore } = await crashThenRecover('refund', 'refund:before');
    expect(openBefore).toEqual([['refund', 'pending']]);
    const row = expectAgreement(reference);
    expect(row).toMatchObject({
      status: 'COMPLETED',
      aggregate: expect.objectContaining({ refunded: 2000 }),
    });
    // The cashier's dialog retrying the same request after the restart changes nothing.
    await h!.engine.refund({ reference, amount: 2000, reason: 'Crash test', requestId: 'refund-crash-0001' });
    expect(sim.ledger.total('refund', reference)).toBe(2000);
  });

  it('after Vipps refunded: found in the event log, not refunded twice', async () => {
    const { reference } = await crashThenRecover('refund', 'refund:after');
    const row = expectAgreement(reference);
    expect(row.aggregate.refunded).toBe(2000);
    expect(sim.ledger.forReference(reference).filter((e) => e.kind === 'refund')).toHaveLength(1);
  });
});

describe('Vipps unreachable during recovery', () => {
  it('the sale shows UNKNOWN, recovery still ends, and it settles once Vipps answers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pos-crash-'));
    const file = join(dir, 'journal.db');
    const child = await runEngineChild({
      JOURNAL_FILE: file,
      SIM_URL: sim.url,
      SCENARIO: 'capture',
      CRASH_AT: 'capture:after',
    });
    expect(child.signal).toBe('SIGKILL');
    h = await startEngineHarness({ sim, dir, recover: false, settings: { counterId: 'lane7' } });
    const outage = sim.faults.add({ kind: 'status', status: 503 });
    const [row] = h.journal.payments.search(paymentQuery({ limit: 1 })).rows;
    const report = await h.engine.recover();
    expect(report).toEqual({ checked: 1, resolved: 0, needsAttention: 1 });
    expect(h.view(row!.reference)).toMatchObject({ status: 'UNKNOWN', attention: 'OUTCOME_UNKNOWN' });
    // New work is accepted (the counter is not locked forever), but this sale is still being checked.
    await expect(h.engine.cancel(row!.reference)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    outage.remove();
    await h.waitFor(row!.reference, (p) => p.status === 'COMPLETED');
    expectAgreement(row!.reference);
    expect(sim.ledger.forReference(row!.reference).filter((e) => e.kind === 'capture')).toHaveLength(1);
  });
});
