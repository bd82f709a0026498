import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * better-sqlite3 is loaded by Node (tests, web host, bench) and by Electron (the app, the
 * installers) from the same node_modules. Older versions were compiled per runtime, so `npm start`,
 * `npm test` and `npm run dist:*` switched builds — and a stale @electron/rebuild marker could ship
 * the wrong one. With Node-API prebuilds there is one binary for both, so no script may switch it.
 */
const ROOT = resolve(__dirname, '../../..');
const BS3 = join(ROOT, 'node_modules/better-sqlite3');
const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
  string,
  string
>;

describe('one better-sqlite3 binary for Node and Electron', () => {
  it('loads a Node-API prebuild shipped in the package, not a per-runtime compile', () => {
    const { getPrebuildPath } = require(join(BS3, 'lib/binding.js')) as { getPrebuildPath(): string | null };
    const prebuild = getPrebuildPath();
    expect(prebuild).toMatch(/prebuilds[\\/](linux|linuxmusl|darwin|win32)-(x64|arm64)\.node$/);
    // A node-gyp build would be preferred over the prebuild: there must be none to go stale.
    expect(existsSync(join(BS3, 'build/Release/better_sqlite3.node'))).toBe(false);
    // Node-API: the same file serves every Node and Electron version (its ABI is not in the name).
    const packaged = readdirSync(join(BS3, 'prebuilds'));
    expect(packaged).toEqual(
      expect.arrayContaining(['win32-x64.node', 'darwin-x64.node', 'darwin-arm64.node']),
    );
  });

  it('no script rebuilds native modules for Electron, and packaging does not either', () => {
    for (const [name, command] of Object.entries(scripts)) {
      expect(command, name).not.toMatch(
        /install-app-deps|electron-rebuild|@electron\/rebuild|ensure-electron-abi/,
      );
    }
    const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
      npmRebuild?: boolean;
    };
    expect(builder.npmRebuild).toBe(false);
    for (const dist of ['dist:win', 'dist:mac']) expect(scripts[dist]).toMatch(/electron-builder/);
  });

  it('ensure-node-abi.mjs passes where the module loads and leaves npm_config_nodedir alone', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-node-abi.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('rebuilding');
    expect(readFileSync(join(ROOT, 'scripts/ensure-node-abi.mjs'), 'utf8')).not.toMatch(
      /npm_config_nodedir\s*[:=]/,
    );
  });
});
