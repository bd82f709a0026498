import { safeStorage } from 'electron';
import type { SecretBox } from './secret-box';

/**
 * Secrets sealed with the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 * Linux) through safeStorage's asynchronous calls, the ones Electron 45 does not deprecate. They
 * open secrets the synchronous encryptString sealed in earlier versions too. On Linux without a
 * keyring Electron falls back to a hard-coded password ("basic_text"), which is not protection,
 * so that backend counts as unavailable. Create it after the app is ready.
 */
export async function createSafeStorageSecretBox(): Promise<SecretBox> {
  const available = (await safeStorage.isAsyncEncryptionAvailable()) && protectedBackend();
  return {
    isAvailable: () => available,
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(sealed) {
      return (await safeStorage.decryptStringAsync(sealed)).result;
    },
  };
}

function protectedBackend(): boolean {
  if (process.platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}
