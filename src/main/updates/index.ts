/**
 * App updates through electron-updater: check the shop's feed now and then, download in the
 * background, tell staff an update is ready (an UPDATE_READY alert), and install it when the app
 * quits — but only when no sale is open and no operation is pending (decision.ts). A quit in the
 * middle of a payment leaves the update for the next quit.
 */
import type { AlertEvent } from '../../preload/contract';
import type { OpenWork } from '../core';
import type { Logger } from '../log';
import { installDecision } from './decision';
import { feedOptions, type PolicyReading } from './policy';

/** The part of electron-updater's AppUpdater used here (tests hand in a real one with a test app). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: ReturnType<typeof feedOptions>): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdatesDeps {
  updater: Updater;
  policy: PolicyReading;
  openWork: () => OpenWork;
  alert: (alert: AlertEvent) => void;
  logger: Logger;
  setInterval?: (fn: () => void, ms: number) => { unref?(): void };
  clearInterval?: (timer: unknown) => void;
}

export interface Updates {
  /** Looks for an update now (also done at start and every checkEveryHours). */
  check(): Promise<void>;
  /** Called when the app is about to quit: lets the downloaded update install, or holds it back. */
  beforeQuit(): void;
  /** The version downloaded and waiting, if any. */
  ready(): string | null;
  stop(): void;
}

export function startUpdates(deps: UpdatesDeps): Updates {
  const { updater, logger } = deps;
  let downloaded: string | null = null;
  let timer: unknown = null;
  const noop: Updates = { check: async () => {}, beforeQuit: () => {}, ready: () => null, stop: () => {} };

  if ('off' in deps.policy) {
    logger.info('updates off', { reason: deps.policy.off });
    updater.autoInstallOnAppQuit = false;
    return noop;
  }
  const { policy } = deps.policy;
  updater.autoDownload = true;
  updater.setFeedURL(feedOptions(policy));
  updater.on('error', (error) => logger.warn('update check failed', { error: error.message }));
  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    logger.info('update downloaded', { version: info.version });
    deps.alert({ kind: 'UPDATE_READY', version: info.version, message: `Update ${info.version} is ready` });
  });

  const check = async () => {
    try {
      await updater.checkForUpdates();
    } catch (error) {
      logger.warn('update check failed', { error: (error as Error).message });
    }
  };
  const every = deps.setInterval ?? setInterval;
  const handle = every(() => void check(), policy.checkEveryHours * 3_600_000);
  handle.unref?.();
  timer = handle;
  void check();

  return {
    check,
    ready: () => downloaded,
    beforeQuit() {
      const decision = installDecision(downloaded !== null, deps.openWork());
      // electron-updater installs on quit exactly when this flag is set at that moment.
      updater.autoInstallOnAppQuit = decision.install;
      if (!decision.install && downloaded) {
        logger.info('update held back at quit', { version: downloaded, reason: decision.reason });
      }
    },
    stop() {
      (deps.clearInterval ?? clearInterval)(timer as never);
    },
  };
}
