/**
 * The self-test in the app: run once when a setup starts (not awaited: payments never wait on it)
 * and again on demand. A failed check also raises an alert so the counter sees it at once.
 */
import type { SelfTestReport } from '../../preload/contract';
import type { CoreExtension } from '../ipc/extension';
import { createVippsClient, systemInfoFromPackage } from '../vipps';
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
      let running: Promise<SelfTestReport> | null = null;
      let stopped = false;
      const run = (): Promise<SelfTestReport> => {
        running ??= runSelfTest({
          environment: ctx.environment,
          baseUrl: ctx.baseUrl,
          client: client(),
          journalFile: ctx.journalFile,
          dataDir: ctx.dataDir,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        })
          .then((report) => {
            last = report;
            ctx.logger.info('self-test finished', { outcome: report.outcome });
            const failed = report.checks.filter((c) => c.outcome === 'failed');
            if (failed.length > 0 && !stopped) {
              ctx.emit({
                channel: 'pos:event:alert',
                payload: {
                  kind: 'ATTENTION',
                  message: `Self-test: ${failed.map((c) => c.message).join(' ')}`,
                },
              });
            }
            return report;
          })
          .finally(() => {
            running = null;
          });
        return running;
      };
      run().catch((error: unknown) => ctx.logger.error('self-test failed to run', { error }));
      return {
        handlers: {
          'pos:selftest:last': () => last,
          'pos:selftest:run': () => run(),
        },
        async stop() {
          stopped = true;
          await running?.catch(() => undefined);
        },
      };
    },
  };
}
