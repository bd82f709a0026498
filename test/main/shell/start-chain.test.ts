import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * `npm start` as a newcomer runs it: node_modules/electron without its binary (no path.txt). The
 * real script chain runs; Electron's own installer downloads from a loopback mirror (ELECTRON_MIRROR
 * with its SHASUMS256.txt), and ELECTRON_OVERRIDE_DIST_PATH points at a stand-in executable that
 * records how it was launched. Nothing is skipped: better-sqlite3 needs no Electron rebuild
 * (native-module.test.ts).
 */
const ROOT = resolve(__dirname, '../../..');
const ELECTRON = join(ROOT, 'node_modules/electron');
const VERSION = JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')).version as string;
const ZIP = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;

let mirror: Server;
let mirrorUrl: string;
let requests: string[];
let serveBinary: boolean;
const zip = Buffer.from(zipSync({ version: strToU8(VERSION) }));
const aside = mkdtempSync(join(tmpdir(), 'pos-electron-aside-'));

/** A checkout's own Electron install is moved aside for the test and put back after it. */
const installed = ['path.txt', 'dist'];

beforeAll(async () => {
  for (const name of installed)
    if (existsSync(join(ELECTRON, name))) renameSync(join(ELECTRON, name), join(aside, name));
  mirror = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!serveBinary) return res.writeHead(404).end();
    if (req.url === `/v${VERSION}/${ZIP}`) return res.writeHead(200).end(zip);
    if (req.url === `/v${VERSION}/SHASUMS256.txt`) {
      const sum = createHash('sha256').update(zip).digest('hex');
      return res.writeHead(200).end(`${sum} *${ZIP}\n`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => mirror.listen(0, '127.0.0.1', done));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((done) => mirror.close(done));
  for (const name of installed) {
    rmSync(join(ELECTRON, name), { recursive: true, force: true });
    if (existsSync(join(aside, name))) renameSync(join(aside, name), join(ELECTRON, name));
  }
});

let stubDir: string;
let launches: string;

beforeEach(() => {
  requests = [];
  serveBinary = true;
  for (const name of installed) rmSync(join(ELECTRON, name), { recursive: true, force: true });
  stubDir = mkdtempSync(join(tmpdir(), 'pos-electron-stub-'));
  launches = join(stubDir, 'launches.log');
  const stub = join(stubDir, 'electron');
  writeFileSync(stub, `#!/bin/sh\necho "cwd=$PWD args=$*" >> "${launches}"\n`);
  chmodSync(stub, 0o755);
});

afterEach(() => rmSync(stubDir, { recursive: true, force: true }));

function npmStart(): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_MIRROR: mirrorUrl,
    electron_use_remote_checksums: '1',
    electron_config_cache: mkdtempSync(join(tmpdir(), 'pos-electron-cache-')),
    ELECTRON_OVERRIDE_DIST_PATH: stubDir,
  };
  delete env.ELECTRON_EXEC_PATH;
  // .ci/run sets it for npm ci; the installer this test exercises must run.
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return new Promise((done) => {
    const child = spawn('npm', ['start'], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => done({ code, output }));
  });
}

describe('npm start on a fresh checkout', { timeout: 240_000 }, () => {
  it('fetches the Electron binary first, then launches it with the built main entry', async () => {
    expect(existsSync(join(ELECTRON, 'path.txt'))).toBe(false);
    const startedAt = Date.now();
    const { code, output } = await npmStart();
    expect(code, output).toBe(0);
    // The install step ran: Electron's installer fetched the binary and wrote path.txt.
    expect(requests).toContain(`/v${VERSION}/${ZIP}`);
    expect(existsSync(join(ELECTRON, 'path.txt'))).toBe(true);
    // The stand-in was launched once, in the project, with the entry package.json names, freshly built.
    expect(readFileSync(launches, 'utf8').trim().split('\n')).toEqual([`cwd=${ROOT} args=.`]);
    const main = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).main as string;
    expect(main).toBe('./out/main/index.js');
    expect(statSync(join(ROOT, main)).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
    // No native rebuild for Electron: the prebuilt Node-API better-sqlite3 serves both runtimes.
    expect(output).not.toMatch(/install-app-deps|rebuild/i);
  });

  it('says clearly what to do when the binary cannot be downloaded', async () => {
    serveBinary = false;
    const { code, output } = await npmStart();
    expect(code).not.toBe(0);
    expect(output).toContain(`Could not download Electron ${VERSION}`);
    expect(output).toContain('ELECTRON_MIRROR');
    expect(output).toContain('npm run web');
    expect(output).not.toContain('Electron uninstall');
    expect(existsSync(launches)).toBe(false);
  });
});
