import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { POLICY_FILE } from '../../../src/main/settings/it-policy';
import {
  crashDumpDir,
  recentCrashDumps,
  startLocalCrashReports,
} from '../../../src/main/windows/crash-reports';
import { applyStartOnLogin } from '../../../src/main/windows/login-item';
import { placeCustomerWindow } from '../../../src/main/windows/placement';
import {
  displayOf,
  loadWindowState,
  restoredCashierBounds,
  saveWindowState,
} from '../../../src/main/windows/window-state';

const dataDir = () => mkdtempSync(join(tmpdir(), 'pos-desktop-life-'));
const display = (id: number, x: number, width = 1920, height = 1080) => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
});

describe('start on login', () => {
  function run(policy: unknown, platform: NodeJS.Platform = 'win32') {
    const dir = dataDir();
    if (policy !== undefined) writeFileSync(join(dir, POLICY_FILE), JSON.stringify(policy));
    const calls: { openAtLogin: boolean }[] = [];
    const result = applyStartOnLogin({
      app: { setLoginItemSettings: (s) => calls.push(s) },
      dataDir: dir,
      platform,
      logger: silentLogger,
    });
    return { result, calls };
  }

  it('follows the counter policy on Windows and macOS, and clears it when the policy says no', () => {
    expect(run({ startOnLogin: true })).toEqual({ result: true, calls: [{ openAtLogin: true }] });
    expect(run({ startOnLogin: true }, 'darwin').calls).toEqual([{ openAtLogin: true }]);
    expect(run({ startOnLogin: false }).calls).toEqual([{ openAtLogin: false }]);
    expect(run(undefined).calls).toEqual([{ openAtLogin: false }]);
    expect(run({ startOnLogin: 'yes' }).calls).toEqual([{ openAtLogin: false }]);
  });

  it('does nothing on Linux, where Electron has no login items', () => {
    expect(run({ startOnLogin: true }, 'linux')).toEqual({ result: null, calls: [] });
  });
});

describe('crash reports stay local', () => {
  it('points Electron at <dataDir>/crashes and never uploads', () => {
    const dir = dataDir();
    const paths: [string, string][] = [];
    const started: unknown[] = [];
    const where = startLocalCrashReports({
      app: { setPath: (name, path) => paths.push([name, path]) },
      crashReporter: { start: (options) => started.push(options) },
      dataDir: dir,
    });
    expect(where).toBe(join(dir, 'crashes'));
    expect(paths).toEqual([['crashDumps', join(dir, 'crashes')]]);
    expect(started).toEqual([{ uploadToServer: false, compress: true }]);
  });

  it('lists the newest minidumps for the support bundle, newest first', () => {
    const dir = dataDir();
    const completed = join(crashDumpDir(dir), 'completed');
    mkdirSync(completed, { recursive: true });
    for (const [name, day] of [
      ['a.dmp', 1],
      ['b.dmp', 3],
      ['c.dmp', 2],
      ['notes.txt', 4],
    ] as const) {
      writeFileSync(join(completed, name), 'MDMP');
      const at = new Date(Date.UTC(2026, 10, day));
      utimesSync(join(completed, name), at, at);
    }
    const dumps = recentCrashDumps(dir, 2);
    expect(dumps.map((d) => d.file)).toEqual([
      join('crashes', 'completed', 'b.dmp'),
      join('crashes', 'completed', 'c.dmp'),
    ]);
    expect(dumps[0]).toMatchObject({ bytes: 4, at: '2026-11-03T00:00:00.000Z' });
    expect(recentCrashDumps(dataDir())).toEqual([]);
  });
});

describe('window life', () => {
  it('remembers the cashier window and restores it only where a screen still shows it', () => {
    const dir = dataDir();
    expect(loadWindowState(dir)).toEqual({});
    saveWindowState(dir, {
      cashier: { x: 1930, y: 20, width: 1280, height: 820, maximized: true },
      customerDisplayId: 7,
    });
    const state = loadWindowState(dir);
    expect(state).toEqual({
      cashier: { x: 1930, y: 20, width: 1280, height: 820, maximized: true },
      customerDisplayId: 7,
    });
    expect(restoredCashierBounds(state, [display(1, 0), display(2, 1920)])).toEqual({
      x: 1930,
      y: 20,
      width: 1280,
      height: 820,
    });
    // The right-hand monitor was unplugged: the saved place is off every screen.
    expect(restoredCashierBounds(state, [display(1, 0)])).toBeNull();
  });

  it('ignores a damaged state file', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'window-state.json'), '{"cashier": {"x": "left"}}');
    expect(loadWindowState(dir)).toEqual({});
    writeFileSync(join(dir, 'window-state.json'), 'garbage');
    expect(loadWindowState(dir)).toEqual({});
    expect(readFileSync(join(dir, 'window-state.json'), 'utf8')).toBe('garbage');
  });

  it('puts the customer display back on the screen it was on, when that screen is still there', () => {
    const primary = display(1, 0);
    const displays = [primary, display(2, 1920), display(3, 3840)];
    expect(placeCustomerWindow(displays, primary, 3)).toEqual({
      kind: 'second-display',
      bounds: displays[2]!.bounds,
    });
    expect(placeCustomerWindow(displays, primary, 99)).toEqual({
      kind: 'second-display',
      bounds: displays[1]!.bounds,
    });
    expect(placeCustomerWindow(displays, primary)).toEqual({
      kind: 'second-display',
      bounds: displays[1]!.bounds,
    });
    expect(displayOf({ x: 3900, y: 100, width: 800, height: 600 }, displays)?.id).toBe(3);
  });
});
