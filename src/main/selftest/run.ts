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
    checks.push(
      {
        id: 'credentials',
        outcome: 'failed',
        code: 'credentials-missing',
        params: {},
        message: 'The API keys are missing.',
        fix: 'Enter the keys from the business portal in settings, or use training mode.',
      },
      skipped('merchant', 'skipped-no-keys'),
    );
  } else if (!online) {
    checks.push(skipped('credentials', 'skipped-offline'), skipped('merchant', 'skipped-offline'));
  } else {
    const credentials = await checkCredentials(deps.client, deps.environment);
    checks.push(credentials);
    checks.push(
      credentials.outcome === 'ok'
        ? await checkMerchant(deps.client, deps.environment, `selftest-${randomBytes(8).toString('hex')}`)
        : skipped('merchant', 'skipped-keys-rejected'),
    );
  }
  checks.push(
    deps.journalFile
      ? checkJournal(deps.journalFile, deps.journalCheck)
      : skipped('journal', 'skipped-no-journal'),
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
