import type { AlertEvent } from '../../preload/contract';
import type { Core } from '../core';
import type { Logger } from '../log';
import { startUpdates, type Updates } from './index';
import { readUpdatePolicy } from './policy';

/**
 * Updates for the running Electron app. A development run never updates itself (it has no
 * app-update.yml and nothing to replace); electron-updater is loaded only in a packaged app.
 */
export async function startAppUpdates(deps: {
  packaged: boolean;
  dataDir: string;
  core: Pick<Core, 'openWork'>;
  alert: (alert: AlertEvent) => void;
  logger: Logger;
}): Promise<Updates> {
  const logger = deps.logger.child('updates');
  const policy = deps.packaged
    ? readUpdatePolicy(deps.dataDir)
    : { off: 'a development build never updates itself' };
  if ('off' in policy) {
    logger.info('updates off', { reason: policy.off });
    return { check: async () => {}, beforeQuit: () => {}, ready: () => null, stop: () => {} };
  }
  const { autoUpdater } = await import('electron-updater');
  return startUpdates({
    updater: autoUpdater,
    policy,
    openWork: () => deps.core.openWork(),
    alert: deps.alert,
    logger,
  });
}
