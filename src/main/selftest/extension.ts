/**
 * The self-test in the app: run once when a setup starts (not awaited: payments never wait on it;
 * the journal's structure only) and again on demand (every page of the journal). A failed check
 * also raises an alert so the counter sees it at once.
 */
import type { SelfTestReport } from '../../preload/contract';
import type { CoreExtension } from '../ipc/extension';
import { createVippsClient, systemInfoFromPackage } from '../vipps';
import type { JournalCheckDepth } from './checks';
import { runSelfTest } from './run';

export function selfTestExtension(options: { timeoutMs?: number } = {}): CoreExtension {
  return {
    name: 'selftest',
    async start(ctx) {
      const info = ctx.info();
      // Its own client that asks once and holds no token yet: "keys accepted" means just now.
      const client = () =>
        createVippsClient({
          baseUrl: ctx.baseUrl,
          credentials: ctx.credentials,
          system: systemInfoFromPackage({ name: info.name, version: info.version }),
          retry: { maxAttempts: 1 },
          timeoutMs: options.timeoutMs ?? 8000,
          logger: ctx.logger,
        });
      let last: SelfTestReport | null = null;
      let running: { depth: JournalCheckDepth; report: Promise<SelfTestReport> } | null = null;
      let stopped = false;
      const runOnce = (depth: JournalCheckDepth): Promise<SelfTestReport> =>
        runSelfTest({
          environment: ctx.environment,
          baseUrl: ctx.baseUrl,
          client: client(),
          journalFile: ctx.journalFile,
          journalCheck: depth,
          dataDir: ctx.dataDir,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        }).then((report) => {
          last = report;
          ctx.logger.info('self-test finished', { outcome: report.outcome, journalCheck: depth });
          const failed = report.checks.filter((c) => c.outcome === 'failed');
          if (failed.length > 0 && !stopped) {
            ctx.emit({
              channel: 'pos:event:alert',
              payload: {
                kind: 'ATTENTION',
                code: 'SELFTEST_FAILED',
                params: { checks: failed.map((c) => c.id).join(',') },
                message: `Self-test: ${failed.map((c) => c.message).join(' ')}`,
              },
            });
          }
          return report;
        });
      const run = (depth: JournalCheckDepth): Promise<SelfTestReport> => {
        // A request while a run is going shares it, unless it asks for more than that run checks:
        // someone who pressed "run the self-test" during the start-up run gets the full check.
        if (running && (running.depth === 'full' || depth === 'structure')) return running.report;
        const before = running?.report.catch(() => undefined) ?? Promise.resolve();
        const current = {
          depth,
          report: before
            .then(() => runOnce(depth))
            .finally(() => {
              if (running === current) running = null;
            }),
        };
        running = current;
        return current.report;
      };
      // At start the journal's open has just checked its structure (every page after a crash);
      // a full page check here would hold the main process for seconds on a big journal.
      run('structure').catch((error: unknown) => ctx.logger.error('self-test failed to run', { error }));
      return {
        handlers: {
          'pos:selftest:last': () => last,
          'pos:selftest:run': () => run('full'),
        },
        async stop() {
          stopped = true;
          await running?.report.catch(() => undefined);
        },
      };
    },
  };
}
