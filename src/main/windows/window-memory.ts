import type { BrowserWindow, Rectangle } from 'electron';
import type { DisplayLike } from './placement';
import {
  displayOf,
  loadWindowState,
  restoredCashierBounds,
  saveWindowState,
  type WindowState,
} from './window-state';

/** The slice of Electron's `screen` used here. */
export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
}

export interface CashierPlace {
  bounds: Rectangle;
  maximized: boolean;
}

/**
 * Reads where the windows were and records where they are: the cashier window when it closes (its
 * normal bounds, so a maximized window comes back maximized over the right size), the customer
 * display whenever it is moved to another screen.
 */
export function rememberWindows(dataDir: string, screen: ScreenLike) {
  const state: WindowState = loadWindowState(dataDir);
  const save = () => {
    try {
      saveWindowState(dataDir, state);
    } catch {
      // Remembering is a convenience; a read-only data folder must not break closing the app.
    }
  };
  return {
    cashierPlace(): CashierPlace | null {
      const bounds = restoredCashierBounds(state, screen.getAllDisplays());
      return bounds ? { bounds, maximized: state.cashier?.maximized ?? false } : null;
    },
    customerDisplayId: (): number | undefined => state.customerDisplayId,
    watch(cashier: BrowserWindow, customer: BrowserWindow): void {
      cashier.on('close', () => {
        state.cashier = { ...cashier.getNormalBounds(), maximized: cashier.isMaximized() };
        save();
      });
      customer.on('moved', () => {
        const display = displayOf(customer.getBounds(), screen.getAllDisplays());
        const primary = screen.getPrimaryDisplay();
        if (!display || display.id === primary.id) return;
        state.customerDisplayId = display.id;
        save();
      });
    },
  };
}
