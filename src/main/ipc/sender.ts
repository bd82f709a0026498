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

/**
 * Accepts an IPC call only from the top frame of one of our windows while it shows our page: an
 * iframe, a navigated-away window or a foreign webContents gets FORBIDDEN.
 */
export function createSenderCheck(options: {
  isOurWebContents: (id: number) => boolean;
  appEntry: () => string;
}): (event: SenderEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!options.isOurWebContents(event.sender.id)) return false;
    return isAppUrl(frame.url, options.appEntry());
  };
}
