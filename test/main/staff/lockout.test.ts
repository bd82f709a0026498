import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPosFailure } from '../../../src/main/errors';
import { openJournal } from '../../../src/main/journal';
import { silentLogger } from '../../../src/main/log';
import { lockDurationMs } from '../../../src/main/staff/lockout';
import { openStaffTools, type StaffTools } from '../../../src/main/staff/tools';
import type { Environment } from '../../../src/preload/contract';

const dirs: string[] = [];
const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-lockout-'));
  dirs.push(dir);
  return join(dir, 'journal.sqlite');
}

/** The staff tools on a real journal file, as the app opens them, with a clock the test moves. */
async function openTools(file: string, environment: Environment, clock: { now: Date }): Promise<StaffTools> {
  const journal = openJournal(file);
  const tools = await openStaffTools({
    journal,
    environment,
    logger: silentLogger,
    alert: () => {},
    clock: () => clock.now,
  });
  open.push({ close: () => tools.stop() }, journal);
  return tools;
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isPosFailure(error)) return error.toPosError();
    throw error;
  }
  throw new Error('expected a failure');
}

describe('PIN lockout', () => {
  it('grows the wait: none for the first four failures, then 30 s doubling up to 15 min', () => {
    expect([1, 4, 5, 6, 7, 10, 20].map(lockDurationMs)).toEqual([
      0, 0, 30_000, 60_000, 120_000, 900_000, 900_000,
    ]);
  });

  it('locks after five wrong PINs, refuses even the right PIN while locked, survives a restart, and resets on success', async () => {
    const file = tempFile();
    const clock = { now: new Date('2026-11-25T10:00:00Z') };
    let tools = await openTools(file, 'training', clock);
    for (let i = 0; i < 4; i++) {
      expect(await failure(tools.staff.signIn('0000'))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await failure(tools.staff.signIn('0000'))).toMatchObject({ code: 'FORBIDDEN' });
    const locked = await failure(tools.staff.signIn('1234'));
    expect(locked).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      details: { retryAt: '2026-11-25T10:00:30.000Z' },
    });
    // Approvals share the budget: a manager PIN is not even compared while locked.
    expect(await failure(tools.staff.authorize('refund', { pin: '1234' }))).toMatchObject({
      code: 'RATE_LIMITED',
    });

    // Restart: same file, new connection and service.
    for (const o of open.splice(0)) o.close();
    tools = await openTools(file, 'training', clock);
    expect(await failure(tools.staff.signIn('1234'))).toMatchObject({ code: 'RATE_LIMITED' });

    clock.now = new Date('2026-11-25T10:00:31Z');
    expect(await failure(tools.staff.signIn('0000'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(tools.staff.signIn('1234'))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAt: '2026-11-25T10:01:31.000Z' },
    });

    clock.now = new Date('2026-11-25T10:02:00Z');
    expect((await tools.staff.signIn('1234')).staff?.role).toBe('manager');
    // Reset: the next mistake is a plain wrong PIN again, not a lock.
    expect(await failure(tools.staff.signIn('0000'))).toMatchObject({ code: 'FORBIDDEN' });
    const actions = tools.staff.audit({ limit: 500 }).items.map((e) => e.action);
    expect(actions.filter((a) => a === 'pin-lockout')).toHaveLength(2);
  });
});

describe('first manager outside training', () => {
  it('has nobody to approve until the first manager is created in settings', async () => {
    const clock = { now: new Date('2026-11-25T10:00:00Z') };
    const tools = await openTools(tempFile(), 'production', clock);
    expect(tools.staff.session()).toMatchObject({ staff: null, bootstrapNeeded: true, trainingPin: null });
    expect(await failure(tools.staff.authorize('refund', undefined))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/first manager/),
    });
    // Settings stay reachable so the shop can enter credentials and create the manager.
    expect(await tools.staff.authorize('settings', undefined)).toMatchObject({ name: 'counter' });
    expect(await failure(tools.staff.bootstrap({ name: 'Kari', pin: '12' }))).toMatchObject({
      code: 'VALIDATION',
    });

    const session = await tools.staff.bootstrap({ name: ' Kari ', pin: '640213' });
    expect(session).toMatchObject({ staff: { name: 'Kari', role: 'manager' }, bootstrapNeeded: false });
    expect(await failure(tools.staff.bootstrap({ name: 'Eve', pin: '111111' }))).toMatchObject({
      code: 'INVALID_STATE',
    });
    tools.staff.signOut();
    expect(await failure(tools.staff.authorize('settings', undefined))).toMatchObject({
      code: 'FORBIDDEN',
      details: { approval: 'required' },
    });
    expect(await tools.staff.authorize('settings', { pin: '640213' })).toMatchObject({
      name: 'counter',
      approvedBy: { name: 'Kari' },
    });
  });

  it('refuses a PIN another active member already uses, and a cashier PIN as approval', async () => {
    const clock = { now: new Date('2026-11-25T10:00:00Z') };
    const tools = await openTools(tempFile(), 'test', clock);
    const { staff } = await tools.staff.bootstrap({ name: 'Kari', pin: '640213' });
    const actor = { id: staff!.id, name: 'Kari', role: 'manager' as const };
    expect(
      await failure(tools.staff.save({ name: 'Ola', role: 'cashier', pin: '640213' }, actor)),
    ).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'pin' },
    });
    await tools.staff.save({ name: 'Ola', role: 'cashier', pin: '5511' }, actor);
    tools.staff.signOut();
    expect(await failure(tools.staff.authorize('release', { pin: '5511' }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { approval: 'rejected' },
    });
  });
});
