import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretBox } from '../../../src/main/settings/safe-storage';
import { electronFake } from '../../setup/electron-mock';

beforeEach(() => electronFake.reset());

it('seals through Electron safeStorage and reports when it is unavailable', () => {
  const box = createSafeStorageSecretBox();
  const sealed = box.encrypt('secret-value-1');
  expect(sealed.toString('utf8')).not.toContain('secret-value-1');
  expect(box.decrypt(sealed)).toBe('secret-value-1');
  expect(box.isAvailable()).toBe(true);
  electronFake.safeStorage.available = false;
  expect(box.isAvailable()).toBe(false);
});

describe('on Linux, the keyring Electron picked', () => {
  const fake = electronFake.safeStorage as typeof electronFake.safeStorage & {
    getSelectedStorageBackend?: () => string;
  };
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  const onLinuxWith = (backend: string) => {
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    fake.getSelectedStorageBackend = () => backend;
  };
  afterEach(() => {
    Object.defineProperty(process, 'platform', platform);
    delete fake.getSelectedStorageBackend;
  });

  // basic_text is Electron's fallback with a hard-coded password: encryption "works" but protects nothing.
  it.each(['basic_text', 'unknown'])('%s counts as no keychain, so secrets are refused', async (backend) => {
    onLinuxWith(backend);
    expect(fake.isEncryptionAvailable()).toBe(true);
    expect(await createSafeStorageSecretBox().isAvailable()).toBe(false);
  });

  it.each(['gnome_libsecret', 'kwallet5'])('%s is a real keychain', async (backend) => {
    onLinuxWith(backend);
    expect(await createSafeStorageSecretBox().isAvailable()).toBe(true);
  });
});
