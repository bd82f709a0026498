import type Database from 'better-sqlite3';
import type { AlertEvent, DayReport, Environment, ExportResult } from '../../preload/contract';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import { dayReportCsv } from '../reports/csv';
import { dayReportBuilder } from '../reports/day-report';
import { createWatchdog, type Watchdog } from '../reports/watchdog';
import { deliver, type SaveFile } from '../support/deliver';
import type { Actor } from './actor';
import { createStaffService, type StaffService } from './service';
import { openToolsDb } from './tools-db';

/** Everything staff use besides selling, for one running setup (one journal). */
export interface StaffTools {
  staff: StaffService;
  watchdog: Watchdog;
  dayReport(date: string, counterId: string): DayReport;
  exportDayCsv(date: string, counterId: string, actor: Actor): Promise<ExportResult>;
  close(): void;
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
  const db: Database.Database = openToolsDb(options.journal.file);
  try {
    const staff = await createStaffService({
      db,
      journal: options.journal,
      environment: options.environment,
      clock: now,
      logger: options.logger.child('staff'),
    });
    const buildReport = dayReportBuilder(db);
    const watchdog = createWatchdog({
      db,
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
      close() {
        watchdog.stop();
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
