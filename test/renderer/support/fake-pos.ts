import {
  type AlertEvent,
  API_LAYOUT,
  type AppInfo,
  type ConnectivityEvent,
  type PaymentDetail,
  type PaymentView,
  type PosApi,
  type PosError,
  type Result,
  type SettingsView,
} from '../../../src/preload/contract';

/** "payment.start", "settings.get", … — the PosApi method paths. */
export type Method = {
  [G in keyof typeof API_LAYOUT]: `${G & string}.${keyof (typeof API_LAYOUT)[G] & string}`;
}[keyof typeof API_LAYOUT];

export interface RecordedCall {
  method: Method;
  req: unknown;
}

type Handler = (req: unknown) => Result<unknown> | Promise<Result<unknown>>;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: PosError['code'],
  details?: PosError['details'],
  retryable = false,
): Result<never> {
  return {
    ok: false,
    error: { code, message: `main says ${code}`, retryable, ...(details ? { details } : {}) },
  };
}

export function appInfo(patch: Partial<AppInfo> = {}): AppInfo {
  return {
    name: 'Vipps MobilePay Counter',
    version: '0.1.0',
    environment: 'training',
    training: true,
    counterId: 'kasse-1',
    market: 'NO',
    currency: 'NOK',
    brand: 'vipps',
    vatRate: 2500,
    language: 'en',
    recovery: null,
    ...patch,
  };
}

/** As main derives it (payments/status.ts shownStatus): a completed sale with refunds reads refunded. */
function shownOf(view: Omit<PaymentView, 'shown' | 'kept'>): Pick<PaymentView, 'shown' | 'kept'> {
  const { captured, refunded } = view.aggregate;
  const refundedShown = refunded >= captured ? 'REFUNDED' : 'PARTLY_REFUNDED';
  return {
    shown: view.status === 'COMPLETED' && refunded > 0 ? refundedShown : view.status,
    kept: Math.max(0, captured - refunded),
  };
}

export function paymentView(patch: Partial<PaymentView> = {}): PaymentView {
  const { shown, kept, ...rest } = patch;
  const view: Omit<PaymentView, 'shown' | 'kept'> = {
    reference: 'kasse-1-20261125-000001',
    counterId: 'kasse-1',
    amount: 14950,
    currency: 'NOK',
    flow: 'QR',
    description: '',
    phoneMasked: null,
    status: 'WAITING',
    vippsState: 'CREATED',
    aggregate: { authorized: 0, captured: 0, refunded: 0, cancelled: 0 },
    capturable: 0,
    refundable: 0,
    qr: { kind: 'url', value: 'https://qr.example.test/abc' },
    expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    attention: null,
    receipt: 'none',
    lines: [],
    goLive: null,
    createdAt: '2026-11-25T12:00:00.000Z',
    updatedAt: '2026-11-25T12:00:00.000Z',
    brand: 'vipps',
    ...rest,
  };
  const derived = shownOf(view);
  return { ...view, shown: shown ?? derived.shown, kept: kept ?? derived.kept };
}

export function completedPayment(patch: Partial<PaymentView> = {}): PaymentView {
  return paymentView({
    status: 'COMPLETED',
    vippsState: 'AUTHORIZED',
    aggregate: { authorized: 14950, captured: 14950, refunded: 0, cancelled: 0 },
    capturable: 0,
    refundable: 14950,
    qr: null,
    expiresAt: null,
    ...patch,
  });
}

export function settingsView(patch: Partial<SettingsView> = {}): SettingsView {
  return {
    environment: 'training',
    market: 'NO',
    language: 'en',
    counterId: 'kasse-1',
    capturePolicy: 'capture-now',
    shopName: '',
    vatRate: 2500,
    merchantSerialNumber: '123456',
    clientId: 'client-abc',
    secrets: { clientSecret: true, subscriptionKey: false },
    configured: true,
    encryptionAvailable: true,
    secretStorage: 'keychain',
    ...patch,
  };
}

/**
 * A stand-in for window.pos: records every call, answers with per-method handlers (sensible
 * defaults), and lets a test push the events main would push.
 */
export function createFakePos() {
  const calls: RecordedCall[] = [];
  const listeners = {
    payment: new Set<(v: PaymentView) => void>(),
    alert: new Set<(v: AlertEvent) => void>(),
    connectivity: new Set<(v: ConnectivityEvent) => void>(),
  };
  const handlers = new Map<Method, Handler>();
  const defaults: Partial<Record<Method, Handler>> = {
    'app.info': () => ok(appInfo()),
    'payment.active': () => ok(null),
    'payment.start': (req) =>
      ok(paymentView({ amount: (req as { amount: number }).amount, status: 'CREATING' })),
    'payment.search': () => ok({ items: [], nextCursor: null }),
    'payment.attention': () => ok([]),
    'payment.dismiss': () => ok(null),
    'payment.get': (req) =>
      ok({
        payment: completedPayment({ reference: (req as { reference: string }).reference }),
        operations: [],
        events: [],
      } satisfies PaymentDetail),
    'settings.get': () => ok(settingsView()),
    'settings.save': (req) => ok(settingsView(req as Partial<SettingsView>)),
    'settings.testConnection': () => ok({ ok: true, message: 'Connected to the training simulator' }),
  };

  const api = {} as Record<string, Record<string, (req?: unknown) => Promise<Result<unknown>>>>;
  for (const [group, methods] of Object.entries(API_LAYOUT)) {
    api[group] = {};
    for (const name of Object.keys(methods)) {
      const method = `${group}.${name}` as Method;
      api[group][name] = async (req?: unknown) => {
        calls.push({ method, req });
        const handler = handlers.get(method) ?? defaults[method];
        if (!handler) return fail('INTERNAL');
        return handler(req);
      };
    }
  }
  const subscribe =
    <T>(set: Set<(v: T) => void>) =>
    (listener: (v: T) => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  const pos = {
    ...api,
    events: {
      onPayment: subscribe(listeners.payment),
      onAlert: subscribe(listeners.alert),
      onConnectivity: subscribe(listeners.connectivity),
    },
  } as unknown as PosApi;

  return {
    pos,
    calls,
    callsTo: (method: Method) => calls.filter((c) => c.method === method).map((c) => c.req),
    respond: (method: Method, handler: Handler) => handlers.set(method, handler),
    emit: {
      payment: (view: PaymentView) => {
        for (const l of listeners.payment) l(view);
      },
      alert: (alert: AlertEvent) => {
        for (const l of listeners.alert) l(alert);
      },
      connectivity: (event: ConnectivityEvent) => {
        for (const l of listeners.connectivity) l(event);
      },
    },
  };
}

export type FakePos = ReturnType<typeof createFakePos>;
