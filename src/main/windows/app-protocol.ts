import type { Protocol } from 'electron';
import type { Logger } from '../log';
import { findStaticFile, readStaticFile } from '../web/static-files';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_HOST, APP_SCHEME } from './renderer-entry';

/**
 * Must run before `ready`. standard: relative URLs and a real origin; secure: counts as a secure
 * context like https; supportFetchAPI + corsEnabled: Vite's built page loads its module scripts
 * with `crossorigin`. Nothing else (no service workers, no bypassing the CSP).
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Serves the built renderer on pos://app/ after `ready`, with the app's CSP on every response. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, logger: Logger): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request, rendererDir, logger));
}

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

export async function rendererResponse(
  request: Request,
  rendererDir: string,
  logger: Logger,
): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== 'GET') return new Response(null, { status: 405, headers: HEADERS });
  // Paths are decoded and kept inside rendererDir by the web host's resolver (same rules there).
  const found = url.host === APP_HOST ? await findStaticFile(rendererDir, url.pathname) : null;
  if (!found) {
    logger.warn('renderer file not found', { path: url.pathname });
    return new Response('Not found', { status: 404, headers: HEADERS });
  }
  const body = await readStaticFile(found.file);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...HEADERS, 'Content-Type': found.contentType },
  });
}
