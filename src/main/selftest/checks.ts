/**
 * The self-test's checks. Each answers in plain words with a fix, never a bare status code: the
 * person reading it is a shop manager at the counter, not a developer.
 */
import { statfs } from 'node:fs/promises';
import Database from 'better-sqlite3';
import type { Environment, SelfTestCheck } from '../../preload/contract';
import { isPosFailure } from '../errors';
import { checkIntegrity } from '../journal/open-checks';
import type { VippsClient } from '../vipps/types';

const WHERE: Record<Environment, string> = {
  training: 'the training simulator',
  test: 'the Vipps MobilePay test environment',
  production: 'Vipps MobilePay',
};

/** Clock skew limits: tokens and signed webhooks start failing at minutes, not seconds. */
export const CLOCK_WARN_MS = 30_000;
export const CLOCK_FAIL_MS = 5 * 60_000;
/** Free disk in the data folder below which the journal may soon fail to write. */
export const DISK_WARN_BYTES = 500 * 1024 * 1024;
export const DISK_FAIL_BYTES = 50 * 1024 * 1024;

export interface Reachability {
  check: SelfTestCheck;
  /** Vipps' clock from the Date header and when we heard it, for the skew check. */
  serverDate: number | null;
  localMidpoint: number;
}

/**
 * Any HTTP answer proves the environment is reachable: the base URL without a path needs no
 * credentials and sends none. The Date header of that answer is Vipps' clock.
 */
export async function checkReachability(
  baseUrl: string,
  environment: Environment,
  now: () => number,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<Reachability> {
  const started = now();
  try {
    const response = await fetchImpl(baseUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    const ended = now();
    const header = response.headers.get('date');
    const parsed = header ? Date.parse(header) : Number.NaN;
    return {
      check: {
        id: 'reachability',
        outcome: 'ok',
        code: 'reachability-ok',
        params: { environment },
        message: `${capital(WHERE[environment])} answered.`,
        fix: null,
      },
      serverDate: Number.isNaN(parsed) ? null : parsed,
      localMidpoint: started + (ended - started) / 2,
    };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      check: {
        id: 'reachability',
        outcome: 'failed',
        code: timedOut ? 'reachability-timeout' : 'reachability-unreachable',
        params: { environment, seconds: Math.round(timeoutMs / 1000) },
        message: timedOut
          ? `${capital(WHERE[environment])} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`
          : `Could not reach ${WHERE[environment]}.`,
        fix: 'Check that this computer is online and that a firewall or proxy lets it reach api.vipps.no / apitest.vipps.no on port 443.',
      },
      serverDate: null,
      localMidpoint: now(),
    };
  }
}

/** Compares Vipps' Date header (whole seconds) with our clock at the middle of the request. */
export function checkClock(reach: Reachability): SelfTestCheck {
  if (reach.serverDate === null) {
    return {
      id: 'clock',
      outcome: 'skipped',
      code: 'clock-no-date',
      params: {},
      message: 'The clock could not be compared: no answer with a date came back.',
      fix: null,
    };
  }
  const skew = reach.localMidpoint - reach.serverDate;
  // The header has one-second resolution: up to a second of difference is no difference.
  const seconds = Math.round(Math.abs(skew) / 1000);
  const direction = skew > 0 ? 'ahead of' : 'behind';
  if (Math.abs(skew) <= CLOCK_WARN_MS) {
    return {
      id: 'clock',
      outcome: 'ok',
      code: 'clock-ok',
      params: { seconds: Math.max(1, seconds) },
      message: `This computer's clock agrees with Vipps (within ${Math.max(1, seconds)} s).`,
      fix: null,
    };
  }
  return {
    id: 'clock',
    outcome: Math.abs(skew) > CLOCK_FAIL_MS ? 'failed' : 'warning',
    code: skew > 0 ? 'clock-ahead' : 'clock-behind',
    params: { seconds },
    message: `This computer's clock is ${seconds} seconds ${direction} Vipps' clock.`,
    fix: "Turn on automatic time (network time) in the operating system's date and time settings.",
  };
}

export async function checkCredentials(
  client: VippsClient,
  environment: Environment,
): Promise<SelfTestCheck> {
  try {
    await client.fetchToken();
    return {
      id: 'credentials',
      outcome: 'ok',
      code: 'credentials-ok',
      params: { environment },
      message: `${capital(WHERE[environment])} accepted the API keys.`,
      fix: null,
    };
  } catch (error) {
    const code = isPosFailure(error) ? error.code : 'INTERNAL';
    if (code === 'AUTH' || code === 'NOT_CONFIGURED') {
      return {
        id: 'credentials',
        outcome: 'failed',
        code: code === 'AUTH' ? 'credentials-rejected' : 'credentials-incomplete',
        params: {},
        message: code === 'AUTH' ? 'The API keys were rejected.' : 'The API keys are missing or incomplete.',
        fix: 'Copy the client id, client secret and subscription key for this sales unit from the business portal (portal.vippsmobilepay.com → Developer); test and production keys differ.',
      };
    }
    return transientFailure('credentials', code, environment);
  }
}

/**
 * A harmless read of a payment that cannot exist: 404 means Vipps looked for it under our merchant
 * serial number, so the number is accepted for these keys; 403 means it is not.
 */
export async function checkMerchant(
  client: VippsClient,
  environment: Environment,
  reference: string,
): Promise<SelfTestCheck> {
  try {
    await client.getPayment(reference);
    return {
      id: 'merchant',
      outcome: 'ok',
      code: 'merchant-ok',
      params: {},
      message: 'The merchant serial number is accepted.',
      fix: null,
    };
  } catch (error) {
    const code = isPosFailure(error) ? error.code : 'INTERNAL';
    if (code === 'NOT_FOUND') {
      return {
        id: 'merchant',
        outcome: 'ok',
        code: 'merchant-ok',
        params: {},
        message: 'The merchant serial number is accepted for these keys.',
        fix: null,
      };
    }
    if (code === 'AUTH') {
      return {
        id: 'merchant',
        outcome: 'failed',
        code: 'merchant-wrong-msn',
        params: {},
        message: 'The merchant serial number (MSN) does not belong to these API keys.',
        fix: 'Use the MSN of the same sales unit the keys were taken from (4–6 digits, shown next to the keys in the business portal).',
      };
    }
    return transientFailure('merchant', code, environment);
  }
}

/**
 * How deeply the journal is checked. `structure` (header, schema, every b-tree's root) takes
 * milliseconds; `full` (quick_check: every page) takes seconds on a big journal, so it runs only
 * when someone asked for the self-test, never at start while the counter waits.
 */
export type JournalCheckDepth = 'structure' | 'full';

export function checkJournal(file: string, depth: JournalCheckDepth): SelfTestCheck {
  let db: Database.Database | undefined;
  try {
    // Its own connection on purpose: opened read-only, an integrity check cannot change the journal.
    db = new Database(file, { readonly: true, fileMustExist: true });
    const damage = journalDamage(db, file, depth);
    if (damage === null) {
      return {
        id: 'journal',
        outcome: 'ok',
        code: depth === 'full' ? 'journal-ok-full' : 'journal-ok-structure',
        params: {},
        message:
          depth === 'full'
            ? 'The payment journal is healthy (full check of every page).'
            : "The payment journal's structure is sound (checked at start: structure; full check: run the self-test).",
        fix: null,
      };
    }
    return {
      id: 'journal',
      outcome: 'failed',
      code: 'journal-damaged',
      params: { detail: damage },
      message: damage,
      fix: 'Do not delete it. Close the app, copy the data folder somewhere safe and contact support with a support bundle.',
    };
  } catch (error) {
    return {
      id: 'journal',
      outcome: 'failed',
      code: 'journal-unreadable',
      params: { detail: (error as Error).message },
      message: `The payment journal could not be read: ${(error as Error).message}`,
      fix: 'Check that the data folder exists and this user may read and write it; do not delete the journal.',
    };
  } finally {
    db?.close();
  }
}

/** The damage found, in words for the check, or null. Other errors (cannot open, not SQLite) throw. */
function journalDamage(db: Database.Database, file: string, depth: JournalCheckDepth): string | null {
  if (depth === 'full') {
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? null : `The payment journal is damaged (${String(result).slice(0, 200)}).`;
  }
  try {
    // The same structure check the journal's open runs on a clean start.
    checkIntegrity(db, file, false);
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CORRUPT') {
      return 'The payment journal is damaged (a table or index cannot be read).';
    }
    // The journal's own words: which damage, and that nothing was deleted.
    if (isPosFailure(error) && error.code === 'JOURNAL') return error.message;
    throw error;
  }
}

