import type { Channel } from '../../preload/contract';

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Is `url` our renderer? Our page is served on the app's own scheme (pos://app/…) or, in
 * development, by the dev server: the scheme and host (with port) must be the entry's. Paths are
 * not compared, so how Chromium escapes them does not matter; file:// is never ours (a file URL
 * has no host, and any local file could claim it). Parsed, never substring-matched.
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
  if (actual.protocol === 'file:' || expected.host === '') return false;
  // Chromium lower-cases the host of a standard scheme; Node's URL keeps it for unknown schemes.
  return actual.protocol === expected.protocol && actual.host.toLowerCase() === expected.host.toLowerCase();
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
