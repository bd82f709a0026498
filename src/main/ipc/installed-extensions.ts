import { goLiveExtension } from '../golive/extension';
import { receiptsExtension } from '../receipts/extension';
import { selfTestExtension } from '../selftest/extension';
import { settlementExtension } from '../settlement/extension';
import { staffExtension } from '../staff/extension';
import type { SaveFile } from '../support/deliver';
import { webhooksExtension } from '../webhooks/extension';
import type { CoreExtension } from './extension';

/** What the host process offers extensions: Electron has a save dialog, the web host does not. */
export interface ExtensionHost {
  saveFile?: SaveFile;
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
    settlementExtension(host.saveFile ? { saveFile: host.saveFile } : {}),
  ];
}

export const INSTALLED_EXTENSIONS: readonly CoreExtension[] = installedExtensions();
