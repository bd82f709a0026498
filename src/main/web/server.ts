/**
 * `npm run web`: the app for a plain browser on this machine (development, end-to-end tests).
 * Never production: a data folder set to production is refused at start. It prints the link to
 * open (it carries this run's token) and the token itself for scripts calling /api.
 * Configuration by environment:
 *   POS_WEB_PORT   port on 127.0.0.1 (default 0 = any free port; the URL is printed)
 *   POS_DATA_DIR   settings and journals (default: a new temporary directory)
 *   VIPPS_BASE_URL talk to this Vipps (e.g. an external simulator) instead of the built-in one
 *   POS_ALLOW_PLAINTEXT_SECRETS=1  allow storing test credentials unencrypted (there is no OS
 *                  keychain here); without it only training mode can be used
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { name, version } from '../../../package.json';
import { startCore } from '../core';
import { INSTALLED_EXTENSIONS } from '../ipc/installed-extensions';
import { createLogger } from '../log';
import { createPlaintextDevSecretBox } from '../settings/secret-box';
import { createFileLogSink } from '../windows/log-file';
import { startWebHost, TOKEN_HEADER } from './host';

function parsePort(value: string | undefined): number {
  const port = Number(value ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`POS_WEB_PORT must be a port number (0–65535), not "${value}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const env = process.env;
  const port = parsePort(env.POS_WEB_PORT);
  const dataDir = env.POS_DATA_DIR || mkdtempSync(join(tmpdir(), 'pos-web-'));
  const logFile = createFileLogSink(dataDir);
  const logger = createLogger(logFile.sink);
  const core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({
      allowPlaintextSecrets: env.POS_ALLOW_PLAINTEXT_SECRETS === '1',
    }),
    logger,
    app: { name, version },
    extensions: INSTALLED_EXTENSIONS,
    ...(env.VIPPS_BASE_URL ? { baseUrlOverride: env.VIPPS_BASE_URL } : {}),
  });
  let host: Awaited<ReturnType<typeof startWebHost>>;
  try {
    host = await startWebHost({ core, port, rendererDir: join(__dirname, '../renderer'), logger });
  } catch (error) {
    await core.close();
    throw error;
  }
  console.log(`Vipps MobilePay Counter (web host): ${host.pageUrl}`);
  console.log(`API token for scripts (header ${TOKEN_HEADER}): ${host.token}`);
  console.log(`Data and logs: ${dataDir}`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host
      .close()
      .then(() => core.close())
      .finally(() => {
        logFile.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('The web host could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
