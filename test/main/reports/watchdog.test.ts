import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { CARD_SAFE_DAYS } from '../../../src/main/reports/watchdog';
import { openStaffTools, type StaffTools } from '../../../src/main/staff/tools';
import type { AlertEvent } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

const DAY = 24 * 60 * 60_000;
let h: EngineHarness | undefined;
let tools: StaffTools | undefined;
afterEach(async () => {
  tools?.stop();
  await h?.close();
  h = tools = undefined;
});

async function reserve(harness: EngineHarness, counterId: string, currency: 'NOK' | 'DKK', amount: number) {
  harness.settings.counterId = counterId;
  harness.settings.currency = currency;
  const sale = await harness.engine.start({ amount, flow: 'QR' });
  harness.sim.customer.approve(sale.reference);
  return harness.waitFor(sale.reference, (v) => v.status === 'RESERVED', 'RESERVED');
}

describe('reservation watchdog (engine + simulator + SQLite journal)', () => {
  it('lists uncaptured reservations with age and deadlines, alerts once per step, and empties through capture and release', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const nok = await reserve(h, 'lane1', 'NOK', 4_000);
    const dkk = await reserve(h, 'lane2', 'DKK', 2_500);
    const clock = { now: new Date() };
    const alerts: AlertEvent[] = [];
    tools = await openStaffTools({
      journal: h.journal,
      environment: 'test',
      logger: silentLogger,
      alert: (a) => alerts.push(a),
      clock: () => clock.now,
    });

    const fresh = tools.watchdog.scan();
    expect(fresh.map((r) => [r.payment.reference, r.urgency, r.ageHours])).toEqual([
      [nok.reference, 'ok', 0],
      [dkk.reference, 'ok', 0],
    ]);
    const nokView = fresh[0]!;
    const authorized = new Date(nokView.authorizedAt).getTime();
    expect(Math.abs(authorized - new Date(nok.updatedAt).getTime())).toBeLessThan(60_000);
    // Documented deadlines: 180 days in Norway, 14 in Denmark; 7 days is safe for every card.
    expect(new Date(nokView.deadline).getTime() - authorized).toBe(180 * DAY);
    expect(new Date(fresh[1]!.deadline).getTime() - new Date(fresh[1]!.authorizedAt).getTime()).toBe(
      14 * DAY,
    );
    expect(new Date(nokView.safeUntil).getTime() - authorized).toBe(CARD_SAFE_DAYS * DAY);
    expect(alerts).toEqual([]);

    clock.now = new Date(authorized + 5.5 * DAY);
    expect(tools.watchdog.scan().map((r) => r.urgency)).toEqual(['soon', 'soon']);
    tools.watchdog.scan();
    expect(alerts.map((a) => [a.kind, a.reference])).toEqual([
      ['ATTENTION', nok.reference],
      ['ATTENTION', dkk.reference],
    ]);

    clock.now = new Date(authorized + 8 * DAY);
    const late = tools.watchdog.scan();
    expect(late[0]).toMatchObject({ urgency: 'overdue', ageHours: 192 });
    expect(alerts).toHaveLength(4);
    expect(alerts[2]!.message).toMatch(/older than 7 days/);

    h.settings.counterId = 'lane1';
    await h.engine.capture({ reference: nok.reference });
    await h.engine.resolve({ reference: dkk.reference, action: 'release' });
    expect(tools.watchdog.list()).toEqual([]);
    expect(h.sim.ledger.forReference(nok.reference).map((e) => e.kind)).toEqual(['authorize', 'capture']);
    expect(h.sim.ledger.forReference(dkk.reference).map((e) => e.kind)).toEqual(['authorize', 'cancel']);
  });
});
