import { safeStorage } from 'electron';
import type { SecretBox } from './secret-box';

/**
 * Secrets sealed with the OS keychain (DPAPI on Windows, Keychain on macOS). On Linux without a
 * keyring Electron falls back to a hard-coded password ("basic_text"), which is not protection, so
 * that backend counts as unavailable.
 */
export function createSafeStorageSecretBox(): SecretBox {
  return {
    isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      const backend =
        process.platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function'
          ? safeStorage.getSelectedStorageBackend()
          : 'os';
      return backend !== 'basic_text' && backend !== 'unknown';
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
