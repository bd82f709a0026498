/**
 * Pulls the Report API into the journal in the background. One round: the ledgers the keys see,
 * then each ledger's funds and fees feed from the stored cursor until Vipps says "try later", then
 * the ended ledger dates not yet known to be closed are asked for (404 = not yet). A closed date's
 * full report is stored as well (repeats are ignored), so an entry the feed did not give still
 * arrives. Polite: a pause between rounds, doubling back-off after a failure (capped), a closed
 * date asked for at most once per `probeEveryMs`. Restart-safe: the cursor is in the journal and
 * moves only with the entries of its page.
 */
import type { Logger } from '../log';
import { isVippsError, REPORT_TOPICS, type ReportClient, type ReportEntry, type ReportTopic } from '../vipps';
import { type LedgerDayRule, ledgerDateRange } from './ledger-day';
import type { SettlementStore } from './store';

export interface SyncStatus {
  running: boolean;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  failures: number;
  entries: number;
  nextRunAt: string | null;
}

export interface SettlementSync {
  /** One round (after one already running); resolves with how many new entries it stored. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  status(): SyncStatus;
}

export interface SyncOptions {
  client: ReportClient;
  store: SettlementStore;
  rule: LedgerDayRule;
  logger: Logger;
  now?: () => number;
  /** Pause between rounds when all is read. Default 5 min. */
  idleMs?: number;
  /** First wait after a failure; doubles up to maxBackoffMs. Defaults 30 s and 30 min. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The docs: ask again for an unclosed date "in at least half an hour". */
  probeEveryMs?: number;
  /** Feed pages per topic in one round, so one round never runs unbounded. Default 200. */
  maxPagesPerRound?: number;
  onNewEntries?: (count: number) => void;
}

export function createSettlementSync(options: SyncOptions): SettlementSync {
  const { client, store, rule, logger } = options;
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? 300_000;
  const backoffMs = options.backoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 1_800_000;
  const probeEveryMs = options.probeEveryMs ?? 1_800_000;
  const maxPages = options.maxPagesPerRound ?? 200;
  const probedAt = new Map<string, number>();
  const iso = () => new Date(now()).toISOString();
  let timer: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let current: Promise<unknown> | null = null;
  const state: SyncStatus = {
    running: false,
    lastSuccessAt: null,
    lastErrorCode: null,
    failures: 0,
    entries: 0,
    nextRunAt: null,
  };

  async function ledgers(): Promise<string[]> {
    const all = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await client.ledgers(cursor);
      all.push(...page.items);
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    store.saveLedgers(all, iso());
    return store.ledgers().map((l) => l.ledgerId);
  }

  async function pullFeed(ledgerId: string, topic: ReportTopic): Promise<number> {
    let added = 0;
    for (let i = 0; i < maxPages; i++) {
      const page = await client.feed(ledgerId, topic, store.cursor(ledgerId, topic));
      added += store.savePage(ledgerId, topic, page.items, page.cursor, iso());
      if (page.tryLater || page.items.length === 0 || !page.cursor) break;
    }
    return added;
  }

  async function wholeDate(
    ledgerId: string,
    topic: ReportTopic,
    date: string,
  ): Promise<ReportEntry[] | null> {
    const items: ReportEntry[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const page = await client.ledgerDate(ledgerId, topic, date, cursor);
      if (!page) return null;
      items.push(...page.items);
      if (!page.hasMore || !page.cursor) return items;
      cursor = page.cursor;
    }
    throw new Error(`ledger date ${date} did not end`);
  }

  /** Ended dates with entries that are not known to be closed: ask Vipps for their report. */
  async function probeClosed(ledgerId: string): Promise<number> {
    let added = 0;
    for (const date of store.openDates(ledgerId)) {
      if (ledgerDateRange(date, rule).end > now()) continue;
      const key = `${ledgerId}/${date}`;
      if (now() - (probedAt.get(key) ?? Number.NEGATIVE_INFINITY) < probeEveryMs) continue;
      probedAt.set(key, now());
      const funds = await wholeDate(ledgerId, 'funds', date);
      if (!funds) continue;
      const fees = (await wholeDate(ledgerId, 'fees', date)) ?? [];
      added += store.saveClosedDate(ledgerId, date, { funds, fees }, iso());
    }
    return added;
  }

  async function round(): Promise<number> {
    let added = 0;
    for (const ledgerId of await ledgers()) {
      for (const topic of REPORT_TOPICS) added += await pullFeed(ledgerId, topic);
      added += await probeClosed(ledgerId);
    }
    if (added > 0) options.onNewEntries?.(added);
    return added;
  }

  /** One round after any round already under way (a "fetch now" while the background one runs). */
  function runOnce(): Promise<number> {
    const next = queue.catch(() => {}).then(oneRound);
    queue = next;
    return next;
  }

  async function oneRound(): Promise<number> {
    try {
      const added = await round();
      state.lastSuccessAt = iso();
      state.lastErrorCode = null;
      state.failures = 0;
      return added;
    } catch (error) {
      state.failures += 1;
      state.lastErrorCode = isVippsError(error) ? error.code : 'INTERNAL';
      throw error;
    } finally {
      state.entries = store.count();
    }
  }

  function schedule(ms: number) {
    if (stopped) return;
    state.nextRunAt = new Date(now() + ms).toISOString();
    timer = setTimeout(tick, ms);
    timer.unref?.();
  }

  function tick() {
    timer = null;
    current = runOnce()
      .then(() => schedule(idleMs))
      .catch((error) => {
        const wait = Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(state.failures - 1, 20));
        logger.warn('settlement sync failed; trying again later', {
          code: state.lastErrorCode,
          message: error instanceof Error ? error.message : String(error),
          retryInMs: wait,
        });
        schedule(wait);
      });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      state.running = true;
      schedule(0);
    },
    async stop() {
      stopped = true;
      state.running = false;
      state.nextRunAt = null;
      if (timer) clearTimeout(timer);
      timer = null;
      await current?.catch(() => {});
    },
    status: () => ({ ...state, entries: store.count() }),
  };
}
