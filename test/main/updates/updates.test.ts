import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { POLICY_FILE } from '../../../src/main/settings/it-policy';
import { startUpdates, type Updates } from '../../../src/main/updates';
import { installDecision } from '../../../src/main/updates/decision';
import { readUpdatePolicy } from '../../../src/main/updates/policy';
import type { AlertEvent } from '../../../src/preload/contract';

const idle = { sale: null, operations: 0 };

describe('when a downloaded update may install', () => {
  it('never with a sale open or an operation pending, and only once something is downloaded', () => {
    expect(installDecision(false, idle)).toEqual({ install: false, reason: 'nothing-downloaded' });
    expect(installDecision(true, { sale: 'pos1-20261130-0001', operations: 1 })).toEqual({
      install: false,
      reason: 'sale-open',
    });
    expect(installDecision(true, { sale: null, operations: 2 })).toEqual({
      install: false,
      reason: 'operations-open',
    });
    expect(installDecision(true, idle)).toEqual({ install: true });
  });
});

describe('the updates part of the counter policy file', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'pos-update-policy-'));
  const write = (d: string, updates: unknown) =>
    writeFileSync(join(d, POLICY_FILE), JSON.stringify({ startOnLogin: true, updates }));

  it('is off without a file, without the part, when turned off, and when invalid — saying why', () => {
    const d = dir();
    expect(readUpdatePolicy(d)).toEqual({ off: 'no counter-policy.json: update checks are off' });
    writeFileSync(join(d, POLICY_FILE), JSON.stringify({ startOnLogin: true }));
    expect(readUpdatePolicy(d)).toEqual({
      off: 'counter-policy.json has no "updates": update checks are off',
    });
    write(d, { enabled: false, feed: { provider: 'github', owner: 'shop', repo: 'counter' } });
    expect(readUpdatePolicy(d)).toEqual({ off: expect.stringContaining('turned off') });
    write(d, { enabled: true, feed: { provider: 'generic', url: 'http://updates.example.com/pos' } });
    expect(readUpdatePolicy(d)).toEqual({
      off: expect.stringMatching(/updates\.feed\.url must be an https URL/),
    });
    write(d, { enabled: true, feed: { provider: 'generic', url: 'https://x.example/pos' }, extra: 1 });
    expect(readUpdatePolicy(d)).toHaveProperty('off');
    write(d, { enabled: true, feed: { provider: 'github', owner: 'a/b', repo: 'counter' } });
    expect(readUpdatePolicy(d)).toEqual({ off: expect.stringContaining('updates.feed.owner') });
    writeFileSync(join(d, POLICY_FILE), '{not json');
    expect(readUpdatePolicy(d)).toEqual({ off: expect.stringContaining('is not JSON') });
  });

  it('takes a GitHub Releases feed or an https URL, checking every 6 hours unless told', () => {
    const d = dir();
    write(d, { enabled: true, feed: { provider: 'github', owner: 'shop-it', repo: 'counter' } });
    expect(readUpdatePolicy(d)).toEqual({
      policy: {
        enabled: true,
        feed: { provider: 'github', owner: 'shop-it', repo: 'counter' },
        checkEveryHours: 6,
      },
    });
    write(d, {
      enabled: true,
      feed: { provider: 'generic', url: 'https://it.example/pos/' },
      checkEveryHours: 24,
    });
    expect(readUpdatePolicy(d)).toMatchObject({ policy: { checkEveryHours: 24 } });
  });
});

