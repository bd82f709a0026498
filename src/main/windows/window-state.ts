/**
 * Where the windows were: the cashier window's size and position (and whether it was maximized),
 * and the screen the customer display was on. Kept in `<dataDir>/window-state.json`, so a counter PC
 * opens the app the way the shop arranged it yesterday. A saved place that no longer fits any
 * screen (a monitor unplugged) is ignored rather than opening a window nobody can see.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rectangle } from 'electron';
import { z } from 'zod';
import type { DisplayLike } from './placement';

const int = z.number().int();

const WindowStateSchema = z.object({
  cashier: z
    .object({ x: int, y: int, width: int.min(200), height: int.min(200), maximized: z.boolean() })
    .optional(),
  customerDisplayId: int.optional(),
});

export type WindowState = z.infer<typeof WindowStateSchema>;

const FILE = 'window-state.json';

export function loadWindowState(dataDir: string): WindowState {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = join(dataDir, FILE);
  // Written aside and renamed, so a crash mid-write never leaves half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

function contains(area: Rectangle, x: number, y: number): boolean {
  return x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;
}

/** The saved cashier bounds when their title bar is still on some screen's work area, else null. */
export function restoredCashierBounds(state: WindowState, displays: DisplayLike[]): Rectangle | null {
  const saved = state.cashier;
  if (!saved) return null;
  const titleBar = { x: saved.x + Math.min(saved.width / 2, 100), y: saved.y + 10 };
  const visible = displays.some((d) => contains(d.workArea, titleBar.x, titleBar.y));
  return visible ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : null;
}

/** The display a window is mostly on (by its centre), or null. */
export function displayOf(bounds: Rectangle, displays: DisplayLike[]): DisplayLike | null {
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  return displays.find((d) => contains(d.bounds, cx, cy)) ?? null;
}
