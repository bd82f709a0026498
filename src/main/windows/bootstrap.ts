import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, powerMonitor, session, shell } from 'electron';
import { type Core, startCore } from '../core';
import { forwardEventsToWindows } from '../ipc/events';
import { createHandlers } from '../ipc/handlers';
import { installedExtensions } from '../ipc/installed-extensions';
import { invokeHandler } from '../ipc/invoke';
import { registerIpc } from '../ipc/register';
import { createSenderCheck, type WindowRole } from '../ipc/sender';
import { createLogger, type Logger } from '../log';
import { createSafeStorageSecretBox } from '../settings/safe-storage';
import { endStaffSessionOnOsLock } from '../staff/os-lock';
import { createCashierWindow, createCustomerWindow } from './create-windows';
import { createFileLogSink } from './log-file';
import { resolveRendererEntry } from './renderer-entry';
import { saveWithDialog } from './save-dialog';
import { hardenSession, hardenWebContents } from './security';

export interface RunningApp {
  core: Core;
  windows: { cashier: BrowserWindow; customer: BrowserWindow };
  logger: Logger;
}

export interface BootstrapOptions {
  /** Directory of the built main bundle (out/main); defaults to this file's directory. */
  mainDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The Electron app: secure defaults before anything loads, then the core, IPC and the two
 * windows. Returns null when another copy is already running (that copy gets focused).
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<RunningApp | null> {
  const env = options.env ?? process.env;
  // Must run before `ready`: every renderer, including ones we never create on purpose, is sandboxed.
  app.enableSandbox();
  // Two copies would share one journal and one counter; the second one only focuses the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Development-only overrides are ignored in a packaged app, so nothing outside can redirect it.
  const dev = !app.isPackaged;
  const dataDir = (dev && env.POS_DATA_DIR) || app.getPath('userData');
  const logFile = createFileLogSink(dataDir);
  app.setAppLogsPath(join(dataDir, 'logs'));
  const entry = resolveRendererEntry(options.mainDir ?? __dirname, env, app.isPackaged);
  const logger = createLogger((line) => {
    logFile.sink(line);
    // `npm run dev` shows the log in the terminal too.
    if (entry.devServerUrl) console.log(line);
  });

  // Only reached for URLs that passed the https origin allow-list in external-links.ts.
  const openInBrowser = (url: string) => shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openInBrowser, logger });
  });

  await app.whenReady();
  hardenSession(session.defaultSession, {
    logger,
    ...(entry.devServerUrl ? { devServerUrl: entry.devServerUrl } : {}),
  });

  const core = await startCore({
    dataDir,
    secretBox: createSafeStorageSecretBox(),
    logger,
    app: { name: app.getName(), version: app.getVersion() },
    extensions: installedExtensions({ saveFile: saveWithDialog() }),
    ...(dev && env.VIPPS_BASE_URL ? { baseUrlOverride: env.VIPPS_BASE_URL } : {}),
  });

  const ours = new Set<BrowserWindow>();
  const roles = new Map<number, WindowRole>();
  const handlers = createHandlers(core);
  endStaffSessionOnOsLock(
    powerMonitor,
    () => invokeHandler(handlers, 'pos:staff:sign-out', { reason: 'lock' }, logger),
    logger,
  );
  registerIpc(
    ipcMain,
    handlers,
    createSenderCheck({
      roleOf: (id) => roles.get(id) ?? null,
      appEntry: () => entry.url,
    }),
    logger,
  );
  forwardEventsToWindows(core, () => [...ours].filter((w) => !w.isDestroyed()).map((w) => w.webContents));

  // Roles are known before the pages load, so their first calls are already answered.
  const opened = { cashier: createCashierWindow(entry), customer: createCustomerWindow(entry) };
  const { cashier, customer } = { cashier: opened.cashier.window, customer: opened.customer.window };
  for (const [role, window] of [
    ['cashier', cashier],
    ['customer', customer],
  ] as const) {
    ours.add(window);
    roles.set(window.webContents.id, role);
    // A crashed page comes back by itself: the sale lives in main, so a reload shows it again.
    window.webContents.on('render-process-gone', (_event, details) => {
      logger.error('window page crashed', { role, reason: details.reason });
      if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
    });
  }
  await Promise.all([opened.cashier.loaded, opened.customer.loaded]);
  // The customer display belongs to the cashier's window: closing the cashier closes the app.
  cashier.on('closed', () => {
    ours.delete(cashier);
    roles.delete(cashier.webContents.id);
    if (!customer.isDestroyed()) customer.close();
  });
  customer.on('closed', () => {
    ours.delete(customer);
    roles.delete(customer.webContents.id);
  });

  app.on('second-instance', () => {
    if (cashier.isDestroyed()) return;
    if (cashier.isMinimized()) cashier.restore();
    cashier.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Stop pollers and close the journal cleanly before the process exits.
    closing = true;
    event.preventDefault();
    core
      .close()
      .catch((error: unknown) => logger.error('core did not close cleanly', { error }))
      .finally(() => {
        logFile.close();
        app.quit();
      });
  });

  logger.info('app started', { version: app.getVersion(), packaged: app.isPackaged, dataDir });
  return { core, windows: { cashier, customer }, logger };
}
