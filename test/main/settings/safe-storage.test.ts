import { beforeEach, expect, it } from 'vitest';
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
