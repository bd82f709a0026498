/**
 * The self-test: runs at start (journal structure only) and on demand (every page). Order matters: without a connection the credential
 * and merchant checks are skipped (their failure would only repeat "no connection").
 */
import { randomBytes } from 'node:crypto';
import type { Environment, SelfTestCheck, SelfTestReport } from '../../preload/contract';
import type { VippsClient } from '../vipps/types';
import {
  checkClock,
  checkCredentials,
  checkDisk,
  checkJournal,
  checkMerchant,
  checkReachability,
  type JournalCheckDepth,
  skipped,
} from './checks';

export interface SelfTestDeps {
  environment: Environment;
  baseUrl: string;
  /** A client that does not retry: the self-test reports, it does not insist. */
  client: VippsClient | null;
  journalFile: string | null;
  /** `structure` for the run at start (the counter is waiting), `full` when someone asked for it. */
  journalCheck: JournalCheckDepth;
  dataDir: string;
  now?: () => number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const ORDER = { failed: 2, warning: 1, ok: 0, skipped: 0 } as const;

export async function runSelfTest(deps: SelfTestDeps): Promise<SelfTestReport> {
  const now = deps.now ?? Date.now;
  const checks: SelfTestCheck[] = [];
  const reach = await checkReachability(
    deps.baseUrl,
    deps.environment,
    now,
    deps.timeoutMs ?? 8000,
    deps.fetch,
  );
  checks.push(reach.check, checkClock(reach));
  const online = reach.check.outcome === 'ok';
  if (!deps.client) {
    const because = 'Skipped: the API keys for this environment are not entered yet.';
    checks.push(
      {
        id: 'credentials',
        outcome: 'failed',
        message: 'The API keys are missing.',
        fix: 'Enter the keys from the business portal in settings, or use training mode.',
      },
      skipped('merchant', because),
    );
  } else if (!online) {
    const because = 'Skipped: Vipps could not be reached.';
    checks.push(skipped('credentials', because), skipped('merchant', because));
  } else {
    const credentials = await checkCredentials(deps.client, deps.environment);
    checks.push(credentials);
    checks.push(
      credentials.outcome === 'ok'
        ? await checkMerchant(deps.client, deps.environment, `selftest-${randomBytes(8).toString('hex')}`)
        : skipped('merchant', 'Skipped: the API keys were not accepted.'),
    );
  }
  checks.push(
    deps.journalFile
      ? checkJournal(deps.journalFile, deps.journalCheck)
      : skipped('journal', 'Skipped: no journal is open.'),
    await checkDisk(deps.dataDir),
  );
  const worst = checks.reduce((w, c) => Math.max(w, ORDER[c.outcome]), 0);
  return {
    environment: deps.environment,
    ranAt: new Date(now()).toISOString(),
    outcome: worst === 2 ? 'failed' : worst === 1 ? 'warning' : 'ok',
    checks,
  };
}
