/**
 * The simulator's payments and everything that changes them. All changes are synchronous, so one
 * request is applied completely before the next one is looked at (as if Vipps locked the payment).
 * Expiry is evaluated lazily whenever a payment is read, and by sweep() when the clock moves.
 */
import { randomUUID } from 'node:crypto';
import type { SimClock } from './clock';
import type { WritableLedger } from './ledger';
import { validationError, vippsError } from './sim-error';
import { isEffect, LIFECYCLE, LIFECYCLE_REFUSAL, type LifecycleAction, MODIFICATIONS } from './state-machine';
import type { ChangeListener, LedgerKind, Money, PaymentRecord, VippsEventName } from './types';

export type NewPayment = Omit<
  PaymentRecord,
  'pspReference' | 'state' | 'aggregate' | 'events' | 'profileSub' | 'createdAt'
> & { idempotencyKey: string };

export interface PaymentBook {
  create(payment: NewPayment): PaymentRecord;
  find(msn: string, reference: string): PaymentRecord | undefined;
  /** Like find, but a missing payment is Vipps' 404. */
  get(msn: string, reference: string): PaymentRecord;
  /** Any merchant's payment with this reference (the in-process controls do not know the MSN). */
  byReference(reference: string): PaymentRecord | undefined;
  byRedirectToken(token: string): PaymentRecord | undefined;
  list(): PaymentRecord[];
  lifecycle(payment: PaymentRecord, action: LifecycleAction): PaymentRecord;
  cancel(payment: PaymentRecord, options: { cancelTransactionOnly: boolean }, key: string): PaymentRecord;
  capture(payment: PaymentRecord, amount: Money, key: string): PaymentRecord;
  refund(payment: PaymentRecord, amount: Money, key: string): PaymentRecord;
  /** Expires every payment whose time ran out. */
  sweep(): void;
}

export interface PaymentBookDeps {
  clock: SimClock;
  ledger: WritableLedger;
  emit: ChangeListener;
}

