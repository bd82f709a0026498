import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the renderer comes from: electron-vite's dev server in development, the built file otherwise. */
export interface RendererEntry {
  devServerUrl?: string;
  file: string;
  /** The URL our pages have (without hash); IPC senders must match it. */
  url: string;
  preload: string;
}

export function resolveRendererEntry(
  mainDir: string,
  env: NodeJS.ProcessEnv,
  packaged: boolean,
): RendererEntry {
  const file = join(mainDir, '../renderer/index.html');
  const preload = join(mainDir, '../preload/index.js');
  // The dev server is honoured only in an unpackaged app: a packaged one always loads its own files.
  const devServerUrl = !packaged ? env.ELECTRON_RENDERER_URL : undefined;
  if (devServerUrl) return { devServerUrl, file, url: devServerUrl, preload };
  return { file, url: pathToFileURL(file).href, preload };
}
