import type { Core } from '../core/types';

/** The slice of webContents used for pushes. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Forwards every core event to each open window's renderer as `pos:event:*`. */
export function forwardEventsToWindows(core: Core, targets: () => EventTarget[]): () => void {
  return core.onEvent((event) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(event.channel, event.payload);
    }
  });
}
