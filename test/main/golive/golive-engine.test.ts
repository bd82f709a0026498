/**
 * Go-live evidence goes through the payment engine and its journal like every sale: the write-ahead
 * witness at the simulator sees each create, capture, refund and cancel's intent committed before
 * the request (no exemption for go-live traffic), every movement at Vipps belongs to a journaled
 * intent with the same key, the payments are marked as go-live tests, the counter's own sale is
 * left alone, and a run killed half-way is reconciled by the next start like any sale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runGoLive } from '../../../src/main/golive';
import { ALL_COUNTERS, dayReportBuilder } from '../../../src/main/reports/day-report';
import { localDate } from '../../../src/main/reports/local-day';
import { createWatchdog } from '../../../src/main/reports/watchdog';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { runEngineChild } from '../../support/crash';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let sim: Simulator;
let h: EngineHarness | undefined;
let dir: string | undefined;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function run(harness: EngineHarness) {
  return runGoLive({
    payments: harness.engine,
    client: harness.vipps,
    environment: 'training',
    merchantSerialNumber: sim.credentials.merchantSerialNumber,
    currency: 'NOK',
    phone: '4791234567',
    pollMs: 10,
  });
}

/** Every movement Vipps made for these references belongs to a succeeded intent with its key. */
function expectMovementsJournaled(harness: EngineHarness, references: readonly string[]): void {
  for (const reference of references) {
    const ops = harness.journal.operations.forReference(reference);
    for (const entry of sim.ledger.forReference(reference).filter((e) => e.kind !== 'authorize')) {
      const op = ops.find((o) => o.idempotencyKey === entry.idempotencyKey);
      expect(op, `${reference} ${entry.kind} has no intent`).toBeDefined();
      expect(op).toMatchObject({ status: 'succeeded', amount: entry.amount });
    }
  }
}

describe('go-live scenarios through the engine (in process)', () => {
  it('journals every money call before it is sent, and marks the payments as go-live tests', async () => {
    h = await startEngineHarness({ sim });
    const sale = await h.engine.start({ amount: 4_990, flow: 'QR' });
    const before = { ...h.writeAhead.checked };

    const report = await run(h);

    expect(report.ok, report.text).toBe(true);
    const checked = Object.fromEntries(
      Object.entries(h.writeAhead.checked).map(([k, n]) => [k, n - before[k as keyof typeof before]]),
    );
    expect(checked).toMatchObject({ create: 4, capture: 2, refund: 1, cancel: 1 });
    expect(h.writeAhead.violations).toEqual([]);

    const references = report.rows.map((r) => r.reference);
    for (const row of report.rows) {
      const payment = h.journal.payments.get(row.reference)!;
      expect(payment).toMatchObject({ goLive: row.scenario, dismissed: true, attention: null });
      const kinds = h.journal.operations.forReference(row.reference).map((o) => [o.kind, o.status]);
      expect(kinds[0]).toEqual(['create', 'succeeded']);
      expect(
        new Set(h.journal.operations.forReference(row.reference).map((o) => o.idempotencyKey)).size,
      ).toBe(kinds.length);
    }
    expectMovementsJournaled(h, references);
    // The AUTHORIZED scenario stays reserved on purpose: never captured by the engine's capture-now
    // policy, and nobody is asked to decide about it.
    const authorized = h.journal.payments.get(references[0]!)!;
    expect(authorized).toMatchObject({ status: 'RESERVED', aggregate: { captured: 0 } });
    expect(h.engine.attention().map((p) => p.reference)).not.toContain(authorized.reference);

    // History shows them, marked; the counter's own sale is still the active one.
    const history = h.engine.search({});
    expect(history.items.filter((p) => p.goLive !== null).map((p) => [p.reference, p.goLive])).toEqual(
      expect.arrayContaining(report.rows.map((r) => [r.reference, r.scenario])),
    );
    expect(history.items.find((p) => p.reference === sale.reference)?.goLive).toBeNull();
    expect(h.engine.active()?.reference).toBe(sale.reference);

    // The day's figures are the shop's sales: go-live payments, captures and refunds are not among
    // them, and their deliberate reservation is no open item or watchdog alert.
    expect(h.engine.summary({}).currencies).toEqual([]);
    const day = dayReportBuilder(h.journal.connection)({
      date: localDate(new Date()),
      counterId: ALL_COUNTERS,
      now: new Date(),
    });
    expect(day.byStatus.map((s) => [s.status, s.count])).toEqual([['WAITING', 1]]);
    expect(day.money).toEqual([]);
    expect(day.refunds).toEqual([]);
    expect(day.openItems.map((i) => i.reference)).not.toContain(authorized.reference);
    const watchdog = createWatchdog({ journal: h.journal, now: () => new Date(), alert: () => {} });
    expect(watchdog.list().map((r) => r.payment.reference)).not.toContain(authorized.reference);
    watchdog.stop();
  });
});

