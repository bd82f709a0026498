/**
 * Issue 11 §1: a burst of PIN guesses through the real handler map, on a real journal file with
 * real scrypt. Every attempt is counted before it is verified, so the burst gets no more checks
 * than the budget, the right PIN inside the burst is refused, and the lock survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { FREE_FAILURES } from '../../../src/main/staff/lockout';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import { type StaffCore, startStaffCore } from './staff-core';

/** Counts real scrypt runs: the cost of PIN checking is the number of hashes. */
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (...args: Parameters<typeof real.scrypt>) => {
    hashes.count++;
    return real.scrypt(...args);
  };
  return { ...real, default: { ...real, scrypt }, scrypt };
});

let simulator: Simulator;
let dataDir: string;
const cores: StaffCore[] = [];
beforeEach(async () => {
  simulator = await startSimulator();
  dataDir = mkdtempSync(join(tmpdir(), 'pos-burst-'));
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await simulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<StaffCore> {
  const c = await startStaffCore({ dataDir, baseUrlOverride: simulator.url });
  cores.push(c);
  return c;
}

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

it('a concurrent burst of wrong PINs with the right one last: only the budget is verified, the right PIN is refused, the lock survives a restart', async () => {
  const c = await start();
  // Another member, so a PIN check that tried everyone would show as extra hashes.
  await c.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  await c.value('pos:staff:save', { name: 'Ola', role: 'cashier', pin: '5511' });
  await c.value('pos:staff:save', { name: 'Kim', role: 'cashier', pin: '5512' });
  await c.value('pos:staff:sign-out', {});

  hashes.count = 0;
  const wrong = Array.from({ length: 10 }, (_, i) => `90${String(i).padStart(2, '0')}`);
  const burst = await Promise.all([
    // Sign-in and manager approvals draw on the same budget.
    ...wrong.map((pin, i) =>
      i % 2 === 0 ? c.call('pos:staff:sign-in', { pin }) : c.call('pos:staff:list', { approval: { pin } }),
    ),
    c.call('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin }),
  ]);
  const codes = burst.map(codeOf);
  expect(codes.filter((code) => code === 'FORBIDDEN')).toHaveLength(FREE_FAILURES);
  expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(burst.length - FREE_FAILURES);
  expect(codes.at(-1)).toBe('RATE_LIMITED');
  // One hash per verified attempt, whatever the number of staff; none for a refused one.
  expect(hashes.count).toBe(FREE_FAILURES);
  expect((await c.value('pos:staff:session', {})).staff).toBeNull();

  await c.close();
  cores.splice(0);
  const again = await start();
  hashes.count = 0;
  expect(codeOf(await again.call('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin }))).toBe('RATE_LIMITED');
  expect(hashes.count).toBe(0);
});

it('sequentially, as before: four wrong PINs, then the right one signs in and resets the count', async () => {
  const c = await start();
  for (let i = 0; i < FREE_FAILURES - 1; i++) {
    expect(codeOf(await c.call('pos:staff:sign-in', { pin: '0000' }))).toBe('FORBIDDEN');
  }
  expect((await c.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin })).staff?.role).toBe('manager');
  for (let i = 0; i < FREE_FAILURES - 1; i++) {
    expect(codeOf(await c.call('pos:staff:sign-in', { pin: '0000' }))).toBe('FORBIDDEN');
  }
  expect(codeOf(await c.call('pos:staff:sign-in', { pin: '0000' }))).toBe('FORBIDDEN');
  expect(codeOf(await c.call('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin }))).toBe('RATE_LIMITED');
});

it('a member from before lookup keys is still found by PIN (once the slow way), and cannot come back with a PIN in use', async () => {
  const c = await start();
  await c.value('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
  const ola = await c.value('pos:staff:save', { name: 'Ola', role: 'cashier', pin: '5511' });
  await c.value('pos:staff:save', { id: ola.id, active: false });
  // Another member takes Ola's PIN while Ola is away; Ola may not come back with it.
  await c.value('pos:staff:save', { name: 'Kim', role: 'cashier', pin: '5511' });
  expect(await c.call('pos:staff:save', { id: ola.id, active: true })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: { field: 'pin' } },
  });
  await c.value('pos:staff:sign-out', {});
  // Kim's row as an older version wrote it: no lookup key.
  const file = new Database(join(dataDir, 'journal-training.sqlite'));
  file.prepare("UPDATE staff SET pin_lookup = NULL WHERE name = 'Kim'").run();
  file.close();
  expect((await c.value('pos:staff:sign-in', { pin: '5511' })).staff?.name).toBe('Kim');
  hashes.count = 0;
  await c.value('pos:staff:sign-out', {});
  expect((await c.value('pos:staff:sign-in', { pin: '5511' })).staff?.name).toBe('Kim');
  expect(hashes.count).toBe(1);
});
