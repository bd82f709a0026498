/**
 * Shared set-up for the Vipps client tests: a scripted server, a client pointed at it, a fake clock
 * for the retry waits (so no test waits for backoff) and a log sink that keeps every line.
 */

import { createLogger } from '../../../src/main/log';
import { createVippsClient, type VippsClientOptions } from '../../../src/main/vipps/client';
import type { ModificationResponse, VippsClient, VippsCredentials } from '../../../src/main/vipps/types';
import {
  type ScriptedResponse,
  type ScriptedServer,
  startScriptedServer,
} from '../../support/scripted-server';

export const CREDENTIALS: VippsCredentials = {
  clientId: 'client-id-4f1c2a9e',
  clientSecret: 'client-secret-S3cr3t-9b7d',
  subscriptionKey: 'subkey-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  merchantSerialNumber: '123456',
};

export const SYSTEM = {
  systemName: 'vipps-counter',
  systemVersion: '0.1.0',
  pluginName: 'vipps-counter-client',
  pluginVersion: '0.1.0',
};

export const ACCESS_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-access-token.sig';

/** Every secret a test may look for in errors and logs. */
export const SECRETS = [
  CREDENTIALS.clientId,
  CREDENTIALS.clientSecret,
  CREDENTIALS.subscriptionKey,
  ACCESS_TOKEN,
];

export const REFERENCE = 'sale-0001-abcdef';
export const KEY = '6f1a3c2e-8d4b-4f7a-9c1e-2b3d4e5f6a7b';

export function tokenResponse(token = ACCESS_TOKEN, expiresInSeconds = 3600): ScriptedResponse {
  const now = Math.floor(Date.now() / 1000);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: String(expiresInSeconds),
      ext_expires_in: String(expiresInSeconds),
      expires_on: String(now + expiresInSeconds),
      not_before: String(now),
      resource: '00000002-0000-0000-c000-000000000000',
      access_token: token,
    },
  };
}

const amount = (value: number) => ({ value, currency: 'NOK' as const });

export function modification(
  overrides: Partial<{ authorized: number; captured: number; refunded: number; cancelled: number }> = {},
): ModificationResponse {
  return {
    reference: REFERENCE,
    state: 'AUTHORIZED',
    amount: amount(10_000),
    aggregate: {
      authorizedAmount: amount(overrides.authorized ?? 10_000),
      capturedAmount: amount(overrides.captured ?? 0),
      refundedAmount: amount(overrides.refunded ?? 0),
      cancelledAmount: amount(overrides.cancelled ?? 0),
    },
    pspReference: 'psp-777',
  };
}

export function payment(state = 'AUTHORIZED') {
  return { ...modification(), state, paymentMethod: { type: 'WALLET' }, profile: {} };
}

export function problem(status: number, title: string, errorCode?: string) {
  return {
    type: `https://httpstatuses.io/${status}`,
    title,
    detail: `${title} (detail)`,
    status,
    instance: `/epayment/v1/payments/${REFERENCE}`,
    traceId: `00-trace-${status}-01`,
    ...(errorCode ? { extraDetails: [{ name: 'ErrorCode', reason: errorCode }] } : {}),
  };
}

export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Every wait the client asked for, in order. */
  sleeps: number[];
  advance(ms: number): void;
}

/** Time moves only when the client sleeps or a test advances it. */
export function fakeClock(start = Date.now()): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface Harness {
  server: ScriptedServer;
  client: VippsClient;
  clock: FakeClock;
  logs: string[];
  close(): Promise<void>;
}

/** A server with a working token endpoint and a client that retries instantly (fake sleep). */
export async function harness(options: Partial<VippsClientOptions> = {}): Promise<Harness> {
  const server = await startScriptedServer();
  server.on('POST', '/accesstoken/get', tokenResponse());
  const clock = fakeClock();
  const logs: string[] = [];
  const client = createVippsClient({
    baseUrl: server.url,
    credentials: CREDENTIALS,
    system: SYSTEM,
    timeoutMs: 2_000,
    logger: createLogger((line) => logs.push(line), 'test', 'debug'),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  return { server, client, clock, logs, close: () => server.close() };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