export function createPaymentBook({ clock, ledger, emit }: PaymentBookDeps): PaymentBook {
  const payments = new Map<string, PaymentRecord>();
  let pspCounter = 0;
  const pspBase = 3_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
  const nextPsp = () => String(pspBase + ++pspCounter);
  const keyOf = (msn: string, reference: string) => `${msn}/${reference}`;

  const addEvent = (
    p: PaymentRecord,
    name: VippsEventName,
    amount: number,
    key: string | null,
    at = clock.now(),
    psp = nextPsp(),
  ) => {
    p.events.push({ name, amount, at, idempotencyKey: key, success: true, pspReference: psp });
    emit({ reference: p.reference, state: p.state, event: name, at });
  };

  const move = (
    p: PaymentRecord,
    kind: LedgerKind,
    amount: number,
    key: string | null,
    at = clock.now(),
    pspReference: string | null = null,
  ) =>
    ledger.record({
      kind,
      msn: p.msn,
      reference: p.reference,
      amount,
      currency: p.amount.currency,
      idempotencyKey: key,
      at,
      pspReference,
    });

  /** Captures and refunds: the ledger entry and the event share the pspReference, as at Vipps. */
  const moveMoney = (p: PaymentRecord, kind: 'capture' | 'refund', amount: number, key: string | null) => {
    const psp = nextPsp();
    const at = clock.now();
    move(p, kind, amount, key, at, psp);
    addEvent(p, kind === 'capture' ? 'CAPTURED' : 'REFUNDED', amount, key, at, psp);
  };

  const transition = (p: PaymentRecord, action: LifecycleAction, key: string | null, at = clock.now()) => {
    const step = LIFECYCLE[p.state][action];
    if (!step) throw vippsError(LIFECYCLE_REFUSAL[p.state], `The payment is ${p.state}.`);
    p.state = step.to;
    if (action === 'approve') {
      p.aggregate.authorized = p.amount.value;
      if (p.profileScope) p.profileSub = randomUUID();
      move(p, 'authorize', p.amount.value, null, at);
    }
    if (action === 'terminate') {
      // Vipps reports the whole amount as cancelled on a payment cancelled before approval.
      p.aggregate.cancelled = p.amount.value;
      move(p, 'cancel', p.amount.value, key, at);
    }
    addEvent(p, step.event, p.amount.value, key, at);
    return p;
  };

  const settle = (p: PaymentRecord) => {
    if (p.state === 'CREATED' && clock.now() >= p.expiresAt) transition(p, 'expire', null, p.expiresAt);
    return p;
  };

  const sameCurrency = (p: PaymentRecord, amount: Money) => {
    if (amount.currency !== p.amount.currency) {
      throw validationError([
        { name: 'modificationAmount.currency', reason: `The payment's currency is ${p.amount.currency}.` },
      ]);
    }
    if (!Number.isInteger(amount.value) || amount.value < 1 || amount.value > 65_000_000) {
      throw vippsError('4040');
    }
  };

  const ruleFor = (p: PaymentRecord, modification: 'cancel' | 'capture' | 'refund') => {
    const rule = MODIFICATIONS[p.state][modification];
    if (!isEffect(rule)) throw vippsError(rule, `The payment is ${p.state}.`);
    return rule;
  };

  return {
    create(input) {
      const id = keyOf(input.msn, input.reference);
      if (payments.has(id)) throw vippsError('4150');
      const { idempotencyKey, ...fields } = input;
      const payment: PaymentRecord = {
        ...fields,
        pspReference: nextPsp(),
        state: 'CREATED',
        createdAt: clock.now(),
        aggregate: { authorized: 0, cancelled: 0, captured: 0, refunded: 0 },
        events: [],
        profileSub: null,
      };
      payments.set(id, payment);
      addEvent(
        payment,
        'CREATED',
        payment.amount.value,
        idempotencyKey,
        payment.createdAt,
        payment.pspReference,
      );
      return payment;
    },

    find(msn, reference) {
      const p = payments.get(keyOf(msn, reference));
      return p ? settle(p) : undefined;
    },

    get(msn, reference) {
      const p = payments.get(keyOf(msn, reference));
      if (!p) throw vippsError('5090', `No payment with reference ${reference}.`);
      return settle(p);
    },

    byReference(reference) {
      for (const p of payments.values()) if (p.reference === reference) return settle(p);
      return undefined;
    },

    byRedirectToken(token) {
      for (const p of payments.values()) if (p.redirectToken === token) return settle(p);
      return undefined;
    },

    list() {
      return [...payments.values()].map(settle);
    },

    lifecycle(payment, action) {
      return transition(settle(payment), action, null);
    },

    cancel(payment, { cancelTransactionOnly }, key) {
      const p = settle(payment);
      const rule = ruleFor(p, 'cancel');
      if (rule === 'terminate') return transition(p, 'terminate', key);
      if (cancelTransactionOnly) throw vippsError('6060');
      const { authorized, captured, cancelled } = p.aggregate;
      if (captured >= authorized) throw vippsError('6040');
      const remainder = authorized - captured - cancelled;
      if (remainder <= 0) throw vippsError('6190', 'The remaining amount is already cancelled.');
      p.aggregate.cancelled += remainder;
      move(p, 'cancel', remainder, key);
      addEvent(p, 'CANCELLED', remainder, key);
      return p;
    },

    capture(payment, amount, key) {
      const p = settle(payment);
      ruleFor(p, 'capture');
      sameCurrency(p, amount);
      const { authorized, captured, cancelled } = p.aggregate;
      const capturable = authorized - captured - cancelled;
      if (capturable === 0 && cancelled > 0) throw vippsError('6070');
      if (amount.value > capturable) throw vippsError('6090', `At most ${capturable} can be captured.`);
      p.aggregate.captured += amount.value;
      moveMoney(p, 'capture', amount.value, key);
      return p;
    },

    refund(payment, amount, key) {
      const p = settle(payment);
      ruleFor(p, 'refund');
      sameCurrency(p, amount);
      const { captured, refunded } = p.aggregate;
      if (captured === 0) throw vippsError('6020');
      if (amount.value > captured - refunded) {
        throw vippsError('6150', `At most ${captured - refunded} can be refunded.`);
      }
      p.aggregate.refunded += amount.value;
      moveMoney(p, 'refund', amount.value, key);
      return p;
    },

    sweep() {
      for (const p of payments.values()) settle(p);
    },
  };
}
