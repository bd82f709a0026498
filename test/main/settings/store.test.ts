import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isPosFailure } from '../../../src/main/errors';
import { createLogger } from '../../../src/main/log';
import { DEFAULT_SETTINGS } from '../../../src/main/settings/schema';
import { createPlaintextDevSecretBox, type SecretBox } from '../../../src/main/settings/secret-box';
import { openSettingsStore } from '../../../src/main/settings/store';

const SECRET = 'client-secret-Zq81xYp0';
const KEY = 'subscription-key-9f8e7d6c5b4a';

/** A reversible box whose output does not contain the input, like the OS keychain. */
function reversingBox(available = true): SecretBox {
  return {
    isAvailable: () => available,
    encrypt: async (plain) => Buffer.from(`sealed:${plain}`.split('').reverse().join(''), 'utf8'),
    decrypt: async (sealed) =>
      sealed
        .toString('utf8')
        .split('')
        .reverse()
        .join('')
        .replace(/^sealed:/, ''),
  };
}

let dir: string;
let file: string;
let logLines: string[];
const logger = () => createLogger((line) => logLines.push(line), 'test', 'debug');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-settings-'));
  file = join(dir, 'settings.json');
  logLines = [];
});

describe('settings store', () => {
  it('starts in training mode with defaults when nothing is configured', async () => {
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    const view = store.view();
    expect(view.environment).toBe('training');
    expect(view.configured).toBe(true);
    expect(view.secrets).toEqual({ clientSecret: false, subscriptionKey: false });
    expect(view.problem).toBeUndefined();
    expect(await store.credentials()).toBeNull();
  });

  it('seals secrets: the file, the view and the logs never hold them in clear', async () => {
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    const next = await store.prepare({
      environment: 'test',
      clientId: 'client-id-1',
      merchantSerialNumber: '123456',
      clientSecret: SECRET,
      subscriptionKey: KEY,
    });
    store.commit(next);

    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(onDisk).not.toContain(KEY);
    expect(JSON.parse(onDisk).secrets.clientSecret).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const view = store.view();
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(view).toMatchObject({
      environment: 'test',
      configured: true,
      secrets: { clientSecret: true, subscriptionKey: true },
    });
    expect(logLines.join('\n')).not.toContain(SECRET);

    const reopened = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    expect(await reopened.credentials()).toEqual({
      clientId: 'client-id-1',
      merchantSerialNumber: '123456',
      clientSecret: SECRET,
      subscriptionKey: KEY,
    });
  });

  it('refuses to store a secret when encryption is unavailable and changes nothing', async () => {
    const store = openSettingsStore({ file, secretBox: reversingBox(false), logger: logger() });
    let caught: unknown;
    try {
      await store.prepare({ environment: 'production', clientSecret: SECRET });
    } catch (error) {
      caught = error;
    }
    expect(isPosFailure(caught) && caught.code).toBe('ENCRYPTION_UNAVAILABLE');
    expect((caught as Error).message).not.toContain(SECRET);
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir)).toEqual([]);
    expect(store.view().encryptionAvailable).toBe(false);
  });

  it('clears a secret with an empty string even without encryption', async () => {
    const sealedStore = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    sealedStore.commit(await sealedStore.prepare({ clientSecret: SECRET }));
    const store = openSettingsStore({ file, secretBox: reversingBox(false), logger: logger() });
    store.commit(await store.prepare({ clientSecret: '' }));
    expect(store.view().secrets.clientSecret).toBe(false);
  });

  it('is not configured for a real environment until all four credentials are stored', async () => {
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    store.commit(await store.prepare({ environment: 'production', clientId: 'id', clientSecret: SECRET }));
    expect(store.view().configured).toBe(false);
    expect(await store.credentials()).toBeNull();
  });

  it('a new market brings its language unless one is given', async () => {
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    expect((await store.prepare({ market: 'DK' })).language).toBe('da');
    expect((await store.prepare({ market: 'FI', language: 'en' })).language).toBe('en');
    expect((await store.prepare({ counterId: 'till-2' })).language).toBe('nb');
  });

  it('keeps a broken file, runs on training defaults and says why', async () => {
    writeFileSync(file, '{ "version": 1, "environment": "production", ');
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(store.view().problem).toEqual({
      code: 'not-json',
      fields: [],
      detail: expect.stringMatching(/not valid JSON/),
    });
    expect(readFileSync(file, 'utf8')).toBe('{ "version": 1, "environment": "production", ');
    expect(logLines.some((l) => l.includes('settings file not used'))).toBe(true);
  });

  it('names invalid fields and keeps the broken file aside on the next save', async () => {
    const broken = JSON.stringify({ ...DEFAULT_SETTINGS, environment: 'staging', extra: true });
    writeFileSync(file, broken);
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    expect(store.view().problem).toMatchObject({
      code: 'invalid-fields',
      detail: expect.stringMatching(/environment/),
    });
    expect(store.view().problem?.fields).toEqual(['environment', 'extra']);
    store.commit(await store.prepare({ counterId: 'till-9' }));
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.invalid-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(broken);
    expect(store.view().problem).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8')).counterId).toBe('till-9');
  });

  it('asks for the secret again when it cannot be decrypted on this computer', async () => {
    const store = openSettingsStore({ file, secretBox: reversingBox(), logger: logger() });
    store.commit(
      await store.prepare({
        environment: 'test',
        clientId: 'id',
        merchantSerialNumber: '1234',
        clientSecret: SECRET,
        subscriptionKey: KEY,
      }),
    );
    const otherMachine: SecretBox = {
      ...reversingBox(),
      decrypt: async () => {
        throw new Error('bad key');
      },
    };
    const moved = openSettingsStore({ file, secretBox: otherMachine, logger: logger() });
    await expect(moved.credentials()).rejects.toThrow(/cannot be decrypted/);
  });
});

describe('plaintext development secret box', () => {
  it('refuses everything unless explicitly allowed', async () => {
    const box = createPlaintextDevSecretBox({ allowPlaintextSecrets: false });
    expect(box.isAvailable()).toBe(false);
    await expect(box.encrypt('x')).rejects.toThrow(/not allowed/);
    await expect(box.decrypt(Buffer.from('x'))).rejects.toThrow(/not allowed/);
    const store = openSettingsStore({ file, secretBox: box, logger: logger() });
    await expect(store.prepare({ subscriptionKey: KEY })).rejects.toThrow(/cannot encrypt/);
  });

  it('round-trips when allowed', async () => {
    const box = createPlaintextDevSecretBox({ allowPlaintextSecrets: true });
    expect(await box.decrypt(await box.encrypt(SECRET))).toBe(SECRET);
  });
});