describe('electron-updater against a local feed server', () => {
  let server: Server | undefined;
  let updates: Updates | undefined;
  afterEach(async () => {
    updates?.stop();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  /** A feed as the release workflow publishes it: latest.yml beside the installer it names. */
  async function feed(version: string): Promise<{ url: string; requests: string[] }> {
    const installer = Buffer.from(`installer ${version}`);
    const sha512 = createHash('sha512').update(installer).digest('base64');
    const file = `VippsMobilePayCounter-${version}-setup-x64.exe`;
    const latest = [
      `version: ${version}`,
      'files:',
      `  - url: ${file}`,
      `    sha512: ${sha512}`,
      `    size: ${installer.length}`,
      `path: ${file}`,
      `sha512: ${sha512}`,
      `releaseDate: '2026-11-30T10:00:00.000Z'`,
    ].join('\n');
    const requests: string[] = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      // electron-updater asks for its platform's channel file (latest.yml, latest-mac.yml, latest-linux.yml).
      if (/\/latest(-\w+)?\.yml(\?|$)/.test(req.url ?? '')) return res.end(latest);
      if (req.url?.split('?')[0]?.endsWith(`/${file}`)) return res.end(installer);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', () => done()));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/pos`, requests };
  }

  /**
   * Electron's `net` in Node: builder-util's executor plus the `download` that electron-updater's
   * ElectronHttpExecutor adds (the same few lines, over the same base class's doDownload).
   */
  class NodeDownloadExecutor extends NodeHttpExecutor {
    download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
      return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
        const requestOptions = { headers: options.headers || undefined, redirect: 'manual' };
        configureRequestUrl(url, requestOptions);
        configureRequestOptions(requestOptions);
        this.doDownload(
          requestOptions,
          {
            destination,
            options,
            onCancel,
            callback: (error) => (error == null ? resolve(destination) : reject(error)),
            responseHandler: null,
          },
          0,
        );
      });
    }
  }

  /** electron-updater's own Windows updater, with an app adapter in place of Electron's `app`. */
  function updater(version: string) {
    const dir = mkdtempSync(join(tmpdir(), 'pos-updater-'));
    mkdirSync(join(dir, 'cache'));
    // What electron-builder writes into a packaged app from electron-builder.yml's publish block.
    writeFileSync(
      join(dir, 'app-update.yml'),
      'provider: generic\nurl: https://updates.invalid/vipps-counter\nupdaterCacheDirName: vipps-counter-updater\n',
    );
    const app = {
      version,
      name: 'Vipps MobilePay Counter',
      isPackaged: true,
      appUpdateConfigPath: join(dir, 'app-update.yml'),
      userDataPath: dir,
      baseCachePath: join(dir, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => {},
      quit: () => {},
      onQuit: () => {},
    };
    const u = new NsisUpdater(null, app);
    (u as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeDownloadExecutor();
    u.logger = null;
    return u;
  }

  it('downloads a newer version, tells staff, and installs at quit only when the counter is idle', async () => {
    const { url, requests } = await feed('0.2.0');
    const u = updater('0.1.0');
    let work: { sale: string | null; operations: number } = { sale: 'pos1-20261130-0007', operations: 1 };
    const alerts: AlertEvent[] = [];
    const ready = new Promise<void>((done) => u.once('update-downloaded', () => done()));
    updates = startUpdates({
      updater: u,
      policy: { policy: { enabled: true, feed: { provider: 'generic', url }, checkEveryHours: 6 } },
      openWork: () => work,
      alert: (a) => alerts.push(a),
      logger: silentLogger,
    });
    await ready;
    expect(requests.some((r) => /\/latest(-\w+)?\.yml/.test(r))).toBe(true);
    expect(requests.some((r) => r.includes('VippsMobilePayCounter-0.2.0-setup-x64.exe'))).toBe(true);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'UPDATE_READY', version: '0.2.0' })]);
    expect(updates.ready()).toBe('0.2.0');

    updates.beforeQuit();
    expect(u.autoInstallOnAppQuit).toBe(false); // mid-sale: held back
    work = { sale: null, operations: 0 };
    updates.beforeQuit();
    expect(u.autoInstallOnAppQuit).toBe(true);
  });

  it('does nothing when the feed has the version already running', async () => {
    const { url, requests } = await feed('0.1.0');
    const u = updater('0.1.0');
    const alerts: AlertEvent[] = [];
    const notAvailable = new Promise<void>((done) => u.once('update-not-available', () => done()));
    updates = startUpdates({
      updater: u,
      policy: { policy: { enabled: true, feed: { provider: 'generic', url }, checkEveryHours: 6 } },
      openWork: () => idle,
      alert: (a) => alerts.push(a),
      logger: silentLogger,
    });
    await notAvailable;
    expect(requests.filter((r) => r.includes('.exe'))).toEqual([]);
    updates.beforeQuit();
    expect(u.autoInstallOnAppQuit).toBe(false);
    expect(alerts).toEqual([]);
  });

  it('never checks when the policy says off', async () => {
    const u = updater('0.1.0');
    let checked = false;
    u.checkForUpdates = async () => {
      checked = true;
      return null;
    };
    updates = startUpdates({
      updater: u,
      policy: { off: 'update checks are turned off by the update policy' },
      openWork: () => idle,
      alert: () => {},
      logger: silentLogger,
    });
    await updates.check();
    updates.beforeQuit();
    expect(checked).toBe(false);
    expect(u.autoInstallOnAppQuit).toBe(false);
  });
});
