/**
 * Issue 11 §2: a staff session ends after the manager's idle time without input (default 5 min),
 * when the OS locks or sleeps, and at restart; while a manager is signed in, protected actions are
 * audited under the manager's name. Driven through the real handler map with a clock the test moves.
 */
import { afterEach, expect, it } from 'vitest';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import type { AuditEntryView as AuditEntry } from '../../../src/preload/contract';
import { type StaffCore, startStaffCore } from './staff-core';

const clock = { now: new Date('2026-11-30T09:00:00.000Z') };
const at = (minutes: number, seconds = 0) => {
  clock.now = new Date(Date.parse('2026-11-30T09:00:00.000Z') + (minutes * 60 + seconds) * 1000);
};

let c: StaffCore | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  at(0);
});

async function start(): Promise<StaffCore> {
  c = await startStaffCore({ clock: () => clock.now });
  return c;
}

async function audit(core: StaffCore, action: string): Promise<AuditEntry[]> {
  await core.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  const page = await core.value('pos:staff:audit', { action, limit: 50 });
  return page.items;
}

it('ends a session after 5 minutes without input; input starts the idle time again', async () => {
  const core = await start();
  const signedIn = await core.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  expect(signedIn).toMatchObject({
    staff: { name: TRAINING_MANAGER.name, role: 'manager' },
    idleMinutes: 5,
    expiresAt: '2026-11-30T09:05:00.000Z',
  });

  at(4, 59);
  expect((await core.value('pos:staff:activity', {})).expiresAt).toBe('2026-11-30T09:09:59.000Z');
  at(9, 58);
  expect((await core.value('pos:staff:session', {})).staff?.name).toBe(TRAINING_MANAGER.name);
  at(9, 59);
  expect(await core.value('pos:staff:session', {})).toMatchObject({ staff: null, expiresAt: null });
  // Activity after the end does not bring the session back.
  expect((await core.value('pos:staff:activity', {})).staff).toBeNull();
  // Nobody is signed in now: a manager-only call asks for a PIN again.
  expect(await core.call('pos:staff:list', {})).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN', details: { approval: 'required' } },
  });
  const signOuts = await audit(core, 'sign-out');
  expect(signOuts.map((e) => e.details.reason)).toContain('idle');
});

it('uses the idle time a manager sets, and ends the session when the OS locks', async () => {
  const core = await start();
  await core.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  expect(await core.value('pos:staff:policy-save', { policy: {}, idleMinutes: 2 })).toMatchObject({
    idleMinutes: 2,
    expiresAt: '2026-11-30T09:02:00.000Z',
  });
  at(2);
  expect((await core.value('pos:staff:session', {})).staff).toBeNull();

  await core.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  expect((await core.value('pos:staff:sign-out', { reason: 'lock' })).staff).toBeNull();
  const signOuts = await audit(core, 'sign-out');
  expect(signOuts.map((e) => e.details.reason)).toEqual(expect.arrayContaining(['idle', 'lock']));
  const changes = await audit(core, 'policy-change');
  expect(changes[0]?.details).toMatchObject({ idleMinutes: 2 });
});

it('a manager approval is one-shot: it leaves nobody signed in', async () => {
  const core = await start();
  expect(await core.value('pos:staff:list', { approval: { pin: TRAINING_MANAGER.pin } })).not.toHaveLength(0);
  expect((await core.value('pos:staff:session', {})).staff).toBeNull();
});

it('while a manager is signed in, protected actions are audited under the manager’s name', async () => {
  const core = await start();
  const sale = await core.paidSale(2000);
  await core.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  await core.value('pos:payment:refund', {
    reference: sale.reference,
    amount: 500,
    reason: 'Damaged cup',
    requestId: 'refund-req-0001',
  });
  await core.value('pos:settings:save', { counterId: 'kasse-9' });
  const entries = (await core.value('pos:staff:audit', { limit: 100 })).items;
  for (const action of ['refund', 'settings-change']) {
    expect(
      entries.find((e) => e.action === action),
      action,
    ).toMatchObject({ actor: TRAINING_MANAGER.name, details: { role: 'manager' } });
  }
});
