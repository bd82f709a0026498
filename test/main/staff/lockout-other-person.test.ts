/**
 * Wrong PINs cannot be laundered with someone else's right one: a cashier who alternates guesses at
 * the manager approval prompt (or at sign-in) with their own correct PIN still runs into the lock,
 * because only a manager's correct PIN clears the counter's count. The count also clears by itself
 * after an hour without PIN entries, so the cashiers' own slips do not pile up for days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPosFailure } from '../../../src/main/errors';
import { openJournal } from '../../../src/main/journal';
import { silentLogger } from '../../../src/main/log';
import { FREE_FAILURES } from '../../../src/main/staff/lockout';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import { openStaffTools, type StaffTools } from '../../../src/main/staff/tools';

const dirs: string[] = [];
const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function openTools(clock: { now: Date }): Promise<StaffTools> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-lockout-other-'));
  dirs.push(dir);
  const journal = openJournal(join(dir, 'journal.sqlite'));
  const tools = await openStaffTools({
    journal,
    environment: 'training',
    logger: silentLogger,
    alert: () => {},
    clock: () => clock.now,
  });
  open.push({ close: () => tools.stop() }, journal);
  return tools;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (isPosFailure(error)) return error.code;
    throw error;
  }
}

const CASHIER_PIN = '5511';

/** Training tools with a cashier, Ola, signed in at the counter. */
async function cashierAtCounter(clock: { now: Date }): Promise<StaffTools> {
  const tools = await openTools(clock);
  const { staff } = await tools.staff.signIn(TRAINING_MANAGER.pin);
  await tools.staff.save(
    { name: 'Ola', role: 'cashier', pin: CASHIER_PIN },
    {
      id: staff!.id,
      name: staff!.name,
      role: 'manager',
    },
  );
  expect((await tools.staff.signIn(CASHIER_PIN)).staff?.name).toBe('Ola');
  return tools;
}

describe('a correct PIN of another person does not reset the failures', () => {
  it('guesses at the approval prompt alternated with the cashier signing in again still lock', async () => {
    const clock = { now: new Date('2026-11-30T10:00:00Z') };
    const tools = await cashierAtCounter(clock);
    const outcomes: string[] = [];
    let guess = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < FREE_FAILURES - 1; i++) {
        const pin = String(2000 + guess++);
        outcomes.push(await code(tools.staff.authorize('refund', { pin })));
      }
      outcomes.push(await code(tools.staff.signIn(CASHIER_PIN)));
    }
    // Five guesses, then the counter is locked: the cashier's own PIN did not buy more.
    expect(outcomes.slice(0, FREE_FAILURES)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'OK',
    ]);
    expect(outcomes.filter((o) => o === 'FORBIDDEN')).toHaveLength(FREE_FAILURES);
    expect(outcomes.at(-1)).toBe('RATE_LIMITED');
    expect(await code(tools.staff.authorize('refund', { pin: TRAINING_MANAGER.pin }))).toBe('RATE_LIMITED');
  });

  it("the cashier's own PIN typed into the manager prompt is refused and resets nothing", async () => {
    const clock = { now: new Date('2026-11-30T10:00:00Z') };
    const tools = await cashierAtCounter(clock);
    const outcomes: string[] = [];
    for (let i = 0; i < 2 * FREE_FAILURES; i++) {
      const pin = i % 2 === 0 ? String(3000 + i) : CASHIER_PIN;
      outcomes.push(await code(tools.staff.authorize('refund', { pin })));
    }
    expect(outcomes.at(-1)).toBe('RATE_LIMITED');
    expect(outcomes.filter((o, i) => o === 'FORBIDDEN' && i % 2 === 0)).toHaveLength(FREE_FAILURES);
  });

  it("a manager's correct PIN still clears the count, and an hour without PIN entries clears it too", async () => {
    const clock = { now: new Date('2026-11-30T10:00:00Z') };
    const tools = await cashierAtCounter(clock);
    const wrongs = async (n: number) => {
      for (let i = 0; i < n; i++) expect(await code(tools.staff.signIn('0000'))).toBe('FORBIDDEN');
    };
    await wrongs(FREE_FAILURES - 1);
    expect(await code(tools.staff.authorize('refund', { pin: TRAINING_MANAGER.pin }))).toBe('OK');
    await wrongs(FREE_FAILURES - 1);
    // An hour later the slips of the morning no longer count.
    clock.now = new Date('2026-11-30T11:00:01Z');
    await wrongs(FREE_FAILURES - 1);
    expect(await code(tools.staff.signIn(CASHIER_PIN))).toBe('OK');
    expect(await code(tools.staff.signIn('0000'))).toBe('FORBIDDEN');
    expect(await code(tools.staff.signIn(CASHIER_PIN))).toBe('RATE_LIMITED');
  });
});
