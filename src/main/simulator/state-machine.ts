/**
 * The ePayment state machine as two tables (spec `State`; docs operations/cancel, capture, refund).
 *
 * States: CREATED (waiting for the customer) → AUTHORIZED | ABORTED | EXPIRED | TERMINATED, all
 * final. AUTHORIZED stays AUTHORIZED through captures, refunds and the cancel of the remainder;
 * only the aggregate changes. CANCELLED, CAPTURED and REFUNDED are events, never states.
 */
import type { VippsErrorCode } from './error-catalogue';
import type { VippsEventName, VippsState } from './types';

/** Things that happen to a payment that is still waiting: the customer, the clock, the merchant. */
export type LifecycleAction = 'approve' | 'reject' | 'expire' | 'terminate';

interface Transition {
  to: VippsState;
  event: VippsEventName;
}

export const LIFECYCLE: Record<VippsState, Partial<Record<LifecycleAction, Transition>>> = {
  CREATED: {
    approve: { to: 'AUTHORIZED', event: 'AUTHORIZED' },
    reject: { to: 'ABORTED', event: 'ABORTED' },
    expire: { to: 'EXPIRED', event: 'EXPIRED' },
    terminate: { to: 'TERMINATED', event: 'TERMINATED' },
  },
  AUTHORIZED: {},
  ABORTED: {},
  EXPIRED: {},
  TERMINATED: {},
};

/** Why a customer action is refused once the payment left CREATED (test-environment codes). */
export const LIFECYCLE_REFUSAL: Record<VippsState, VippsErrorCode> = {
  CREATED: '10020',
  AUTHORIZED: '6230',
  ABORTED: '10020',
  EXPIRED: '10020',
  TERMINATED: '10020',
};

export type Modification = 'cancel' | 'capture' | 'refund';

/**
 * What a merchant modification does in each state: an effect, or the documented error code.
 * Amount rules inside AUTHORIZED (6040, 6060, 6070, 6090, 6150, 6020) are checked by the effect.
 */
export type ModificationEffect = 'terminate' | 'release-remainder' | 'capture' | 'refund';

export const MODIFICATIONS: Record<VippsState, Record<Modification, ModificationEffect | VippsErrorCode>> = {
  //          cancel                       capture          refund
  CREATED: { cancel: 'terminate', capture: '6080', refund: '6020' },
  AUTHORIZED: { cancel: 'release-remainder', capture: 'capture', refund: 'refund' },
  ABORTED: { cancel: '6050', capture: '6200', refund: '6210' },
  EXPIRED: { cancel: '6050', capture: '6200', refund: '6210' },
  TERMINATED: { cancel: '6190', capture: '6070', refund: '6210' },
};

export function isEffect(rule: ModificationEffect | VippsErrorCode): rule is ModificationEffect {
  return !/^\d+$/.test(rule);
}
