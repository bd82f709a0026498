import { join } from 'node:path';
import {
  app,
  type BrowserWindow,
  crashReporter,
  ipcMain,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { EV } from '../../preload/contract';
import { type Core, startCore } from '../core';
import { forwardEventsToWindows } from '../ipc/events';
import { createHandlers } from '../ipc/handlers';
import { installedExtensions, tillPortOption } from '../ipc/installed-extensions';
import { invokeHandler } from '../ipc/invoke';
import { registerIpc } from '../ipc/register';
import { createSenderCheck, type WindowRole } from '../ipc/sender';
import { createLogger, type Logger } from '../log';
import { createSafeStorageSecretBox } from '../settings/safe-storage';
import { endStaffSessionOnOsLock } from '../staff/os-lock';
import { startAppUpdates } from '../updates/electron';
import { installApplicationMenu } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { reloadAfterCrashes } from './crash-recovery';
import { startLocalCrashReports } from './crash-reports';
import { createCashierWindow, createCustomerWindow } from './create-windows';
import { createFileLogSink } from './log-file';
import { applyStartOnLogin } from './login-item';
import { type RendererEntry, resolveRendererEntry } from './renderer-entry';
import { saveWithDialog } from './save-dialog';
import { hardenSession, hardenWebContents } from './security';
import { shellTexts } from './shell-texts';
import { rememberWindows } from './window-memory';

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

/** The app could not start; the reason is in the log at `logFile` (when it got that far). */
export class StartupError extends Error {
  constructor(
    readonly reason: unknown,
    readonly logFile: string | null,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'StartupError';
  }
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
  const entry = resolveRendererEntry(options.mainDir ?? __dirname, env, app.isPackaged);
  // Privileged schemes can only be registered before `ready`.
  registerAppScheme(protocol);
  // Before `ready` too, so a crash while starting is recorded; dumps stay on this PC.
  startLocalCrashReports({ app, crashReporter, dataDir });
  let logFile: ReturnType<typeof createFileLogSink>;
  try {
    logFile = createFileLogSink(dataDir);
  } catch (error) {
    throw new StartupError(error, null);
  }
  app.setAppLogsPath(join(dataDir, 'logs'));
  const logger = createLogger((line) => {
    logFile.sink(line);
    // `npm run dev` shows the log in the terminal too.
    if (entry.devServerUrl) console.log(line);
  });
  try {
    return await start({ dataDir, entry, env, dev, logger, logFile });
  } catch (error) {
    logger.error('the app could not start', { error });
    throw new StartupError(error, logFile.file);
  }
}

interface StartContext {
  dataDir: string;
  entry: RendererEntry;
  env: NodeJS.ProcessEnv;
  dev: boolean;
  logger: Logger;
  logFile: ReturnType<typeof createFileLogSink>;
}

async function start(context: StartContext): Promise<RunningApp> {
  const { dataDir, entry, env, dev, logger } = context;
  // Only reached for URLs that passed the https origin allow-list in external-links.ts.
  const openInBrowser = (url: string) => shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openInBrowser, logger, lockDeveloperShortcuts: !entry.developerTools });
  });

  await app.whenReady();
  installApplicationMenu(entry.developerTools);
  hardenSession(session.defaultSession, {
    logger,
    ...(entry.devServerUrl ? { devServerUrl: entry.devServerUrl } : {}),
  });
  if (!entry.devServerUrl) serveRenderer(protocol, entry.rendererDir, logger);

  const core = await startCore({
    dataDir,
    secretBox: await createSafeStorageSecretBox(),
    logger,
    app: { name: app.getName(), version: app.getVersion() },
    extensions: installedExtensions({ saveFile: saveWithDialog(), ...tillPortOption() }),
    ...(dev && env.VIPPS_BASE_URL ? { baseUrlOverride: env.VIPPS_BASE_URL } : {}),
  });
  try {
    return await openShell(core, context);
  } catch (error) {
    // Half a start is no start: stop the pollers and close the journal before reporting it.
    await core.close().catch(() => undefined);
    throw error;
  }
}

/** IPC, event forwarding, the two windows and the app's lifecycle around a started core. */
async function openShell(core: Core, context: StartContext): Promise<RunningApp> {
  const { dataDir, entry, logger, logFile } = context;
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
  const memory = rememberWindows(dataDir, screen);
  const opened = {
    cashier: createCashierWindow(entry, memory.cashierPlace()),
    customer: createCustomerWindow(entry, memory.customerDisplayId()),
  };
  const { cashier, customer } = { cashier: opened.cashier.window, customer: opened.customer.window };
  memory.watch(cashier, customer);
  const texts = () => shellTexts(app.getLocale());
  for (const [role, window] of [
    ['cashier', cashier],
    ['customer', customer],
  ] as const) {
    // The id is kept from creation: once `closed` fires, reading window.webContents throws.
    const contentsId = window.webContents.id;
    ours.add(window);
    roles.set(contentsId, role);
    reloadAfterCrashes(window.webContents, { role, logger, texts });
    window.on('closed', () => {
      ours.delete(window);
      roles.delete(contentsId);
    });
  }
  // The customer display belongs to the cashier's window: closing the cashier closes the app.
  cashier.on('closed', () => {
    if (!customer.isDestroyed()) customer.close();
  });
  await Promise.all([opened.cashier.loaded, opened.customer.loaded]);

  app.on('second-instance', () => {
    if (cashier.isDestroyed()) return;
    if (cashier.isMinimized()) cashier.restore();
    cashier.focus();
  });
  app.on('window-all-closed', () => app.quit());
  applyStartOnLogin({ app, dataDir, platform: process.platform, logger });
  const updates = await startAppUpdates({
    packaged: app.isPackaged,
    dataDir,
    core,
    alert: (payload) => {
      for (const window of ours) if (!window.isDestroyed()) window.webContents.send(EV.alert, payload);
    },
    logger,
  });

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // While the core is still open: a downloaded update installs at this quit only if nothing is open.
    updates.beforeQuit();
    updates.stop();
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
