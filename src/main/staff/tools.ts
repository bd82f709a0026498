import type { AlertEvent, DayReport, Environment, ExportResult } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import { dayReportCsv } from '../reports/csv';
import { dayReportBuilder } from '../reports/day-report';
import { createWatchdog, type Watchdog } from '../reports/watchdog';
import { deliver, type SaveFile } from '../support/deliver';
import type { Actor } from './actor';
import { createStaffService, type StaffService } from './service';

/** Everything staff use besides selling, for one running setup (one journal). */
export interface StaffTools {
  staff: StaffService;
  watchdog: Watchdog;
  dayReport(date: string, counterId: string): DayReport;
  exportDayCsv(date: string, counterId: string, actor: Actor): Promise<ExportResult>;
  stop(): void;
}

export interface StaffToolsOptions {
  /** The engine's journal (its audit repo is where staff actions are written). */
  journal: Journal;
  environment: Environment;
  logger: Logger;
  alert: (event: AlertEvent) => void;
  saveFile?: SaveFile;
  clock?: () => Date;
  watchdogIntervalMs?: number;
}

export async function openStaffTools(options: StaffToolsOptions): Promise<StaffTools> {
  const now = options.clock ?? (() => new Date());
  // The journal's own connection: staff tables live in the journal file and the journal closes it.
  const db = options.journal.connection;
  const ready = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff'").get();
  if (!ready) throw new PosFailure('JOURNAL', 'The journal has no staff tables; it was not upgraded.');
  const staff = await createStaffService({
    journal: options.journal,
    environment: options.environment,
    clock: now,
    logger: options.logger.child('staff'),
  });
  const buildReport = dayReportBuilder(db);
  const watchdog = createWatchdog({
    journal: options.journal,
    now,
    alert: options.alert,
    ...(options.watchdogIntervalMs ? { intervalMs: options.watchdogIntervalMs } : {}),
  });
  const dayReport = (date: string, counterId: string) => buildReport({ date, counterId, now: now() });
  return {
    staff,
    watchdog,
    dayReport,
    async exportDayCsv(date, counterId, actor) {
      const report = dayReport(date, counterId);
      const counter = counterId === '*' ? 'all' : counterId;
      const result = await deliver(
        {
          filename: `day-report-${counter}-${date}.csv`,
          mime: 'text/csv',
          data: Buffer.from(dayReportCsv(report), 'utf8'),
        },
        options.saveFile,
      );
      if (!result.cancelled) {
        staff.record(actor, 'report-export', { details: { date, counterId, savedTo: result.savedTo } });
      }
      return result;
    },
    /** Stops the watchdog; the connection is the journal's and stays open. */
    stop() {
      watchdog.stop();
    },
  };
}
