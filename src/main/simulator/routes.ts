/** The route table type and matching. Each API family lives in its own *-routes.ts file. */
import type { Currency } from '../../preload/contract';
import type { Auth } from './auth';
import type { SimClock } from './clock';
import type { Reply, SimRequest } from './http-types';
import type { IdempotencyStore } from './idempotency';
import type { OrderStore } from './order-store';
import type { PaymentBook } from './payment-book';
import type { Settlement } from './settlement';
import type { Operation } from './types';

/** Which gateway rules and error body format apply. */
export type ApiFamily = 'token' | 'epayment' | 'order-management' | 'webhooks' | 'report' | 'public';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  operation: Operation;
  api: ApiFamily;
  /** `msn` is the authorized merchant for epayment, order-management and webhooks routes, '' otherwise. */
  handle(req: SimRequest, msn: string): Reply | Promise<Reply>;
}

export interface SimContext {
  clock: SimClock;
  auth: Auth;
  book: PaymentBook;
  idempotency: IdempotencyStore;
  orders: OrderStore;
  currencies: readonly Currency[];
  settlement: Settlement;
  /** http://127.0.0.1:<port>, known once the server listens. */
  baseUrl(): string;
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) {
      const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, safeDecode(v)]));
      return { route, params };
    }
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
