import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { chooseBrowser } from './browser';

const ROOT = resolve(__dirname, '../../..');
/** A private build, so a colleague's `electron-vite build` into out/ cannot swap files under a test. */
export const BUILD_DIR = join(ROOT, 'node_modules/.cache/e2e-build');
/** Screenshots land here (git-ignored); the README's pictures are copied from a run. */
export const ARTIFACTS_DIR = join(ROOT, 'test-results/e2e');

let built = false;

/** Builds main (with the web host) and the renderer once per test process. */
export function buildApp(): void {
  if (built) return;
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/electron-vite'),
    ['build', '--outDir', BUILD_DIR, '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  built = true;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'pos-e2e-'));
}

export interface RunningHost {
  /**
   * The link the host printed: it carries this run's token, hands it to the page and redirects
   * to the app (a fragment such as `/#customer` survives the redirect).
   */
  url: string;
  /** This run's API token, for calling /api directly (header X-Pos-Token). */
  token: string;
  dataDir: string;
  /** SIGTERM shuts down cleanly; SIGKILL is a crash (nothing is flushed or closed). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Starts the web host (real engine, journal and built-in simulator) on a free loopback port. */
export async function startHost(
  dataDir = newDataDir(),
  env: Record<string, string> = {},
): Promise<RunningHost> {
  buildApp();
  // The host's simulator traffic is written down and held to the specs after the file (test/setup/spec-traffic.ts).
  const traffic = process.env.SPEC_TRAFFIC_CHILD_DIR;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(traffic ? ['--import', join(ROOT, 'test/support/spec/record-traffic.mjs')] : []),
      join(BUILD_DIR, 'main/web.js'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        POS_WEB_PORT: '0',
        POS_DATA_DIR: dataDir,
        ...(traffic
          ? {
              POS_SPEC_TRAFFIC_FILE: join(
                traffic,
                `${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`,
              ),
            }
          : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/t\/[A-Za-z0-9_-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`web host exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    token: url.slice(url.lastIndexOf('/') + 1),
    dataDir,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The installed browser (see browser.ts), headless, with a fresh profile per launch. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    ...chooseBrowser(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
