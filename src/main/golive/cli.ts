/**
 * `npm run golive -- --env test|training [--json]`
 *
 * training: runs against an in-process simulator (practice; not evidence for Vipps).
 * test: runs against apitest.vipps.no with the keys from VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET,
 *   VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN and the test user's number from VIPPS_TEST_PHONE.
 *   VIPPS_BASE_URL may point elsewhere (a proxy, or a local simulator for this command's own test).
 * Prints the table and event logs; exits 0 only when all four scenarios ended as the checklist asks.
 * Secrets are never printed.
 */
import type { Currency } from '../../preload/contract';
import { isPosFailure } from '../errors';
import { startSimulator, TRAINING_CREDENTIALS } from '../simulator';
import { createVippsClient, systemInfoFromPackage, VIPPS_BASE_URLS, type VippsCredentials } from '../vipps';
import { runGoLive } from '.';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = 'Usage: npm run golive -- --env test|training [--json] [--currency NOK|DKK|EUR]';
const TRAINING_PHONE = '4791234567';

interface Args {
  env: 'test' | 'training';
  json: boolean;
  currency: Currency;
}

function parseArgs(argv: readonly string[]): Args | string {
  let env: string | undefined;
  let json = false;
  let currency = 'NOK';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--env') env = argv[++i];
    else if (arg?.startsWith('--env=')) env = arg.slice(6);
    else if (arg === '--currency') currency = argv[++i] ?? '';
    else return `Unknown argument ${arg}. ${USAGE}`;
  }
  if (env !== 'test' && env !== 'training') {
    return env === 'production'
      ? 'Go-live scenarios use force-approve, which exists only in the test environment. In production, make the four payments by hand with a real card.'
      : USAGE;
  }
  if (currency !== 'NOK' && currency !== 'DKK' && currency !== 'EUR')
    return `Unknown currency ${currency}. ${USAGE}`;
  return { env, json, currency };
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
    const report = await runGoLive({
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
    await sim?.close();
  }
}
