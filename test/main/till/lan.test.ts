/**
 * The shop LAN: never plain HTTP off this computer. The LAN needs a certificate, which needs the
 * keychain to seal its key; with one, the API answers over HTTPS with the certificate whose
 * fingerprint Settings shows (what a till pins).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import type { createTillApi } from '../../../src/main/till/api';
import { LanNeedsTls, startTillServer } from '../../../src/main/till/server';
import { loadTillCertificate } from '../../../src/main/till/tls';
import { MANAGER, startTillCore } from '../../support/till';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const api = {
  handle: async () => ({ status: 404, headers: { 'Content-Type': 'application/problem+json' }, body: {} }),
} as unknown as ReturnType<typeof createTillApi>;

describe('till API on the LAN', () => {
  it('refuses to listen on the LAN without TLS', async () => {
    await expect(startTillServer({ api, bind: 'lan', port: 0, logger: silentLogger })).rejects.toBeInstanceOf(
      LanNeedsTls,
    );
  });

  it('refuses the LAN where the certificate key cannot be sealed, and stays off the network', async () => {
    const t = await startTillCore();
    try {
      const res = await t.call('pos:till:configure', { enabled: true, bind: 'lan', approval: MANAGER });
      expect(res).toMatchObject({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE' } });
      const status = await t.value('pos:till:status', {});
      expect(status).toMatchObject({ bind: 'loopback', enabled: true });
      expect(new URL(status.url!).hostname).toBe('127.0.0.1');
    } finally {
      await t.close();
    }
  });

  it('serves HTTPS with a self-signed certificate whose fingerprint the till can pin; the key is stored sealed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-till-tls-'));
    dirs.push(dataDir);
    const ctx = {
      dataDir,
      environment: 'test' as const,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
    };
    const made = await loadTillCertificate(ctx, { create: true });
    const stored = readFileSync(join(dataDir, 'till-tls-test.json'), 'utf8');
    expect(stored).not.toContain('PRIVATE KEY');
    expect((await loadTillCertificate(ctx)).fingerprint).toBe(made.fingerprint);
    const server = await startTillServer({ api, bind: 'lan', port: 0, tls: made, logger: silentLogger });
    try {
      expect(server.url).toMatch(/^https:/);
      const fingerprint = await new Promise<string>((resolve, reject) => {
        // A till pins the fingerprint instead of trusting a CA.
        const req = request(
          { host: '127.0.0.1', port: server.port, path: '/v1/payments', rejectUnauthorized: false },
          (res) => {
            resolve((res.socket as TLSSocket).getPeerCertificate().fingerprint256);
            res.resume();
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(fingerprint).toBe(made.fingerprint);
    } finally {
      await server.close();
    }
  });
});
