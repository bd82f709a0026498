import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const afterPack = require('../../../scripts/after-pack.cjs') as ((context: PackContext) => Promise<void>) & {
  fuseConfig(context: PackContext): Record<string, unknown>;
};

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: {
    appInfo: { productFilename: string };
    executableName?: string;
    addElectronFuses?: (context: PackContext, config: Record<string, unknown>) => Promise<void>;
  };
}

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order in wire version 1 (see @electron/fuses FuseV1Options). */
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];

/** A stand-in executable carrying Electron's fuse wire with the stock settings. */
function fakeElectron(dir: string, file: string): string {
  const path = join(dir, file);
  const wire = Buffer.from('10110001', 'ascii');
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('MZ…binary…'),
      Buffer.from(SENTINEL),
      Buffer.from([1, wire.length]),
      wire,
      Buffer.from('…'),
    ]),
  );
  return path;
}

function readFuses(path: string): Record<string, boolean> {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  const length = bytes[at + 1]!;
  return Object.fromEntries(FUSES.slice(0, length).map((name, i) => [name, bytes[at + 2 + i] === 0x31]));
}

describe('after-pack fuses', () => {
  it('flips the fuses in the packaged Windows executable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-pack-'));
    const exe = fakeElectron(dir, 'VippsMobilePayCounter.exe');
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'win32',
      arch: 1,
      // electron-builder names the .exe after win.executableName (as appInfo.productFilename).
      packager: { appInfo: { productFilename: 'VippsMobilePayCounter' } },
    });
    expect(readFuses(exe)).toMatchObject({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      // The renderer is served on the app's own scheme; file:// keeps no extra privileges.
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it("uses electron-builder's own fuse writer when it has one", async () => {
    const calls: unknown[] = [];
    await afterPack({
      appOutDir: '/nowhere',
      electronPlatformName: 'linux',
      arch: 1,
      packager: {
        appInfo: { productFilename: 'x' },
        executableName: 'vipps-counter',
        addElectronFuses: async (_context, config) => {
          calls.push(config);
        },
      },
    });
    // Linux gets no embedded asar hash, so integrity validation stays off there.
    expect(calls).toEqual([
      expect.objectContaining({ 0: false, 2: false, 3: false, 4: false, 5: true, 7: false }),
    ]);
  });

  it('turns on asar integrity validation for macOS and re-signs arm64 ad hoc', () => {
    const mac = (arch: number) =>
      afterPack.fuseConfig({
        appOutDir: '',
        electronPlatformName: 'darwin',
        arch,
        packager: { appInfo: { productFilename: 'x' } },
      });
    expect(mac(3)).toMatchObject({ resetAdHocDarwinSignature: true, 4: true, 0: false, 5: true });
    expect(mac(1)).toMatchObject({ resetAdHocDarwinSignature: false, 4: true });
  });
});
