import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

/**
 * The real ensure-node-abi.mjs / ensure-electron-abi.mjs on a copy of better-sqlite3 (its Node
 * build) in a scratch project. `electron-builder` and `npm` are stand-ins first on PATH that log
 * what they were asked and whether @electron/rebuild's marker (.forge-meta) was still there.
 */
const ROOT = resolve(__dirname, '../../..');
const NODE_ADDON = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const ELECTRON_MARKER = 'linux--x64--150';

let project: string;
let release: string;
let bin: string;
let calls: string;

function stub(name: string, body: string): void {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'pos-native-'));
  writeFileSync(join(project, 'package.json'), '{"name":"scratch","private":true}');
  release = join(project, 'node_modules/better-sqlite3/build/Release');
  mkdirSync(release, { recursive: true });
  copyFileSync(
    join(ROOT, 'node_modules/better-sqlite3/package.json'),
    join(project, 'node_modules/better-sqlite3/package.json'),
  );
  copyFileSync(NODE_ADDON, join(release, 'better_sqlite3.node'));
  mkdirSync(join(project, 'node_modules/electron'));
  for (const file of ['package.json', 'abi_version'])
    copyFileSync(join(ROOT, 'node_modules/electron', file), join(project, 'node_modules/electron', file));
  bin = mkdtempSync(join(tmpdir(), 'pos-native-bin-'));
  calls = join(bin, 'calls.log');
  const marker = `$([ -e "${release}/.forge-meta" ] && echo yes || echo no)`;
  // "Builds for Electron": a different .node and @electron/rebuild's marker, like the real one.
  stub(
    'electron-builder',
    `echo "electron-builder $* forge-meta=${marker}" >> "${calls}"
printf 'electron build' > "${release}/better_sqlite3.node"
printf '${ELECTRON_MARKER}' > "${release}/.forge-meta"`,
  );
  // "npm rebuild better-sqlite3": prebuild-install unpacks the Node build and leaves the marker alone.
  stub(
    'npm',
    `echo "npm $* nodedir=\${npm_config_nodedir:-unset}" >> "${calls}"
cp "${NODE_ADDON}" "${release}/better_sqlite3.node"`,
  );
});

function run(script: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const base = { ...process.env };
  delete base.npm_config_nodedir;
  delete base.POS_SKIP_ELECTRON_REBUILD;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], {
    cwd: project,
    env: { ...base, PATH: `${bin}${delimiter}${process.env.PATH}`, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const logged = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
const forgeMeta = () => join(release, '.forge-meta');

describe('switching better-sqlite3 between the Node and the Electron build', { timeout: 30_000 }, () => {
  it('npm start → npm test → npm start rebuilds for Electron again, whatever .forge-meta says', () => {
    // The state `npm test` leaves behind today: the Node build in place, the marker still "Electron".
    writeFileSync(forgeMeta(), ELECTRON_MARKER);
    expect(run('ensure-electron-abi.mjs').status).toBe(0);
    expect(logged()).toEqual(['electron-builder install-app-deps forge-meta=no']);

    // Nothing changed since: no second rebuild.
    const again = run('ensure-electron-abi.mjs');
    expect(again.output).toContain('already built for Electron');
    expect(logged()).toHaveLength(1);

    // npm test: the Electron build does not load in Node, so it is rebuilt, and the marker goes.
    expect(run('ensure-node-abi.mjs').status).toBe(0);
    expect(logged()[1]).toBe('npm rebuild better-sqlite3 nodedir=unset');
    expect(readFileSync(join(release, 'better_sqlite3.node')).equals(readFileSync(NODE_ADDON))).toBe(true);
    expect(existsSync(forgeMeta())).toBe(false);

    // npm start again: rebuilt for Electron.
    expect(run('ensure-electron-abi.mjs').status).toBe(0);
    expect(logged()[2]).toBe('electron-builder install-app-deps forge-meta=no');
  });

  it('a Node build put back by hand (npm rebuild) is noticed by its content, not the marker', () => {
    expect(run('ensure-electron-abi.mjs', {}).status).toBe(0);
    copyFileSync(NODE_ADDON, join(release, 'better_sqlite3.node'));
    expect(readFileSync(forgeMeta(), 'utf8')).toBe(ELECTRON_MARKER);
    expect(run('ensure-electron-abi.mjs', {}).status).toBe(0);
    expect(logged()).toEqual([
      'electron-builder install-app-deps forge-meta=no',
      'electron-builder install-app-deps forge-meta=no',
    ]);
  });

  it('installers name their arch, and a build for the other arch does not count', () => {
    expect(run('ensure-electron-abi.mjs', {}).status).toBe(0);
    const script = join(ROOT, 'scripts', 'ensure-electron-abi.mjs');
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    const result = spawnSync(process.execPath, [script, `--arch=${other}`], {
      cwd: project,
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(logged()[1]).toBe(`electron-builder install-app-deps --arch=${other} forge-meta=no`);
  });

  it('the Node build in place: nothing is rebuilt, a stale marker is removed', () => {
    writeFileSync(forgeMeta(), ELECTRON_MARKER);
    expect(run('ensure-node-abi.mjs').status).toBe(0);
    expect(logged()).toEqual([]);
    expect(existsSync(forgeMeta())).toBe(false);
  });

  it('does not force npm_config_nodedir (macOS/Windows find their own headers) but keeps one that is set', () => {
    writeFileSync(join(release, 'better_sqlite3.node'), 'electron build');
    expect(run('ensure-node-abi.mjs').status).toBe(0);
    writeFileSync(join(release, 'better_sqlite3.node'), 'electron build');
    expect(run('ensure-node-abi.mjs', { npm_config_nodedir: '/opt/node-headers' }).status).toBe(0);
    expect(logged()).toEqual([
      'npm rebuild better-sqlite3 nodedir=unset',
      'npm rebuild better-sqlite3 nodedir=/opt/node-headers',
    ]);
  });

  it('a failed rebuild says what to install', () => {
    stub('electron-builder', 'exit 1');
    const result = run('ensure-electron-abi.mjs');
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/Could not rebuild better-sqlite3 for Electron 45\.\d+\.\d+/);
    expect(result.output).toContain('README › Set-up');
  });
});
