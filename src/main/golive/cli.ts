/**
 * `npm run golive -- --env test|training [--json] [--currency NOK|DKK|EUR] [--data-dir DIR]`
 *
 * training: runs against an in-process simulator (practice; not evidence for Vipps), journaled in a
 *   temporary folder unless --data-dir / POS_DATA_DIR names one.
 * test: runs against apitest.vipps.no with the keys from VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET,
 *   VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN and the test user's number from VIPPS_TEST_PHONE.
 *   VIPPS_BASE_URL may point elsewhere (a proxy, or a local simulator for this command's own test).
 *   The payments are journaled in the app's test journal (journal-test.sqlite in the app's data
 *   folder, or in --data-dir / POS_DATA_DIR), so they show in History marked as go-live tests and
 *   a run cut short is reconciled at the next start of the app or of this command. The journal's
 *   writer lock refuses while the app has it open: run the scenarios from the app's ops screen then.
 * Prints the table and event logs; exits 0 only when all four scenarios ended as the checklist asks.
 * Secrets are never printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Currency, VAT_RATES } from '../../preload/contract';
import { isPosFailure } from '../errors';
import { openJournal } from '../journal';
import { createPaymentsEngine } from '../payments/engine';
import type { PaymentsService } from '../payments/types';
import { MARKET_BY_CURRENCY } from '../settings/market';
import { startSimulator, TRAINING_CREDENTIALS } from '../simulator';
import { journalFileFor } from '../training/journal-file';
import {
  createVippsClient,
  systemInfoFromPackage,
  VIPPS_BASE_URLS,
  type VippsClient,
  type VippsCredentials,
} from '../vipps';
import { runGoLive } from '.';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE =
  'Usage: npm run golive -- --env test|training [--json] [--currency NOK|DKK|EUR] [--data-dir DIR]';
const TRAINING_PHONE = '4791234567';

interface Args {
  env: 'test' | 'training';
  json: boolean;
  currency: Currency;
  dataDir: string | undefined;
}

function parseArgs(argv: readonly string[]): Args | string {
  let env: string | undefined;
  let json = false;
  let currency = 'NOK';
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--env') env = argv[++i];
    else if (arg?.startsWith('--env=')) env = arg.slice(6);
    else if (arg === '--currency') currency = argv[++i] ?? '';
    else if (arg === '--data-dir') dataDir = argv[++i];
    else return `Unknown argument ${arg}. ${USAGE}`;
  }
  if (env !== 'test' && env !== 'training') {
    return env === 'production'
      ? 'Go-live scenarios use force-approve, which exists only in the test environment. In production, make the four payments by hand with a real card.'
      : USAGE;
  }
  if (currency !== 'NOK' && currency !== 'DKK' && currency !== 'EUR')
    return `Unknown currency ${currency}. ${USAGE}`;
  return { env, json, currency, dataDir };
}

function testCredentials(env: NodeJS.ProcessEnv): { credentials: VippsCredentials; phone: string } | string {
  const names = [
    'VIPPS_CLIENT_ID',
    'VIPPS_CLIENT_SECRET',
    'VIPPS_SUBSCRIPTION_KEY',
    'VIPPS_MSN',
    'VIPPS_TEST_PHONE',
  ];
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) return `Missing environment variables for --env test: ${missing.join(', ')}.`;
  return {
    credentials: {
      clientId: env.VIPPS_CLIENT_ID!,
      clientSecret: env.VIPPS_CLIENT_SECRET!,
      subscriptionKey: env.VIPPS_SUBSCRIPTION_KEY!,
      merchantSerialNumber: env.VIPPS_MSN!,
    },
    phone: env.VIPPS_TEST_PHONE!.replace(/[\s+]/g, ''),
  };
}

/** Where the app keeps its journals when it runs as the installed app (Electron's userData). */
function appDataDir(env: NodeJS.ProcessEnv): string {
  const name = 'Vipps MobilePay Counter';
  if (process.platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), name);
}

/**
 * The engine the scenarios go through, on the environment's journal. Recovery runs first, so an
 * earlier run cut short is reconciled with Vipps before new payments are made.
 */
async function openEngine(
  file: string,
  vipps: VippsClient,
  currency: Currency,
): Promise<{ payments: PaymentsService; close(): Promise<void> }> {
  const journal = openJournal(file);
  const payments = createPaymentsEngine({
    journal,
    vipps,
    settings: () => ({
      counterId: 'golive',
      currency,
      capturePolicy: 'reserve-only',
      description: 'Go-live check',
      // The market's standard rate, as a new shop's default.
      vatRate: VAT_RATES[MARKET_BY_CURRENCY[currency]][0]!,
    }),
  });
  try {
    await payments.recover();
  } catch (error) {
    await payments.stop();
    journal.close();
    throw error;
  }
  return {
    payments,
    close: async () => {
      await payments.stop();
      journal.close();
    },
  };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n`);
    return 2;
  }
  const system = systemInfoFromPackage({
    name: 'vipps-counter',
    version: env.npm_package_version ?? '0.0.0',
  });
  const sim = args.env === 'training' ? await startSimulator() : null;
  const givenDir = args.dataDir || env.POS_DATA_DIR || undefined;
  // Training's simulator forgets everything when it stops: its practice journal goes with it.
  const tempDir = sim && !givenDir ? mkdtempSync(join(tmpdir(), 'pos-golive-')) : null;
  let engine: Awaited<ReturnType<typeof openEngine>> | null = null;
  try {
    let credentials: VippsCredentials;
    let phone: string;
    let baseUrl: string;
    if (sim) {
      credentials = { ...TRAINING_CREDENTIALS };
      phone = TRAINING_PHONE;
      baseUrl = sim.url;
    } else {
      const found = testCredentials(env);
      if (typeof found === 'string') {
        io.err(`${found}\n`);
        return 2;
      }
      ({ credentials, phone } = found);
      baseUrl = env.VIPPS_BASE_URL || VIPPS_BASE_URLS.test;
    }
    const client = createVippsClient({ baseUrl, credentials, system });
    const dataDir = tempDir ?? givenDir ?? appDataDir(env);
    engine = await openEngine(journalFileFor(dataDir, args.env, false), client, args.currency);
    const report = await runGoLive({
      payments: engine.payments,
      client,
      environment: args.env,
      merchantSerialNumber: credentials.merchantSerialNumber,
      currency: args.currency,
      phone,
      ...(sim ? { pollMs: 50 } : {}),
    });
    io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : report.text);
    return report.ok ? 0 : 1;
  } catch (error) {
    io.err(`Go-live run failed: ${isPosFailure(error) ? error.message : 'unexpected error; see above'}\n`);
    if (!isPosFailure(error)) io.err(`${(error as Error).stack ?? error}\n`);
    return 1;
  } finally {
    await engine?.close();
    await sim?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}
