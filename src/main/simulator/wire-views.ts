/**
 * Payments as Vipps puts them on the wire (spec GetPaymentResponse, ModificationResponse,
 * PaymentEvent).
 */
import type { Money, PaymentRecord } from './types';

function money(p: PaymentRecord, value: number): Money {
  return { value, currency: p.amount.currency };
}

function aggregate(p: PaymentRecord) {
  return {
    authorizedAmount: money(p, p.aggregate.authorized),
    cancelledAmount: money(p, p.aggregate.cancelled),
    capturedAmount: money(p, p.aggregate.captured),
    refundedAmount: money(p, p.aggregate.refunded),
  };
}

export function modificationResponse(p: PaymentRecord) {
  return {
    amount: { ...p.amount },
    state: p.state,
    aggregate: aggregate(p),
    pspReference: p.pspReference,
    reference: p.reference,
  };
}

export function getPaymentResponse(p: PaymentRecord) {
  return {
    ...modificationResponse(p),
    paymentMethod: { type: p.paymentMethodType },
    profile: p.profileSub ? { sub: p.profileSub } : {},
    ...(p.redirectUrl ? { redirectUrl: p.redirectUrl } : {}),
    ...(p.metadata ? { metadata: { ...p.metadata } } : {}),
  };
}

/**
 * The event log, as Vipps sends it: `name`, no `paymentAction` (the 1.4.1 spec lists that as
 * required without defining it — a spec bug the current docs and SDK do not have; the tests' strict
 * spec copy corrects it).
 */
export function paymentEvents(p: PaymentRecord) {
  return p.events.map((e) => ({
    reference: p.reference,
    pspReference: e.pspReference,
    name: e.name,
    amount: money(p, e.amount),
    timestamp: new Date(e.at).toISOString(),
    idempotencyKey: e.idempotencyKey,
    success: e.success,
  }));
}
