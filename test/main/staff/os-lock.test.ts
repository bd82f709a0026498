/**
 * Issue 11 §2: the Electron app signs staff out when the OS session locks or the computer sleeps
 * (powerMonitor 'lock-screen' / 'suspend'), through the real bootstrap, IPC and staff extension.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import { bootstrap, type RunningApp } from '../../../src/main/windows/bootstrap';
import { CH, type Result, type StaffSession } from '../../../src/preload/contract';
import { type BrowserWindow, electronFake } from '../../setup/electron-mock';

let running: RunningApp | null = null;
let dataDir: string;
beforeEach(() => {
  electronFake.reset();
  dataDir = mkdtempSync(join(tmpdir(), 'pos-oslock-'));
});
afterEach(async () => {
  await running?.core.close();
  running = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(window: BrowserWindow, channel: string, payload: unknown): Promise<StaffSession> {
  const handler = electronFake.ipcMain.handlers.get(channel)!;
  const frame = { url: window.webContents.getURL(), parent: null };
  const result = (await handler(
    { sender: window.webContents, senderFrame: frame },
    payload,
  )) as Result<StaffSession>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

it.each(['lock-screen', 'suspend'])('signs staff out on %s', async (event) => {
  running = await bootstrap({ mainDir: '/opt/pos/out/main', env: { POS_DATA_DIR: dataDir } });
  const cashier = running!.windows.cashier as unknown as BrowserWindow;
  expect((await call(cashier, CH.staffSignIn, { pin: TRAINING_MANAGER.pin })).staff?.role).toBe('manager');

  electronFake.powerMonitor.emit(event);
  await new Promise((r) => setTimeout(r, 50));
  expect((await call(cashier, CH.staffSession, {})).staff).toBeNull();
});
