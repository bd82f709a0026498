/**
 * The renderer's Content-Security-Policy, the only copy: the pos:// scheme handler
 * (app-protocol.ts) and the web host send it as a header, and the build writes it into the built
 * index.html's meta tag (csp-meta.ts). Development uses devContentSecurityPolicy below.
 *
 * connect-src is 'self' only: no payment host is listed, because only main talks to Vipps.
 * img-src allows data: for the QR code image Vipps returns as an SVG data URL.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Development only (electron-vite dev server): Vite injects inline scripts and styles and talks
 * to its HMR websocket on the dev server's own origin. Never used for a packaged app.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl);
  const ws = `ws://${origin.host}`;
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline'`,
    `style-src 'self' 'unsafe-inline'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
