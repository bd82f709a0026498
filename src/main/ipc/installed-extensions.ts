import { goLiveExtension } from '../golive/extension';
import { receiptsExtension } from '../receipts/extension';
import { selfTestExtension } from '../selftest/extension';
import { settlementExtension } from '../settlement/extension';
import { staffExtension } from '../staff/extension';
import type { SaveFile } from '../support/deliver';
import { tillExtension } from '../till/extension';
import { webhooksExtension } from '../webhooks/extension';
import type { CoreExtension } from './extension';

/** What the host process offers extensions: Electron has a save dialog, the web host does not. */
export interface ExtensionHost {
  saveFile?: SaveFile;
  /** Where the till API listens (default 7610; 0 = any free port, for tests). */
  tillPort?: number;
}

/**
 * The extensions the app starts with, in order (the Electron app and the web host both use this
 * list, so they always offer the same channels). Add a room's extension here when it lands.
 */
export function installedExtensions(host: ExtensionHost = {}): readonly CoreExtension[] {
  return [
    staffExtension(host.saveFile ? { saveFile: host.saveFile } : {}),
    receiptsExtension(),
    selfTestExtension(),
    goLiveExtension(),
    webhooksExtension(),
    tillExtension(host.tillPort !== undefined ? { port: host.tillPort } : {}),
    settlementExtension(host.saveFile ? { saveFile: host.saveFile } : {}),
  ];
}

export const INSTALLED_EXTENSIONS: readonly CoreExtension[] = installedExtensions(
  withTillPort(tillPortFromEnv()),
);

/** POS_TILL_PORT moves the till API (a port another program holds; 0 in tests). */
export function tillPortFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.POS_TILL_PORT;
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port >= 0 && port <= 65_535 ? port : undefined;
}

/** The host's till port option from POS_TILL_PORT (none: the default port). */
export function tillPortOption(): ExtensionHost {
  return withTillPort(tillPortFromEnv());
}

function withTillPort(port: number | undefined): ExtensionHost {
  return port === undefined ? {} : { tillPort: port };
}
