/**
 * Vipps' official SDK (@vippsmobilepay/sdk) pointed at the simulator. The SDK hard-codes
 * https://apitest.vipps.no and calls the global `fetch` with a Request; the stub here sends that
 * request to the simulator on loopback instead, unchanged (method, headers, body), and notes what
 * was sent so tests can show what the SDK itself does (a new Idempotency-Key per call, no cancel body).
 *
 * `pinIdempotencyKey` overwrites the SDK's Idempotency-Key: the SDK offers no way to send the same
 * key twice (a known SDK limitation, simulator README), so replays and conflicts are driven this way.
 */

import { Client } from '@vippsmobilepay/sdk';
import { vi } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../src/main/simulator';
import { INVALID_ON_PURPOSE } from '../../support/spec/traffic-check';

export interface SentBySdk {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: string;
}

export interface SdkHarness {
  sim: Simulator;
  sdk: ReturnType<typeof Client>;
  sent: SentBySdk[];
  /** The next requests carry this Idempotency-Key instead of the SDK's own (null: the SDK's). */
  pinIdempotencyKey(key: string | null): void;
  /** Runs `call` with its requests marked as invalid on purpose for the spec check (their answers are still checked). */
  invalidOnPurpose<T>(call: () => Promise<T>): Promise<T>;
  token(): Promise<string>;
  close(): Promise<void>;
}

const realFetch = globalThis.fetch;

/** Calls globalThis.fetch as the SDK does; installs the redirect for this test file. */
export function redirectFetchTo(
  harness: () => { sim: Simulator; sent: SentBySdk[]; pinned: string | null; invalid?: boolean },
) {
  vi.stubGlobal('fetch', async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { sim, sent, pinned, invalid } = harness();
    const url = new URL(request.url);
    // The tests' own calls to the simulator pass through; the SDK only ever calls the test environment.
    if (url.origin === sim.url) return realFetch(request);
    if (url.origin !== 'https://apitest.vipps.no') {
      throw new Error(`conformance: the SDK called ${url.origin}, not the test environment`);
    }
    const headers = new Headers(request.headers);
    if (pinned !== null) headers.set('Idempotency-Key', pinned);
    if (invalid) headers.set(INVALID_ON_PURPOSE, '1');
    // Reading the body consumes it, as a real fetch does: a second send of the same Request fails.
    const body = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    sent.push({
      method: request.method,
      path: url.pathname,
      idempotencyKey: headers.get('Idempotency-Key'),
      body,
    });
    return realFetch(`${sim.url}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      ...(body ? { body } : {}),
    });
  });
}

export async function startSdkHarness(
  options: { retryRequests?: boolean; simulator?: SimulatorOptions } = {},
): Promise<SdkHarness> {
  const sim = await startSimulator({ expirySweepMs: 0, ...options.simulator });
  const sent: SentBySdk[] = [];
  let pinned: string | null = null;
  let invalid = false;
  redirectFetchTo(() => ({ sim, sent, pinned, invalid }));
  const sdk = Client({
    merchantSerialNumber: sim.credentials.merchantSerialNumber,
    subscriptionKey: sim.credentials.subscriptionKey,
    useTestMode: true,
    retryRequests: options.retryRequests ?? false,
    systemName: 'counter-conformance',
    systemVersion: '0.1.0',
    pluginName: 'vipps-sdk',
    pluginVersion: '2.4.2',
  });
  return {
    sim,
    sdk,
    sent,
    pinIdempotencyKey(key) {
      pinned = key;
    },
    async invalidOnPurpose(call) {
      invalid = true;
      try {
        return await call();
      } finally {
        invalid = false;
      }
    },
    async token() {
      const res = await sdk.auth.getToken(sim.credentials.clientId, sim.credentials.clientSecret);
      if (!res.ok) throw new Error(`conformance: no token (${JSON.stringify(res.error)})`);
      return res.data.access_token;
    },
    async close() {
      vi.unstubAllGlobals();
      await sim.close();
    },
  };
}

let counter = 0;
/** A fresh reference of `length` characters (the current API allows 8–64). */
export function sdkReference(prefix: string, length = 24): string {
  counter += 1;
  const base = `${prefix}-${Date.now().toString(36)}-${counter}-`;
  return (base + 'x'.repeat(64)).slice(0, Math.max(length, 8));
}
