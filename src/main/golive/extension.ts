/**
 * The settings action "Go-live evidence": the same scenarios as `npm run golive`, against the
 * current setup, through its engine and journal (the payments show in History marked as go-live
 * tests). Test environment and training only; force-approve does not exist in production.
 */
import type { GoLiveReport } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { CoreExtension } from '../ipc/extension';
import { runGoLive } from '.';

/** Any valid number works against the simulator; the test environment needs a real test user. */
const TRAINING_PHONE = '4791234567';

export function goLiveExtension(options: { pollMs?: number } = {}): CoreExtension {
  return {
    name: 'golive',
    async start(ctx) {
      let running: Promise<GoLiveReport> | null = null;
      return {
        handlers: {
          'pos:golive:run': (req) => {
            const environment = ctx.environment;
            if (environment === 'production') {
              throw new PosFailure(
                'FORBIDDEN',
                'Go-live scenarios run in the test environment. In production, make the four payments by hand.',
              );
            }
            const phone =
              environment === 'training' ? TRAINING_PHONE : (req.phone ?? '').replace(/[\s+]/g, '');
            if (!phone) {
              throw new PosFailure(
                'VALIDATION',
                "Enter the test user's phone number (the one in the Vipps MT / MobilePay MT test app).",
                {
                  details: { field: 'phone' },
                },
              );
            }
            if (running)
              throw new PosFailure('OPERATION_IN_PROGRESS', 'The go-live scenarios are already running.', {
                retryable: true,
              });
            // Refuses while start-up recovery runs, like any sale.
            const payments = ctx.paymentsForChange();
            running = runGoLive({
              payments,
              client: ctx.vipps,
              environment,
              merchantSerialNumber: ctx.credentials.merchantSerialNumber,
              currency: ctx.info().currency,
              phone,
              ...(options.pollMs !== undefined
                ? { pollMs: options.pollMs }
                : environment === 'training'
                  ? { pollMs: 50 }
                  : {}),
            }).finally(() => {
              running = null;
            });
            return running;
          },
        },
        async stop() {
          await running?.catch(() => undefined);
        },
      };
    },
  };
}
