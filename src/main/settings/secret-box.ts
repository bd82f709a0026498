/**
 * How secrets (client secret, subscription key) are protected at rest. The Electron app uses the OS
 * keychain through safeStorage (./safe-storage.ts); the web host and tests use the plaintext box
 * below, which only works when a person explicitly allows it.
 */
export interface SecretBox {
  /** False when secrets cannot be protected; the settings store then refuses to save them. */
  isAvailable(): boolean;
  /**
   * What actually protects them, told to the settings screen as it is: the OS keychain, or
   * nothing at all (the development box). Absent means the keychain (Electron's safeStorage).
   */
  readonly kind?: 'keychain' | 'plaintext';
  /** Asynchronous like Electron's non-deprecated safeStorage calls (encryptStringAsync). */
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}

const PLAINTEXT_MARK = 'pos-dev-plaintext:';

/**
 * NOT encryption: secrets are stored base64-encoded with a marker, for development and tests on
 * machines without an OS keychain. Unless `allowPlaintextSecrets` is true it reports itself as
 * unavailable and refuses to seal or open anything, so no secret is ever stored in clear by
 * accident — which keeps a web host without that flag in training mode (training needs no secrets).
 */
export function createPlaintextDevSecretBox(options: { allowPlaintextSecrets: boolean }): SecretBox {
  const refuse = (): never => {
    throw new Error('The plaintext development secret box is not allowed here');
  };
  return {
    kind: 'plaintext',
    isAvailable: () => options.allowPlaintextSecrets,
    async encrypt(plain) {
      if (!options.allowPlaintextSecrets) refuse();
      return Buffer.from(PLAINTEXT_MARK + Buffer.from(plain, 'utf8').toString('base64'), 'utf8');
    },
    async decrypt(sealed) {
      if (!options.allowPlaintextSecrets) refuse();
      const text = sealed.toString('utf8');
      if (!text.startsWith(PLAINTEXT_MARK)) throw new Error('Not sealed by the development secret box');
      return Buffer.from(text.slice(PLAINTEXT_MARK.length), 'base64').toString('utf8');
    },
  };
}
