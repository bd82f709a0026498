import type { AuditPage, DayReport, ReservationView, StaffSession } from '../../../src/preload/contract';
import { useStaffStore } from '../../../src/renderer/src/stores/staff';
import { completedPayment, paymentView } from '../support/fake-pos';

export function resetStaffStore(): void {
  useStaffStore.setState({
    session: null,
    error: null,
    busy: false,
    report: null,
    reservations: [],
    audit: null,
    lastExport: null,
  });
}

export const POLICY = {
  refund: 'manager',
  release: 'manager',
  settings: 'manager',
  report: 'anyone',
  support: 'anyone',
} as const;

export function session(patch: Partial<StaffSession> = {}): StaffSession {
  return {
    staff: null,
    bootstrapNeeded: false,
    trainingPin: '1234',
    policy: POLICY,
    idleMinutes: 5,
    expiresAt: null,
    ...patch,
  };
}

export const MANAGER = {
  id: 1,
  name: 'Kari',
  role: 'manager',
  active: true,
  createdAt: '2026-11-25T08:00:00.000Z',
} as const;

export function dayReport(patch: Partial<DayReport> = {}): DayReport {
  return {
    date: '2026-11-25',
    counterId: 'kasse-1',
    from: '2026-11-24T23:00:00.000Z',
    to: '2026-11-25T23:00:00.000Z',
    byStatus: [
      { status: 'COMPLETED', currency: 'NOK', count: 2, amount: 35_000, kept: 35_000 },
      { status: 'PARTLY_REFUNDED', currency: 'NOK', count: 1, amount: 10_000, kept: 5_000 },
      { status: 'REJECTED', currency: 'NOK', count: 1, amount: 9_900, kept: 0 },
    ],
    money: [{ currency: 'NOK', captured: 45_000, refunded: 5_000, net: 40_000, captures: 3, refunds: 1 }],
    refunds: [
      {
        reference: 'kasse-1-20261125-000002',
        amount: 5_000,
        currency: 'NOK',
        reason: 'Broken mug',
        status: 'succeeded',
        at: '2026-11-25T14:00:00.000Z',
      },
    ],
    openItems: [
      {
        reference: 'kasse-1-20261125-000009',
        kind: 'reservation-uncaptured',
        status: 'RESERVED',
        amount: 2_500,
        currency: 'NOK',
        since: '2026-11-25T15:00:00.000Z',
      },
    ],
    generatedAt: '2026-11-25T18:00:00.000Z',
    ...patch,
  };
}

export function reservation(urgency: ReservationView['urgency'], reference: string): ReservationView {
  return {
    payment: paymentView({
      reference,
      status: 'RESERVED',
      vippsState: 'AUTHORIZED',
      aggregate: { authorized: 2_500, captured: 0, refunded: 0, cancelled: 0 },
      capturable: 2_500,
      qr: null,
    }),
    authorizedAt: '2026-11-20T10:00:00.000Z',
    ageHours: 130,
    deadline: '2027-05-19T10:00:00.000Z',
    safeUntil: '2026-11-27T10:00:00.000Z',
    urgency,
  };
}

export function auditPage(): AuditPage {
  return {
    items: [
      {
        id: 12,
        at: '2026-11-25T14:00:00.000Z',
        actor: 'Ola',
        action: 'refund',
        reference: 'kasse-1-20261125-000002',
        amount: 5_000,
        currency: 'NOK',
        details: { staffId: 2, role: 'cashier', approvedBy: { id: 1, name: 'Kari' } },
      },
      {
        id: 11,
        at: '2026-11-25T13:00:00.000Z',
        actor: 'Ola',
        action: 'sign-in',
        reference: null,
        amount: null,
        currency: null,
        details: {},
      },
    ],
    nextBeforeId: 11,
  };
}

export { completedPayment };
