/**
 * One Vipps HTTP call with our own retry loop (ky's retry is off so we control the key, the total
 * time and what counts as "may have been applied").
 *
 * - The caller's Idempotency-Key goes out unchanged on every attempt; this module never makes one.
 * - Network errors, timeouts, 5xx and 429 are retried with full-jitter backoff (Retry-After wins),
 *   within maxAttempts and maxTotalMs. Other 4xx are answers and are returned at once.
 * - A 401 drops the token, fetches a new one once and repeats the call once.
 * - For a changing call, once any attempt may have reached Vipps without us seeing the answer
 *   (timeout, connection lost after sending, 5xx), every final error is `outcomeUnknown`: the
 *   engine must look the payment up before deciding anything. Deliberately conservative.
 * - A 429 is Vipps refusing the request before doing anything (rate limit): not applied, so it
 *   never makes the outcome unknown; it is repeated with the same key after Retry-After.
 */
import ky, { type KyInstance } from 'ky';
import type { Logger } from '../log';
import {
  errorFromResponse,
  isVippsError,
  networkError,
  rateLimitedHere,
  isRetryableStatus as retryable,
  timeoutError,
  type VippsError,
} from './errors';
import { createRateWindow, type RateWindow } from './rate-limits';
import { backoffDelay, type Clock, parseRetryAfter, type RetryPolicy } from './retry';
import { parseProblem } from './schemas';

export interface VippsCall {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the base URL, starting with "/", e.g. /epayment/v1/payments. */
  path: string;
  body?: unknown;
  /** Extra headers for this call only (the token call's client_id/client_secret). */
  headers?: Record<string, string>;
  idempotencyKey?: string;
  /** May change money or data at Vipps: decides `outcomeUnknown`. */
  changing: boolean;
  success: readonly number[];
  /**
   * Statuses that mean "already done" when an earlier attempt may have been applied and its answer
   * was lost (Order Management's 409 "receipt already exists" after a timed-out POST).
   */
  successAfterLostResponse?: readonly number[];
  /** For error details and logs. */
  reference?: string;
}

export interface CallResult {
  status: number;
  body: unknown;
}

/** Where the Authorization token comes from; implemented by token.ts. */
export interface BearerSource {
  get(deadline: number): Promise<string>;
  /** Forget `stale` (if still cached) and return a freshly fetched token. */
  refresh(stale: string, deadline: number): Promise<string>;
}

export interface TransportOptions {
  baseUrl: string;
  /** MSN, subscription key and Vipps-System-* headers: sent on every request. */
  commonHeaders: Record<string, string>;
  timeoutMs: number;
  policy: RetryPolicy;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  /**
   * Keeps every request within Vipps' per-reference limits (rate-limits.ts) by waiting before it
   * is sent. Default: on. null only for a test that must send more than Vipps allows.
   */
  rateWindow?: RateWindow | null;
}

export interface Transport {
  send(call: VippsCall, options?: { bearer?: BearerSource; deadline?: number }): Promise<CallResult>;
}

type Attempt =
  | { kind: 'response'; status: number; body: unknown; retryAfter: string | null }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; reason: string; sent: boolean };

/** fetch failure codes that prove the request never left the machine. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
]);

/** The least time worth giving a repeated request (loopback answers in a few ms, Vipps in < 1 s). */
const MIN_ATTEMPT_MS = 250;

/** Header values that must never come back out of the client, even if an error body echoes them. */
const SECRET_HEADERS = new Set(['ocp-apim-subscription-key', 'client_id', 'client_secret', 'authorization']);

