/** How the core is started; apart from index.ts so the setup (runtime.ts) can use it without an import cycle. */
import type { CoreExtension } from '../ipc/extension';
import type { Logger } from '../log';
import type { PollingOptions } from '../payments/options';
import type { SecretBox } from '../settings/secret-box';

export interface CoreOptions {
  /** Settings, journals and logs live here (Electron: app.getPath('userData')). */
  dataDir: string;
  secretBox: SecretBox;
  /** Talk to this Vipps instead of the real one or the in-process simulator (development, e2e). */
  baseUrlOverride?: string;
  logger?: Logger;
  polling?: Partial<PollingOptions>;
  app?: { name: string; version: string };
  /** Other rooms' services, started with every setup (see ipc/extension.ts). */
  extensions?: readonly CoreExtension[];
}
