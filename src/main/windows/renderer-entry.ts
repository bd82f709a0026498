import { join } from 'node:path';

/**
 * The packaged renderer is served by main on this privileged scheme (app-protocol.ts), never as
 * file://: its URL does not depend on where the app is installed (no drive letters, no escaping of
 * the install path), it gets a real origin for the CSP, and file:// keeps no extra privileges.
 */
export const APP_SCHEME = 'pos';
export const APP_HOST = 'app';

/** Where the renderer comes from: electron-vite's dev server in development, our scheme otherwise. */
export interface RendererEntry {
  devServerUrl?: string;
  /** The built renderer (out/renderer), served on APP_SCHEME. */
  rendererDir: string;
  /** The URL of our page (without hash); IPC senders must be on its scheme and host. */
  url: string;
  preload: string;
  /** DevTools and the reload shortcuts exist only in an unpackaged (development) app. */
  developerTools: boolean;
}

export function resolveRendererEntry(
  mainDir: string,
  env: NodeJS.ProcessEnv,
  packaged: boolean,
): RendererEntry {
  const rendererDir = join(mainDir, '../renderer');
  const preload = join(mainDir, '../preload/index.js');
  // The dev server is honoured only in an unpackaged app: a packaged one always loads its own files.
  const devServerUrl = !packaged ? env.ELECTRON_RENDERER_URL : undefined;
  const developerTools = !packaged;
  if (devServerUrl) return { devServerUrl, rendererDir, url: devServerUrl, preload, developerTools };
  return { rendererDir, url: `${APP_SCHEME}://${APP_HOST}/index.html`, preload, developerTools };
}
