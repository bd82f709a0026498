/**
 * A spec-faithful Vipps MobilePay (ePayment v1, Order Management v2, access token) on
 * 127.0.0.1, for training mode and tests. It runs in-process: customers, the clock and network
 * faults are driven through the returned object, and the ledger records every money movement.
 */
import type { AddressInfo } from 'node:net';
import type { Currency } from '../../preload/contract';
import { type Logger, silentLogger } from '../log';
import { createAuth } from './auth';
import { createSimClock, type SimClock } from './clock';
import { epaymentRoutes } from './epayment-routes';
import { createFaults, type Faults } from './faults';
import { createIdempotencyStore } from './idempotency';
import { createLedger, type Ledger } from './ledger';
import type { TrafficObserver } from './observers';
import { orderManagementRoutes } from './order-management-routes';
import { createOrderStore } from './order-store';
import { createPaymentBook } from './payment-book';
import { publicRoutes } from './public-routes';
import { createSimRateLimits } from './rate-limits';
import { reportRoutes } from './report-routes';
import { createRequestLog, type RequestLog } from './request-log';
import type { SimContext } from './routes';
import { createSimServer } from './server';
import { createSettlement, type Settlement, type SettlementOptions } from './settlement';
import { vippsError } from './sim-error';
import type { ChangeListener, PaymentRecord, SimCredentials } from './types';
import { paymentsWaitingForCustomer, type WaitingPayment } from './waiting-payments';
import { webhookRoutes } from './webhook-routes';
import { createWebhookStore, type DeliveryResolver, type Webhooks } from './webhooks';

export type { SimClock } from './clock';
export { createSimClock } from './clock';
export { UNKNOWN_CUSTOMER_PHONE } from './create-request';
export type { FaultHandle, FaultKind, FaultSpec, Faults } from './faults';
export type { Reply, SimRequest } from './http-types';
export type { Ledger } from './ledger';
export { globalTrafficObservers, type TrafficObserver } from './observers';
export type { LoggedRequest, RequestLog } from './request-log';
export type {
  LedgerInfo,
  OutsideMovement,
  Settlement,
  SettlementEntry,
  SettlementOptions,
  SettlementTopic,
} from './settlement';
export { SimError } from './sim-error';
export type * from './types';
export { paymentsWaitingForCustomer, type WaitingPayment } from './waiting-payments';
export type { DeliveryResolver, WebhookDelivery, WebhookRegistration, Webhooks } from './webhooks';
export { EPAYMENT_WEBHOOK_EVENTS, signDelivery } from './webhooks';

/** The fixed credentials training mode uses with the simulator. Not secrets: they open nothing real. */
export const TRAINING_CREDENTIALS: Readonly<SimCredentials> = Object.freeze({
  clientId: 'training-client-id',
  clientSecret: 'training-client-secret',
  subscriptionKey: 'training-subscription-key',
  merchantSerialNumber: '123456',
});

export interface SimulatorOptions {
  /** Default 0: any free port. The simulator only ever listens on 127.0.0.1. */
  port?: number;
  clock?: SimClock;
  credentials?: SimCredentials;
  logger?: Logger;
  /** Currencies the sales unit accepts (others get 5040). Default: NOK, DKK and EUR. */
  currencies?: readonly Currency[];
  /** Seed for probabilistic faults. Default 1. */
  faultSeed?: number;
  /** How often real time is checked for expired payments; 0 turns the sweep off. Default 1000 ms. */
  expirySweepMs?: number;
  /** Where webhook deliveries really go (tests: a loopback server); the signature names the registered URL. */
  resolveWebhookDelivery?: DeliveryResolver;
  /**
   * Vipps' per-reference rate limits (429 + Retry-After). Default ON, as in training. Only a test
   * that deliberately sends more than Vipps allows for one payment may pass false.
   */
  rateLimits?: boolean;
  /** The settlement ledger (Report API): cut-off hour, time zone, fees, page size. */
  settlement?: SettlementOptions;
}

