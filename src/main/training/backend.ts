import type { TrainingCustomerRequest } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Logger } from '../log';
import { SimError, type Simulator, startSimulator } from '../simulator';
import type { VippsCredentials } from '../vipps/types';

/** Training mode's Vipps: the in-process simulator, and the "customer phone" that drives it. */
export interface TrainingBackend {
  url: string;
  credentials: VippsCredentials;
  customer(reference: string, action: TrainingCustomerRequest['action']): void;
  close(): Promise<void>;
}

export async function startTrainingBackend(options: { logger: Logger }): Promise<TrainingBackend> {
  const simulator: Simulator = await startSimulator({ logger: options.logger });
  return {
    url: simulator.url,
    credentials: { ...simulator.credentials },
    customer(reference, action) {
      try {
        simulator.customer[action](reference);
      } catch (error) {
        if (error instanceof SimError) {
          throw new PosFailure('INVALID_STATE', 'The customer can no longer act on this payment.', {
            details: { reference },
          });
        }
        throw error;
      }
    },
    close: () => simulator.close(),
  };
}
