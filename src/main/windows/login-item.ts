import { z } from 'zod';
import type { Logger } from '../log';
import { readPolicyPart } from '../settings/it-policy';

/** The slice of Electron's `app` used here. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/**
 * A counter PC is switched on in the morning: when the shop's IT sets `"startOnLogin": true` in the
 * counter policy, the app opens when the user logs in. Set (or cleared) at every start, so turning
 * it off in the policy takes effect too. Windows and macOS only: Electron has no login items on Linux.
 */
export function applyStartOnLogin(deps: {
  app: LoginItemApp;
  dataDir: string;
  platform: NodeJS.Platform;
  logger: Logger;
}): boolean | null {
  if (deps.platform !== 'win32' && deps.platform !== 'darwin') return null;
  const part = readPolicyPart(deps.dataDir, 'startOnLogin', z.boolean());
  const openAtLogin = 'value' in part && part.value;
  if ('off' in part) deps.logger.info('start on login off', { reason: part.off });
  deps.app.setLoginItemSettings({ openAtLogin });
  return openAtLogin;
}
