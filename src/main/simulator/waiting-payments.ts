/**
 * What training mode's "customer phone" panel lists: payments waiting for the customer, oldest
 * first. Pure, so the panel and its tests need no server.
 */
import { maskPhone } from '../log';
import type { Money, PaymentRecord, UserFlow } from './types';

export interface WaitingPayment {
  reference: string;
  amount: Money;
  userFlow: UserFlow;
  /** "•••• 4567" for a phone number, "personal QR" / "customer token" otherwise, null for QR. */
  customer: string | null;
  description: string | null;
  createdAt: number;
  expiresAt: number;
  /** Milliseconds left before the payment expires (0 when overdue but not yet swept). */
  remainingMs: number;
}

function describeCustomer(p: PaymentRecord): string | null {
  if (!p.customer) return null;
  if ('phoneNumber' in p.customer) return maskPhone(p.customer.phoneNumber);
  return 'personalQr' in p.customer ? 'personal QR' : 'customer token';
}

export function paymentsWaitingForCustomer(
  payments: readonly PaymentRecord[],
  now: number,
): WaitingPayment[] {
  return payments
    .filter((p) => p.state === 'CREATED' && p.expiresAt > now)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((p) => ({
      reference: p.reference,
      amount: { ...p.amount },
      userFlow: p.userFlow,
      customer: describeCustomer(p),
      description: p.paymentDescription,
      createdAt: p.createdAt,
      expiresAt: p.expiresAt,
      remainingMs: Math.max(0, p.expiresAt - now),
    }));
}
