/**
 * The settlement room for one running setup: the background sync (production and training), the
 * reconciliation of a ledger date, and its CSV. In the test environment Vipps has no Report API:
 * nothing is called and the view says so.
 */
import type {
  Currency,
  Environment,
  ExportResult,
  SettlementAvailability,
  SettlementDayView,
  SettlementRequest,
  SettlementSyncView,
} from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import { deliver, type SaveFile } from '../support/deliver';
import type { ReportClient } from '../vipps';
import { settlementCsv } from './csv';
import { isRealDate, type LedgerDayRule, localTimeZone } from './ledger-day';
import { createReconciler, noTotals, type ReconciledDay } from './reconcile';
import { settlementStore } from './store';
import { createSettlementSync, type SettlementSync, type SyncOptions } from './sync';

export interface SettlementServiceOptions {
  journal: Journal;
  environment: Environment;
  /** null in the test environment (no Report API there). */
  client: ReportClient | null;
  /** The market's currency: its ledger is shown first. */
  currency: () => Currency;
  logger: Logger;
  rule?: LedgerDayRule;
  graceHours?: number;
  now?: () => number;
  sync?: Partial<Pick<SyncOptions, 'idleMs' | 'backoffMs' | 'maxBackoffMs' | 'probeEveryMs'>>;
  saveFile?: SaveFile;
}

export interface SettlementService {
  day(req: SettlementRequest): SettlementDayView;
  dayCsv(req: SettlementRequest): Promise<ExportResult>;
  syncNow(): Promise<SettlementSyncView>;
  start(): void;
  stop(): Promise<void>;
}

const IDLE_SYNC: SettlementSyncView = {
  running: false,
  lastSuccessAt: null,
  lastErrorCode: null,
  failures: 0,
  entries: 0,
  nextRunAt: null,
};

/** Ledger dates close the next morning at the latest; two days covers a weekend's slow closing too. */
export const DEFAULT_GRACE_HOURS = 48;

export function createSettlementService(options: SettlementServiceOptions): SettlementService {
  const now = options.now ?? Date.now;
  const rule = options.rule ?? { timeZone: localTimeZone(), cutoffHour: 0 };
  const graceHours = options.graceHours ?? DEFAULT_GRACE_HOURS;
  const store = settlementStore(options.journal.connection);
  const reconcile = createReconciler(options.journal.connection, store, {
    rule,
    graceMs: graceHours * 3_600_000,
  });
  const availability: SettlementAvailability =
    options.environment === 'test'
      ? 'no-test-api'
      : options.environment === 'training'
        ? 'training'
        : 'production';
  const sync: SettlementSync | null =
    options.client && availability !== 'no-test-api'
      ? createSettlementSync({
          client: options.client,
          store,
          rule,
          logger: options.logger.child('settlement'),
          now,
          ...options.sync,
        })
      : null;

  const ledgerFor = (req: SettlementRequest): string | null => {
    const ledgers = store.ledgers();
    if (req.ledgerId !== undefined) {
      if (!ledgers.some((l) => l.ledgerId === req.ledgerId)) {
        throw new PosFailure('NOT_FOUND', 'No such settlement ledger.', { details: { field: 'ledgerId' } });
      }
      return req.ledgerId;
    }
    return (ledgers.find((l) => l.currency === options.currency()) ?? ledgers[0])?.ledgerId ?? null;
  };

  const empty = (): Omit<ReconciledDay, 'ledgerId' | 'ledgerDate'> => ({
    currency: null,
    closed: false,
    funds: [],
    fees: [],
    unsettled: [],
    totals: noTotals(),
    checks: [],
    agrees: false,
  });

  function day(req: SettlementRequest): SettlementDayView {
    if (!isRealDate(req.ledgerDate)) {
      throw new PosFailure('VALIDATION', 'Use a real date like 2026-11-25.', {
        details: { field: 'ledgerDate' },
      });
    }
    const ledgerId = availability === 'no-test-api' ? null : ledgerFor(req);
    const body = ledgerId ? reconcile(ledgerId, req.ledgerDate, now()) : empty();
    return {
      ...body,
      availability,
      ledgers: store.ledgers().map((l) => ({ ledgerId: l.ledgerId, currency: l.currency })),
      ledgerId,
      ledgerDate: req.ledgerDate,
      graceHours,
      sync: sync?.status() ?? IDLE_SYNC,
      generatedAt: new Date(now()).toISOString(),
    };
  }

  return {
    day,
    async dayCsv(req) {
      const view = day(req);
      const file = `settlement-${view.ledgerId ?? 'none'}-${view.ledgerDate}.csv`;
      return deliver(
        { filename: file, mime: 'text/csv', data: Buffer.from(settlementCsv(view), 'utf8') },
        options.saveFile,
      );
    },
    async syncNow() {
      if (!sync) {
        throw new PosFailure('NOT_CONFIGURED', 'Vipps has no Report API in the test environment.');
      }
      await sync.runOnce();
      return sync.status();
    },
    start: () => sync?.start(),
    stop: async () => {
      await sync?.stop();
    },
  };
}
