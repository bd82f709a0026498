import { BrowserWindow, type BrowserWindowConstructorOptions, screen } from 'electron';
import { placeCustomerWindow } from './placement';
import type { RendererEntry } from './renderer-entry';
import type { CashierPlace } from './window-memory';

const BACKGROUND = '#f4f4f6';

/**
 * The one place windows are made. The web preferences are written out rather than inherited from
 * Electron's defaults: the page is treated as untrusted and reaches main only through window.pos.
 */
function secureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  entry: RendererEntry,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // The preload imports only electron and the contract and exposes one named API (window.pos).
      preload: entry.preload, // eng-disable PRELOAD_JS_CHECK
      // Only a development build (unpackaged) can open DevTools; a cashier's app cannot.
      devTools: entry.developerTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in new windows without passing the window-open handler's intent.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

async function load(window: BrowserWindow, entry: RendererEntry, hash?: string): Promise<void> {
  await window.loadURL(hash ? `${entry.url}#${hash}` : entry.url);
}

/** A window and the promise of its page having loaded (the window exists at once, so it can be registered first). */
export interface OpenedWindow {
  window: BrowserWindow;
  loaded: Promise<void>;
}

/** The cashier's window: the full app, where it was last time when that is still on a screen. */
export function createCashierWindow(entry: RendererEntry, place: CashierPlace | null = null): OpenedWindow {
  const window = secureWindow(
    {
      title: 'Vipps MobilePay Counter',
      width: 1280,
      height: 820,
      ...(place?.bounds ?? {}),
      minWidth: 960,
      minHeight: 640,
      show: false,
      autoHideMenuBar: true,
      backgroundColor: BACKGROUND,
    },
    entry,
  );
  if (place?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  return { window, loaded: load(window, entry) };
}

/**
 * The customer-facing window (amount, QR code, live status): the renderer shows the customer view
 * for the `#customer` hash. Full screen on a second display when there is one.
 */
export function createCustomerWindow(entry: RendererEntry, rememberedDisplayId?: number): OpenedWindow {
  const placement = placeCustomerWindow(
    screen.getAllDisplays(),
    screen.getPrimaryDisplay(),
    rememberedDisplayId,
  );
  const window = secureWindow(
    {
      title: 'Vipps MobilePay — customer display',
      ...placement.bounds,
      fullscreen: placement.kind === 'second-display',
      frame: placement.kind !== 'second-display',
      movable: true,
      show: false,
      autoHideMenuBar: true,
      backgroundColor: BACKGROUND,
    },
    entry,
  );
  // Shown without focus: the cashier keeps typing in their own window.
  window.once('ready-to-show', () => window.showInactive());
  return { window, loaded: load(window, entry, 'customer') };
}