describe('go-live scenarios when an answer is lost', () => {
  it('waits for the engine to settle the operation with its stored key; Vipps moves the money once', async () => {
    // One attempt per call, so a slow answer on a busy machine must not read as the lost one: the
    // fault drops the socket at once, the timeout only has to outlast the load.
    h = await startEngineHarness({ sim, retry: { maxAttempts: 1 }, timeoutMs: 15_000 });
    // The REFUNDED scenario's capture: its refund may only follow once the capture is decided.
    const lost = sim.faults.add({
      kind: 'lost-response',
      match: { path: /-refunded\/capture$/ },
      times: 1,
    });
    const report = await run(h);
    expect(lost.fired()).toBe(1);
    lost.remove();
    expect(report.ok, report.text).toBe(true);
    const captured = report.rows.find((r) => r.scenario === 'REFUNDED')!.reference;
    const capture = h.journal.operations.forReference(captured).filter((o) => o.kind === 'capture');
    expect(capture.map((o) => o.status)).toEqual(['succeeded']);
    expect(sim.ledger.forReference(captured).filter((e) => e.kind === 'capture')).toEqual([
      expect.objectContaining({ amount: 1000, idempotencyKey: capture[0]!.idempotencyKey }),
    ]);
    expectMovementsJournaled(
      h,
      report.rows.map((r) => r.reference),
    );
    expect(h.writeAhead.violations).toEqual([]);
  });
});

describe('a go-live run killed half-way', () => {
  it.each(['capture:after', 'refund:before', 'cancel:after'])(
    'killed at %s: the next start reconciles its operations with the stored keys',
    async (crashAt) => {
      dir = mkdtempSync(join(tmpdir(), 'pos-golive-crash-'));
      h = await startEngineHarness({ sim, dir, recover: false });
      await h.shutdown();
      const child = await runEngineChild({
        JOURNAL_FILE: h.file,
        SIM_URL: sim.url,
        SCENARIO: 'golive',
        CRASH_AT: crashAt,
      });
      expect(child.signal, `${child.stdout}\n${child.stderr}`).toBe('SIGKILL');
      expect(child.stdout).toContain(`crash ${crashAt}`);

      h = await startEngineHarness({ sim, dir, recover: false });
      const [kind] = crashAt.split(':');
      const open = h.journal.operations.open();
      expect(open.map((o) => o.kind)).toEqual([kind]);
      const reference = open[0]!.reference;
      const key = open[0]!.idempotencyKey;
      expect(h.journal.payments.get(reference)?.goLive).not.toBeNull();

      const recovered = await h.engine.recover();
      expect(recovered.checked).toBeGreaterThanOrEqual(1);
      expect(h.journal.operations.open()).toEqual([]);
      const settled = h.journal.operations.forReference(reference).filter((o) => o.kind === kind);
      // One intent, decided with the key written before the crash; Vipps moved the money once.
      expect(settled.map((o) => [o.idempotencyKey, o.status])).toEqual([[key, 'succeeded']]);
      const moved = sim.ledger.forReference(reference).filter((e) => e.kind === kind);
      expect(moved.map((e) => e.idempotencyKey)).toEqual([key]);
      expectMovementsJournaled(h, [reference]);
      expect(h.writeAhead.violations).toEqual([]);
    },
    40_000,
  );
});
