/**
 * The core's event type in a leaf file: ipc/extension.ts needs it, and importing it from the core's
 * index would close an import cycle (core → ipc/extension → core).
 */
import type { EventChannel, EventMap } from '../../preload/contract';

/** A push from main to every window (and the web host's event stream). */
export type CoreEvent = { [C in EventChannel]: { channel: C; payload: EventMap[C] } }[EventChannel];
