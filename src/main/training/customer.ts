import type { PaymentView, TrainingCustomerRequest } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { PaymentsService } from '../payments/types';
import type { VippsClient } from '../vipps/types';
import type { TrainingBackend } from './backend';

/**
 * The "customer phone" of training mode (the caller checks that it is training): approve, reject
 * or let expire a payment this counter made, as the customer would in the app. Against an external Vipps (a simulator someone else
 * runs) only approval exists, through the test API's force-approve.
 */
export async function actAsCustomer(
  setup: { backend: TrainingBackend | null; engine: PaymentsService; client: VippsClient },
  req: TrainingCustomerRequest,
): Promise<PaymentView> {
  // Only payments this counter made can be acted on; get() throws NOT_FOUND otherwise.
  await setup.engine.get(req.reference);
  if (setup.backend) {
    setup.backend.customer(req.reference, req.action);
  } else if (req.action === 'approve') {
    await setup.client.forceApprove(req.reference, {});
  } else {
    throw new PosFailure(
      'FORBIDDEN',
      'Only "approve" is available when training against an external Vipps URL.',
    );
  }
  return (await setup.engine.get(req.reference)).payment;
}