export function createTransport(options: TransportOptions): Transport {
  const api = ky.create({
    // `prefix`, not `baseUrl`: a base URL with a path (a test host, a proxy) keeps its path.
    prefix: options.baseUrl,
    retry: 0,
    // Our own AbortController covers the whole attempt, body included (ky's covers headers only).
    timeout: false,
    throwHttpErrors: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { clock, logger, policy } = options;
  const budget = options.rateWindow === undefined ? createRateWindow() : options.rateWindow;

  /** Waits until Vipps' per-reference limit lets this request go; false when that is past the deadline. */
  async function withinLimit(call: VippsCall, deadline: number): Promise<number> {
    if (!budget || !call.reference) return 0;
    const wait = budget.wait(call.operation, call.reference, clock.now());
    if (wait > 0) {
      if (clock.now() + wait >= deadline) return wait;
      await clock.sleep(wait);
    }
    budget.take(call.operation, call.reference, clock.now());
    return 0;
  }

  async function send(
    call: VippsCall,
    extra: { bearer?: BearerSource; deadline?: number } = {},
  ): Promise<CallResult> {
    const deadline = Math.min(extra.deadline ?? Number.POSITIVE_INFINITY, clock.now() + policy.maxTotalMs);
    let ambiguous = false;
    let requests = 0;
    let failures = 0;
    let refreshed = false;
    const settle = (error: VippsError) =>
      error.settle({ outcomeUnknown: ambiguous, requests, reference: call.reference });
    const tokenOrSettle = async (get: () => Promise<string>) => {
      try {
        return await get();
      } catch (error) {
        // A token failure is this call's failure; keep what we know about earlier attempts.
        if (isVippsError(error)) throw settle(error);
        throw error;
      }
    };
    const bearer = extra.bearer;
    let token = bearer ? await tokenOrSettle(() => bearer.get(deadline)) : undefined;

    for (;;) {
      const remaining = deadline - clock.now();
      if (remaining <= 0) throw settle(timeoutError(call.operation, policy.maxTotalMs));
      const heldBack = await withinLimit(call, deadline);
      if (heldBack > 0) throw giveUp(settle(rateLimitedHere(call.operation, heldBack)));
      const timeoutMs = Math.min(options.timeoutMs, deadline - clock.now());
      const startedAt = clock.now();
      requests += 1;
      const attempt = await runAttempt(api, call, headersFor(call, token, options.commonHeaders), timeoutMs);
      logAttempt(logger, call, attempt, requests, clock.now() - startedAt);

      if (attempt.kind === 'response') {
        const { status, body } = attempt;
        if (call.success.includes(status)) return { status, body };
        if (ambiguous && call.successAfterLostResponse?.includes(status)) {
          logger.info('Vipps says it is already done; treating as the answer we lost', {
            operation: call.operation,
            status,
          });
          return { status, body };
        }
        if (status === 401 && bearer && token && !refreshed) {
          refreshed = true;
          const stale = token;
          token = await tokenOrSettle(() => bearer.refresh(stale, deadline));
          continue;
        }
      }

      const error = errorFor(call.operation, attempt, clock.now(), secretsOf(call, token));
      if (call.changing && mayHaveBeenApplied(attempt)) ambiguous = true;
      failures += 1;
      if (!error.retryable || failures >= policy.maxAttempts) throw giveUp(settle(error));
      const delay = error.retryAfterMs ?? backoffDelay(policy, failures, clock.random);
      // A repeat needs time to be answered too: one sent with a sliver of time left would only time
      // out, and a timeout is an unknown outcome where the refusal we hold is a clear one.
      if (clock.now() + delay + Math.min(options.timeoutMs, MIN_ATTEMPT_MS) >= deadline) {
        throw giveUp(settle(error));
      }
      logger.warn('Vipps call failed; retrying with the same key', {
        operation: call.operation,
        code: error.code,
        status: error.status,
        attempt: requests,
        delayMs: delay,
      });
      await clock.sleep(delay);
    }
  }

  function secretsOf(call: VippsCall, token: string | undefined): string[] {
    const headers = { ...options.commonHeaders, ...call.headers };
    const values = Object.entries(headers)
      .filter(([name]) => SECRET_HEADERS.has(name.toLowerCase()))
      .map(([, value]) => value);
    return token ? [...values, token] : values;
  }

  function giveUp(error: VippsError): VippsError {
    logger.warn('Vipps call failed', {
      operation: error.operation,
      code: error.code,
      status: error.status,
      vippsErrorCode: error.vippsErrorCode,
      traceId: error.traceId,
      outcomeUnknown: error.outcomeUnknown,
    });
    return error;
  }

  return { send };
}

function headersFor(
  call: VippsCall,
  token: string | undefined,
  common: Record<string, string>,
): Record<string, string> {
  return {
    Accept: 'application/json, application/problem+json',
    ...common,
    ...call.headers,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...(call.idempotencyKey !== undefined ? { 'Idempotency-Key': call.idempotencyKey } : {}),
  };
}

async function runAttempt(
  api: KyInstance,
  call: VippsCall,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await api(call.path, {
      method: call.method,
      headers,
      signal: controller.signal,
      ...(call.body !== undefined ? { json: call.body } : {}),
    });
    // Parse by status, not content-type: the spec sends capture/refund/cancel 200s as problem+json.
    const text = await response.text();
    return {
      kind: 'response',
      status: response.status,
      body: parseJson(text),
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout', timeoutMs };
    return { kind: 'network', ...describeNetworkFailure(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** No body, or one that is not JSON (a proxy's HTML page): no body to read. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Only the system error code is kept (ECONNRESET, UND_ERR_SOCKET, …): messages of fetch errors can
 * quote the request, and the request holds our secrets.
 */
function describeNetworkFailure(error: unknown): { reason: string; sent: boolean } {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) {
      return { reason: code, sent: !NOT_SENT.has(code) };
    }
    current = (current as { cause?: unknown }).cause;
  }
  // Unknown failure: assume the worst (it may have been sent).
  return { reason: 'connection failed', sent: true };
}

/** `secrets`: every header value we sent, cut out of whatever the other side says back. */
function errorFor(operation: string, attempt: Attempt, now: number, secrets: string[]): VippsError {
  switch (attempt.kind) {
    case 'timeout':
      return timeoutError(operation, attempt.timeoutMs);
    case 'network':
      return networkError(operation, attempt.reason, attempt.sent);
    case 'response':
      return errorFromResponse(operation, attempt.status, parseProblem(attempt.body), {
        secrets,
        retryAfterMs: retryable(attempt.status) ? parseRetryAfter(attempt.retryAfter, now) : undefined,
      });
  }
}

function mayHaveBeenApplied(attempt: Attempt): boolean {
  if (attempt.kind === 'timeout') return true;
  if (attempt.kind === 'network') return attempt.sent;
  // 429 is a refusal at the door (rate limit): Vipps did nothing with the request.
  return attempt.status >= 500;
}

function logAttempt(logger: Logger, call: VippsCall, attempt: Attempt, requestNo: number, ms: number): void {
  // Never headers or bodies: headers hold secrets, bodies hold phone numbers.
  logger.debug('Vipps request', {
    operation: call.operation,
    method: call.method,
    path: call.path,
    request: requestNo,
    result: attempt.kind === 'response' ? attempt.status : attempt.kind,
    ms,
  });
}
