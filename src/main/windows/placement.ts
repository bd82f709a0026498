import type { Rectangle } from 'electron';

export interface DisplayLike {
  id: number;
  bounds: Rectangle;
  workArea: Rectangle;
}

export type CustomerPlacement =
  | { kind: 'second-display'; bounds: Rectangle }
  | { kind: 'movable-window'; bounds: Rectangle };

const MOVABLE_SIZE = { width: 480, height: 720 };

/**
 * Where the customer-facing window goes: full screen on a display that is not the cashier's — the
 * one it was on last time when that is still connected, else the first — or else a movable window
 * at the right edge of the cashier's screen.
 */
export function placeCustomerWindow(
  displays: DisplayLike[],
  primary: DisplayLike,
  rememberedDisplayId?: number,
): CustomerPlacement {
  const others = displays.filter((display) => display.id !== primary.id);
  const second = others.find((display) => display.id === rememberedDisplayId) ?? others[0];
  if (second) return { kind: 'second-display', bounds: second.bounds };
  const area = primary.workArea;
  const width = Math.min(MOVABLE_SIZE.width, area.width);
  const height = Math.min(MOVABLE_SIZE.height, area.height);
  return {
    kind: 'movable-window',
    bounds: { x: area.x + area.width - width, y: area.y, width, height },
  };
}
