import type { Channel } from '../../preload/contract';

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Is `url` our renderer? A packaged app loads a file, so the path must be our index.html; in
 * development it is the dev server, so the origin must match. Parsed, never substring-matched.
 */
export function isAppUrl(url: string, appEntry: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(appEntry);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:')
    return actual.protocol === 'file:' && actual.pathname === expected.pathname;
  return actual.origin === expected.origin;
}

/** What each of our windows is for. */
export type WindowRole = 'cashier' | 'customer';

/**
 * What the customer-facing display may ask: reads only. It faces the shop floor, so nothing shown
 * there can start, change or refund a payment or touch settings, even if its page were subverted.
 */
export const CUSTOMER_DISPLAY_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'pos:app:info',
  'pos:payment:active',
  'pos:payment:get',
  'pos:settings:get',
  'pos:staff:session',
  'pos:receipt:get',
]);

/**
 * Accepts an IPC call only from the top frame of one of our windows while it shows our page: an
 * iframe, a navigated-away window or a foreign webContents gets FORBIDDEN, and the customer
 * display only gets its read-only channels.
 */
export function createSenderCheck(options: {
  roleOf: (webContentsId: number) => WindowRole | null;
  appEntry: () => string;
}): (event: SenderEvent, channel: string) => boolean {
  return (event, channel) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    const role = options.roleOf(event.sender.id);
    if (role === null) return false;
    if (role === 'customer' && !CUSTOMER_DISPLAY_CHANNELS.has(channel as Channel)) return false;
    return isAppUrl(frame.url, options.appEntry());
  };
}
