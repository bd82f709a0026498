/** Webhook settings in the app: status (with the polling explanation), register, unregister. */
import type { CoreExtension } from '../ipc/extension';
import { systemInfoFromPackage } from '../vipps';
import { createWebhooksApi } from './api';
import { createWebhookService } from './service';

export function webhooksExtension(): CoreExtension {
  return {
    name: 'webhooks',
    async start(ctx) {
      const info = ctx.info();
      const service = createWebhookService({
        dataDir: ctx.dataDir,
        environment: ctx.environment,
        secretBox: ctx.secretBox,
        api:
          ctx.environment === 'training'
            ? null
            : createWebhooksApi({
                baseUrl: ctx.baseUrl,
                credentials: ctx.credentials,
                system: systemInfoFromPackage({ name: info.name, version: info.version }),
                logger: ctx.logger,
              }),
      });
      return {
        handlers: {
          'pos:webhooks:status': () => service.status(),
          'pos:webhooks:register': (req) => service.register(req.url),
          'pos:webhooks:unregister': () => service.unregister(),
        },
        async stop() {},
      };
    },
  };
}