export async function checkDisk(dataDir: string): Promise<SelfTestCheck> {
  try {
    const stats = await statfs(dataDir);
    const free = Number(stats.bavail) * Number(stats.bsize);
    const mb = Math.floor(free / (1024 * 1024));
    if (free >= DISK_WARN_BYTES) {
      return {
        id: 'disk',
        outcome: 'ok',
        code: 'disk-ok',
        params: { mb },
        message: `${mb} MB free where the journal is kept.`,
        fix: null,
      };
    }
    return {
      id: 'disk',
      outcome: free < DISK_FAIL_BYTES ? 'failed' : 'warning',
      code: 'disk-low',
      params: { mb },
      message: `Only ${mb} MB free where the journal is kept.`,
      fix: 'Free up disk space on this computer: when the disk is full, no new payment can be recorded.',
    };
  } catch (error) {
    return {
      id: 'disk',
      outcome: 'warning',
      code: 'disk-unreadable',
      params: { detail: (error as Error).message },
      message: `Free disk space could not be read: ${(error as Error).message}`,
      fix: null,
    };
  }
}

function transientFailure(
  id: 'credentials' | 'merchant',
  code: string,
  environment: Environment,
): SelfTestCheck {
  return {
    id,
    outcome: 'failed',
    code: 'no-answer',
    params: { environment, code },
    message: `${capital(WHERE[environment])} could not answer this check (${code}).`,
    fix: 'Try again in a minute. If it keeps failing, check the internet connection and status.vippsmobilepay.com.',
  };
}

const SKIPPED_BECAUSE = {
  'skipped-no-keys': 'Skipped: the API keys for this environment are not entered yet.',
  'skipped-offline': 'Skipped: Vipps could not be reached.',
  'skipped-keys-rejected': 'Skipped: the API keys were not accepted.',
  'skipped-no-journal': 'Skipped: no journal is open.',
} as const;

export function skipped(id: SelfTestCheck['id'], because: keyof typeof SKIPPED_BECAUSE): SelfTestCheck {
  return { id, outcome: 'skipped', code: because, params: {}, message: SKIPPED_BECAUSE[because], fix: null };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
