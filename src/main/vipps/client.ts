/**
 * createVippsClient: the VippsClient the engine uses. Each method checks its input (nothing is sent
 * when it is wrong), makes one call through the transport (retries, token, error model) and checks
 * the answer's shape before handing it back.
 */
import type { z } from 'zod';
import { type Logger, silentLogger } from '../log';
import { unexpectedBodyError } from './errors';
import { type CallResult, createTransport, type VippsCall } from './http';
import { type Clock, type RetryPolicy, resolvePolicy, systemClock } from './retry';
import {
  createPaymentResponseSchema,
  describeIssues,
  getPaymentResponseSchema,
  modificationResponseSchema,
  paymentEventsSchema,
} from './schemas';
import { systemHeaders } from './system-info';
import { createTokenProvider } from './token';
import type { Amount, SystemInfo, VippsClient, VippsCredentials } from './types';
import * as input from './validation';

export interface VippsClientOptions {
  /** VIPPS_BASE_URLS[env], or the simulator's URL in training and tests. */
  baseUrl: string;
  credentials: VippsCredentials;
  system: SystemInfo;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** For tests: wait without waiting, and a fixed jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * Keep to Vipps' per-reference rate limits (wait before a request that would break them).
   * Default true; false only for a test that must send more than Vipps allows for one payment.
   */
  perReferenceLimits?: boolean;
}

const EPAYMENT = '/epayment/v1';
const OM = '/order-management';

export function createVippsClient(options: VippsClientOptions): VippsClient {
  const clock: Clock = {
    now: options.now ?? systemClock.now,
    sleep: options.sleep ?? systemClock.sleep,
    random: options.random ?? systemClock.random,
  };
  const { credentials } = options;
  const transport = createTransport({
    baseUrl: options.baseUrl,
    commonHeaders: {
      'Merchant-Serial-Number': credentials.merchantSerialNumber,
      'Ocp-Apim-Subscription-Key': credentials.subscriptionKey,
      ...systemHeaders(options.system),
    },
    timeoutMs: options.timeoutMs ?? 10_000,
    policy: resolvePolicy(options.retry),
    clock,
    logger: (options.logger ?? silentLogger).child('vipps'),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.perReferenceLimits === false ? { rateWindow: null } : {}),
  });
  const tokens = createTokenProvider({ transport, credentials, now: clock.now });
  const call = (spec: VippsCall) => transport.send(spec, { bearer: tokens });
  const path = (reference: string, suffix = '') =>
    `${EPAYMENT}/payments/${encodeURIComponent(reference)}${suffix}`;

  /** A changing call whose answer we cannot read still happened: the engine must look it up. */
  function parse<T>(spec: VippsCall, schema: z.ZodType<T>, result: CallResult): T {
    const parsed = schema.safeParse(result.body);
    if (parsed.success) return parsed.data;
    throw unexpectedBodyError(spec.operation, result.status, describeIssues(parsed.error)).settle({
      outcomeUnknown: spec.changing,
      reference: spec.reference,
    });
  }

  async function modify(
    operation: 'cancelPayment' | 'capturePayment' | 'refundPayment',
    reference: string,
    idempotencyKey: string,
    body: unknown,
  ) {
    input.check(operation, 'reference', input.existingReference, reference);
    input.check(operation, 'idempotencyKey', input.idempotencyKey, idempotencyKey);
    const suffix = { cancelPayment: '/cancel', capturePayment: '/capture', refundPayment: '/refund' }[
      operation
    ];
    const spec: VippsCall = {
      operation,
      method: 'POST',
      path: path(reference, suffix),
      body,
      idempotencyKey,
      changing: true,
      success: [200],
      reference,
    };
    return parse(spec, modificationResponseSchema, await call(spec));
  }

  const modificationAmount = (operation: string, amount: Amount) => ({
    modificationAmount: input.check(operation, 'amount', input.positiveAmount, amount),
  });

  return {
    fetchToken: () => tokens.current(),

    async createPayment(req, idempotencyKey) {
      const operation = 'createPayment';
      input.check(operation, null, input.createPaymentRequest, req);
      input.check(operation, 'idempotencyKey', input.idempotencyKey, idempotencyKey);
      const spec: VippsCall = {
        operation,
        method: 'POST',
        path: `${EPAYMENT}/payments`,
        body: req,
        idempotencyKey,
        changing: true,
        // 201 is documented; 200 is accepted in case an idempotent replay answers with it.
        success: [201, 200],
        reference: req.reference,
      };
      return parse(spec, createPaymentResponseSchema, await call(spec));
    },

    async getPayment(reference) {
      input.check('getPayment', 'reference', input.existingReference, reference);
      const spec: VippsCall = {
        operation: 'getPayment',
        method: 'GET',
        path: path(reference),
        changing: false,
        success: [200],
        reference,
      };
      return parse(spec, getPaymentResponseSchema, await call(spec));
    },

    async getEvents(reference) {
      input.check('getEvents', 'reference', input.existingReference, reference);
      const spec: VippsCall = {
        operation: 'getEvents',
        method: 'GET',
        path: path(reference, '/events'),
        changing: false,
        success: [200],
        reference,
      };
      return parse(spec, paymentEventsSchema, await call(spec));
    },

    cancelPayment(reference, idempotencyKey, cancelOptions) {
      const only = cancelOptions?.cancelTransactionOnly;
      if (only !== undefined) input.check('cancelPayment', 'cancelTransactionOnly', input.flag, only);
      // The body is sent only when the option is given: the 1.4.1 spec has no cancel body at all.
      const body = only === undefined ? undefined : { cancelTransactionOnly: only };
      return modify('cancelPayment', reference, idempotencyKey, body);
    },

    capturePayment(reference, amount, idempotencyKey) {
      return modify(
        'capturePayment',
        reference,
        idempotencyKey,
        modificationAmount('capturePayment', amount),
      );
    },

    refundPayment(reference, amount, idempotencyKey) {
      return modify('refundPayment', reference, idempotencyKey, modificationAmount('refundPayment', amount));
    },

    async forceApprove(reference, body) {
      input.check('forceApprove', 'reference', input.existingReference, reference);
      input.check('forceApprove', 'body', input.forceApproveBody, body);
      await call({
        operation: 'forceApprove',
        method: 'POST',
        path: `${EPAYMENT}/test/payments/${encodeURIComponent(reference)}/approve`,
        body,
        changing: true,
        success: [200, 204],
        reference,
      });
    },

    async addReceipt(reference, receipt) {
      input.check('addReceipt', 'reference', input.existingReference, reference);
      input.check('addReceipt', 'receipt', input.receipt, receipt);
      // Order Management has no Idempotency-Key and a receipt can be posted once: a 409 after an
      // attempt whose answer we lost means our own earlier POST went through.
      await call({
        operation: 'addReceipt',
        method: 'POST',
        path: `${OM}/v2/ECOM/receipts/${encodeURIComponent(reference)}`,
        body: receipt,
        changing: true,
        success: [201, 200],
        successAfterLostResponse: [409],
        reference,
      });
    },
  };
}
