import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretBox } from '../../../src/main/settings/safe-storage';
import { electronFake } from '../../setup/electron-mock';

beforeEach(() => electronFake.reset());

it('seals through safeStorage without its deprecated synchronous calls', async () => {
  const { safeStorage } = electronFake;
  const deprecated = ['isEncryptionAvailable', 'encryptString', 'decryptString'] as const;
  const used: string[] = [];
  for (const name of deprecated) {
    const original = safeStorage[name].bind(safeStorage) as (...args: never[]) => unknown;
    (safeStorage as unknown as Record<string, unknown>)[name] = (...args: never[]) => {
      used.push(name);
      return original(...args);
    };
  }
  try {
    const box = await createSafeStorageSecretBox();
    expect(box.isAvailable()).toBe(true);
    const sealed = await box.encrypt('secret-value-1');
    expect(sealed.toString('utf8')).not.toContain('secret-value-1');
    expect(await box.decrypt(sealed)).toBe('secret-value-1');
    expect(used).toEqual([]);
  } finally {
    for (const name of deprecated) delete (safeStorage as unknown as Record<string, unknown>)[name];
  }
});

it('opens secrets sealed by the synchronous API of earlier versions', async () => {
  const sealedBefore = electronFake.safeStorage.encryptString('saved-in-0.1');
  const box = await createSafeStorageSecretBox();
  expect(await box.decrypt(sealedBefore)).toBe('saved-in-0.1');
});

it('counts as unavailable without OS encryption, or with the Linux basic_text fallback', async () => {
  electronFake.safeStorage.available = false;
  expect((await createSafeStorageSecretBox()).isAvailable()).toBe(false);
  electronFake.safeStorage.available = true;
  electronFake.safeStorage.backend = 'basic_text';
  expect((await createSafeStorageSecretBox()).isAvailable()).toBe(process.platform !== 'linux');
});

describe('on Linux, the keyring Electron picked', () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  const onLinuxWith = (backend: typeof electronFake.safeStorage.backend) => {
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    electronFake.safeStorage.backend = backend;
  };
  afterEach(() => {
    Object.defineProperty(process, 'platform', platform);
  });

  // basic_text is Electron's fallback with a hard-coded password: encryption "works" but protects nothing.
  it.each(['basic_text', 'unknown'] as const)(
    '%s counts as no keychain, so secrets are refused',
    async (backend) => {
      onLinuxWith(backend);
      expect(electronFake.safeStorage.isEncryptionAvailable()).toBe(true);
      expect((await createSafeStorageSecretBox()).isAvailable()).toBe(false);
    },
  );

  it.each(['gnome_libsecret', 'kwallet5'] as const)('%s is a real keychain', async (backend) => {
    onLinuxWith(backend);
    expect((await createSafeStorageSecretBox()).isAvailable()).toBe(true);
  });
});
