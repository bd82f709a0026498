import type { Session, WebContents } from 'electron';
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

  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders, 'Content-Security-Policy': [csp] };
    callback({ responseHeaders: headers });
  });
}

/**
 * Per-window guards: the page can never navigate or redirect away from the app, never open a
 * window, and links to allow-listed Vipps help pages open in the system browser instead.
 */
export function hardenWebContents(
  contents: WebContents,
  options: { openInBrowser: (url: string) => Promise<void>; logger: Logger },
): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    options.logger.warn('navigation blocked', { url: safeOrigin(url) });
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    options.logger.warn('redirect blocked', { url: safeOrigin(url) });
  });
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

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}