export interface Simulator {
  /** http://127.0.0.1:<port> — the base URL for both ePayment and Order Management. */
  readonly url: string;
  readonly credentials: Readonly<SimCredentials>;
  readonly clock: SimClock;
  /** What the customer does in the app. Each throws SimError when the payment is not waiting. */
  readonly customer: {
    approve(reference: string): PaymentRecord;
    reject(reference: string): PaymentRecord;
    expire(reference: string): PaymentRecord;
    waiting(): WaitingPayment[];
  };
  readonly faults: Faults;
  readonly ledger: Ledger;
  /** The Report API's view of the money: ledgers, funds and fees entries per ledger date, payouts. */
  readonly settlement: Settlement;
  /** Copies: changing them changes nothing in the simulator. */
  readonly payments: { get(reference: string): PaymentRecord | undefined; list(): PaymentRecord[] };
  readonly requests: RequestLog;
  /** Webhooks API registrations and the signed deliveries made to them. */
  readonly webhooks: Webhooks;
  /** How many requests the per-reference rate limits refused (429). */
  readonly rateLimited: () => number;
  /** Called synchronously whenever a payment gets a new event. Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void;
  /** Test hook: see every request before it is acted on and every answer sent. Returns a remover. */
  observe(observer: TrafficObserver): () => void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? createSimClock();
  const credentials = { ...(options.credentials ?? TRAINING_CREDENTIALS) };
  const logger = (options.logger ?? silentLogger).child('simulator');
  const listeners = new Set<ChangeListener>();
  const ledger = createLedger();
  const book = createPaymentBook({
    clock,
    ledger,
    emit: (change) => {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch (error) {
          logger.warn('simulator change listener threw', { error });
        }
      }
    },
  });
  const faults = createFaults(options.faultSeed ?? 1);
  const requests = createRequestLog();
  const auth = createAuth(credentials, clock);
  let baseUrl = '';
  const currencies = options.currencies ?? ['NOK', 'DKK', 'EUR'];
  const settlement = createSettlement({
    clock,
    ledger,
    msn: credentials.merchantSerialNumber,
    currencies,
    ...(options.settlement ? { options: options.settlement } : {}),
  });
  const ctx: SimContext = {
    clock,
    auth,
    book,
    idempotency: createIdempotencyStore(),
    orders: createOrderStore(),
    currencies,
    settlement,
    baseUrl: () => baseUrl,
  };
  const webhooks = createWebhookStore({
    clock,
    book,
    logger,
    ...(options.resolveWebhookDelivery ? { resolveDelivery: options.resolveWebhookDelivery } : {}),
  });
  listeners.add((change) => webhooks.onPaymentChange(change));
  const routes = [
    ...publicRoutes(ctx),
    ...epaymentRoutes(ctx),
    ...orderManagementRoutes(ctx),
    ...webhookRoutes(webhooks),
    ...reportRoutes(ctx),
  ];
  const rateLimits = createSimRateLimits(clock, options.rateLimits ?? true);
  const observers = new Set<TrafficObserver>();
  const sim = createSimServer({ routes, faults, rateLimits, requests, auth, clock, logger, observers });

  await new Promise<void>((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(sim.server.address() as AddressInfo).port}`;

  const stopAdvance = clock.onAdvance(() => book.sweep());
  const sweepMs = options.expirySweepMs ?? 1000;
  const sweeper = sweepMs > 0 ? setInterval(() => book.sweep(), sweepMs) : null;
  sweeper?.unref();

  const customerAction = (action: 'approve' | 'reject' | 'expire') => (reference: string) => {
    const payment = book.byReference(reference);
    if (!payment) throw vippsError('5090', `No payment with reference ${reference}.`);
    return structuredClone(book.lifecycle(payment, action));
  };

  logger.info('simulator listening', { url: baseUrl });
  return {
    url: baseUrl,
    credentials,
    clock,
    customer: {
      approve: customerAction('approve'),
      reject: customerAction('reject'),
      expire: customerAction('expire'),
      waiting: () => paymentsWaitingForCustomer(book.list(), clock.now()),
    },
    faults,
    ledger,
    settlement,
    payments: {
      get: (reference) => {
        const p = book.byReference(reference);
        return p ? structuredClone(p) : undefined;
      },
      list: () => book.list().map((p) => structuredClone(p)),
    },
    requests,
    webhooks: {
      registrations: (msn) => webhooks.registrations(msn),
      deliveries: () => webhooks.deliveries(),
      settled: () => webhooks.settled(),
    },
    rateLimited: () => rateLimits.refused(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    observe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    async close() {
      stopAdvance();
      if (sweeper) clearInterval(sweeper);
      listeners.clear();
      await webhooks.settled();
      await sim.close();
    },
  };
}
