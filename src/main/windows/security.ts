import type { Input, Session, WebContents } from 'electron';
import type { Logger } from '../log';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './csp';
import { isAllowedExternalUrl } from './external-links';

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * Hardens the renderer's session: every permission is refused, the CSP header is added to
 * http(s) responses, and network requests are cancelled unless they go to the dev server —
 * the renderer never talks to Vipps or anything else on the network; main does.
 */
export function hardenSession(session: Session, options: { devServerUrl?: string; logger: Logger }): void {
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  const devHost = options.devServerUrl ? new URL(options.devServerUrl).host : null;
  const csp = options.devServerUrl ? devContentSecurityPolicy(options.devServerUrl) : CONTENT_SECURITY_POLICY;

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    options.logger.warn('permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);

  session.webRequest.onBeforeRequest((details, callback) => {
    const url = new URL(details.url);
    if (!NETWORK_SCHEMES.has(url.protocol)) return callback({});
    const toDevServer =
      devHost !== null && (url.origin === devOrigin || (url.protocol === 'ws:' && url.host === devHost));
    if (toDevServer) return callback({});
    options.logger.warn('renderer network request blocked', { origin: url.origin });
    callback({ cancel: true });
  });

  // Electronegativity reads only literal policies; this one is csp.ts's (checked strict in windows.test.ts).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }); // eng-disable CSP_GLOBAL_CHECK
  });
}

/**
 * Per-window guards: the page can never navigate or redirect away from the app, never open a
 * window, and links to allow-listed Vipps help pages open in the system browser instead.
 */
export function hardenWebContents(
  contents: WebContents,
  options: {
    openInBrowser: (url: string) => Promise<void>;
    logger: Logger;
    /** Packaged app: keys that reload the page or open DevTools do nothing. */
    lockDeveloperShortcuts?: boolean;
  },
): void {
  // Electron 45 passes the target as details.url; the second argument is deprecated.
  contents.on('will-navigate', (details) => {
    details.preventDefault();
    options.logger.warn('navigation blocked', { url: safeOrigin(details.url) });
  });
  contents.on('will-redirect', (details) => {
    details.preventDefault();
    options.logger.warn('redirect blocked', { url: safeOrigin(details.url) });
  });
  if (options.lockDeveloperShortcuts) {
    contents.on('before-input-event', (event, input) => {
      if (isDeveloperShortcut(input)) event.preventDefault();
    });
  }
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      void options.openInBrowser(url).catch((error: unknown) => {
        options.logger.warn('could not open external link', { error });
      });
    } else {
      options.logger.warn('window.open denied', { url: safeOrigin(url) });
    }
    return { action: 'deny' };
  });
}

/** Reload (F5, Ctrl/Cmd+R, with Shift) and DevTools (F12, Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I). */
export function isDeveloperShortcut(
  input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>,
): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f12') return true;
  const command = input.control || input.meta;
  if (command && key === 'r') return true;
  if (command && (input.shift || input.alt) && ['i', 'j', 'c'].includes(key)) return true;
  return false;
}

function safeOrigin(url: string | undefined): string {
  if (!url) return '(no url)';
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}
