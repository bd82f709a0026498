import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ELECTRON_DIR = resolve(__dirname, '../../node_modules/electron');

/**
 * The installed Electron executable, or null when its binary was never fetched (Electron 45 has no
 * postinstall; this project's own machines cannot reach Electron's release host). Read from
 * path.txt rather than `require('electron')`, which would try to download it.
 */
export function electronBinary(): string | null {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const NO_ELECTRON_REASON =
  'the Electron binary is not installed here (node_modules/electron/path.txt is missing: Electron fetches ' +
  'it from its release host, which this machine cannot reach); the pull-request workflow runs it';
