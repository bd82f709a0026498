/** Settlement reconciliation as a core extension: its channels (pos:settlement:*) and the background sync. */
import type { CoreExtension } from '../ipc/extension';
import { MARKET_DEFAULTS } from '../settings/market';
import type { SaveFile } from '../support/deliver';
import { createReportClient, systemInfoFromPackage } from '../vipps';
import { createSettlementService } from './service';

export function settlementExtension(host: { saveFile?: SaveFile } = {}): CoreExtension {
  return {
    name: 'settlement',
    async start(ctx) {
      const info = ctx.info();
      const service = createSettlementService({
        journal: ctx.journal,
        environment: ctx.environment,
        // Production only at Vipps; training reads the simulator's ledger.
        client:
          ctx.environment === 'test'
            ? null
            : createReportClient({
                baseUrl: ctx.baseUrl,
                credentials: ctx.credentials,
                system: systemInfoFromPackage({ name: info.name, version: info.version }),
                logger: ctx.logger,
              }),
        currency: () => MARKET_DEFAULTS[ctx.settings().market].currency,
        logger: ctx.logger,
        // Training: a short pause, so practice sales show up while someone looks.
        ...(ctx.environment === 'training' ? { sync: { idleMs: 15_000, probeEveryMs: 60_000 } } : {}),
        ...(host.saveFile ? { saveFile: host.saveFile } : {}),
      });
      service.start();
      return {
        handlers: {
          'pos:settlement:day': (req) => service.day(req),
          'pos:settlement:day-csv': (req) => service.dayCsv(req),
          'pos:settlement:sync': () => service.syncNow(),
        },
        stop: () => service.stop(),
      };
    },
  };
}
