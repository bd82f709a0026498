import { BrowserWindow, screen } from 'electron';
import { placeCustomerWindow } from './placement';
import type { RendererEntry } from './renderer-entry';
import { secureWebPreferences } from './security';

const BACKGROUND = '#f4f4f6';

async function load(window: BrowserWindow, entry: RendererEntry, hash?: string): Promise<void> {
  if (entry.devServerUrl) {
    await window.loadURL(hash ? `${entry.devServerUrl}#${hash}` : entry.devServerUrl);
  } else {
    await window.loadFile(entry.file, hash ? { hash } : undefined);
  }
}

/** The cashier's window: the full app. */
export async function createCashierWindow(entry: RendererEntry): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    title: 'Vipps MobilePay Counter',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND,
    webPreferences: secureWebPreferences(entry.preload),
  });
  window.once('ready-to-show', () => window.show());
  await load(window, entry);
  return window;
}

/**
 * The customer-facing window (amount, QR code, live status): the renderer shows the customer view
 * for the `#customer` hash. Full screen on a second display when there is one.
 */
export async function createCustomerWindow(entry: RendererEntry): Promise<BrowserWindow> {
  const placement = placeCustomerWindow(screen.getAllDisplays(), screen.getPrimaryDisplay());
  const window = new BrowserWindow({
    title: 'Vipps MobilePay — customer display',
    ...placement.bounds,
    fullscreen: placement.kind === 'second-display',
    frame: placement.kind !== 'second-display',
    movable: true,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND,
    webPreferences: secureWebPreferences(entry.preload),
  });
  // Shown without focus: the cashier keeps typing in their own window.
  window.once('ready-to-show', () => window.showInactive());
  await load(window, entry, 'customer');
  return window;
}
