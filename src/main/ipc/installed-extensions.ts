import type { CoreExtension } from './extension';

/**
 * The extensions the app starts with, in order (the Electron app and the web host both use this
 * list, so they always offer the same channels). Add a room's extension here when it lands.
 */
export const INSTALLED_EXTENSIONS: readonly CoreExtension[] = [];
