/**
 * The till API's certificate for the shop LAN: self-signed (made with the `selfsigned` package, as
 * node:crypto cannot issue X.509), made when a manager first chooses the LAN, and kept in the data
 * folder with its private key sealed by the app's secret storage (the OS keychain), like the Vipps
 * keys. Tills pin its SHA-256 fingerprint, shown in Settings.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { PosFailure } from '../errors';
import type { RuntimeContext } from '../ipc/extension';

export interface TillCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), colon-separated hex, as browsers and curl show it. */
  fingerprint: string;
}

const VALID_DAYS = 825;

function fileFor(ctx: Pick<RuntimeContext, 'dataDir' | 'environment'>): string {
  return join(ctx.dataDir, `till-tls-${ctx.environment}.json`);
}

export async function loadTillCertificate(
  ctx: Pick<RuntimeContext, 'dataDir' | 'environment' | 'secretBox'>,
  options: { create?: boolean } = {},
): Promise<TillCertificate> {
  if (!ctx.secretBox.isAvailable()) {
    throw new PosFailure(
      'ENCRYPTION_UNAVAILABLE',
      'The till API can use the shop network only when this computer can protect its certificate key (OS keychain).',
    );
  }
  const file = fileFor(ctx);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { cert: string; sealedKey: string };
    const key = await ctx.secretBox.decrypt(Buffer.from(stored.sealedKey, 'base64'));
    return { cert: stored.cert, key, fingerprint: new X509Certificate(stored.cert).fingerprint256 };
  }
  if (!options.create) {
    throw new PosFailure(
      'INVALID_STATE',
      'The till API has no certificate for the shop network yet; choose the LAN again in Settings.',
    );
  }
  const now = new Date();
  const made = await generate(
    [{ name: 'commonName', value: `Vipps MobilePay Counter till API (${hostname()})` }],
    {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + VALID_DAYS * 86_400_000),
    },
  );
  const sealed = await ctx.secretBox.encrypt(made.private);
  writeFileSync(file, JSON.stringify({ cert: made.cert, sealedKey: sealed.toString('base64') }), {
    mode: 0o600,
  });
  return { cert: made.cert, key: made.private, fingerprint: new X509Certificate(made.cert).fingerprint256 };
}
