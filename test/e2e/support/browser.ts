/**
 * Which browser the end-to-end tests drive. playwright-core never downloads one (this project's
 * machines cannot, and a developer should not have to), so it uses a browser that is already there,
 * in this order:
 *   1. POS_E2E_BROWSER: a path to a Chromium-family executable, or `chrome` / `msedge` for an
 *      installed Google Chrome or Microsoft Edge;
 *   2. Debian/Ubuntu Chromium (CI and this project's machines);
 *   3. an installed Google Chrome, then Microsoft Edge (a developer's Mac or Windows PC).
 * With none of them, one line says what to install.
 */
import { existsSync } from 'node:fs';

export type BrowserChoice = { executablePath: string } | { channel: 'chrome' | 'msedge' };

const LINUX_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** Where Playwright's `chrome` / `msedge` channels look for the stable builds. */
function channelPaths(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): Record<'chrome' | 'msedge', string[]> {
  if (platform === 'darwin') {
    return {
      chrome: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
      msedge: ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
    };
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(Boolean) as string[];
    return {
      chrome: roots.map((r) => `${r}\\Google\\Chrome\\Application\\chrome.exe`),
      msedge: roots.map((r) => `${r}\\Microsoft\\Edge\\Application\\msedge.exe`),
    };
  }
  return { chrome: ['/opt/google/chrome/chrome'], msedge: ['/opt/microsoft/msedge/msedge'] };
}

export const NO_BROWSER =
  'No browser for the end-to-end tests: install Chromium (Debian/Ubuntu: apt-get install chromium), ' +
  'Google Chrome or Microsoft Edge, or set POS_E2E_BROWSER to a Chromium-family executable.';

export function chooseBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): BrowserChoice {
  const asked = env.POS_E2E_BROWSER?.trim();
  if (asked === 'chrome' || asked === 'msedge') return { channel: asked };
  if (asked) {
    if (!exists(asked)) throw new Error(`POS_E2E_BROWSER points at ${asked}, which does not exist.`);
    return { executablePath: asked };
  }
  if (platform === 'linux') {
    const chromium = LINUX_CHROMIUM.find(exists);
    if (chromium) return { executablePath: chromium };
  }
  const channels = channelPaths(platform, env);
  for (const channel of ['chrome', 'msedge'] as const) {
    if (channels[channel].some(exists)) return { channel };
  }
  throw new Error(NO_BROWSER);
}
