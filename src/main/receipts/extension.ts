/**
 * Receipts in the app: every sale that completes gets a receipt job (the engine's payment events
 * say when; `start()` also picks up sales a crash kept from being handed over), and the sale's
 * receipt status reaches the windows like any other change of the sale.
 */
import { PosFailure } from '../errors';
import type { CoreExtension } from '../ipc/extension';
import { createReceiptQueue, type ReceiptBackoff } from './queue';

export interface ReceiptsExtensionOptions {
  backoff?: Partial<ReceiptBackoff>;
}

export function receiptsExtension(options: ReceiptsExtensionOptions = {}): CoreExtension {
  return {
    name: 'receipts',
    async start(ctx) {
      const queue = createReceiptQueue({
        journal: ctx.journal,
        vipps: ctx.vipps,
        logger: ctx.logger,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        onPayment: (payload) => ctx.emit({ channel: 'pos:event:payment', payload }),
      });
      const off = ctx.payments.on('payment', (view) => {
        // After the engine's write has committed, so the job is not part of the engine's transaction.
        if (view.status === 'COMPLETED' && view.receipt === 'none')
          setImmediate(() => queue.enqueue(view.reference));
      });
      queue.start();
      const known = (reference: string) => {
        if (!ctx.journal.payments.get(reference)) {
          throw new PosFailure('NOT_FOUND', 'No sale with that reference in this journal.', {
            details: { reference },
          });
        }
        return reference;
      };
      return {
        handlers: {
          'pos:receipt:get': (req) => queue.view(known(req.reference)),
          'pos:receipt:retry': (req) => queue.retry(known(req.reference)),
        },
        async stop() {
          off();
          await queue.close();
        },
      };
    },
  };
}
