/**
 * ePayment v1 over HTTP: create, get, events, cancel, capture, refund and the test-only force
 * approve. Money-moving calls go through the idempotency store first.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { amountSchema, REFERENCE_PATTERN, REFERENCE_RULE, validateCreate } from './create-request';
import type { VippsErrorCode } from './error-catalogue';
import { header, type Reply, type SimRequest } from './http-types';
import { fingerprint, idempotencyScope } from './idempotency';
import { redirectUrlFor } from './redirects';
import type { Route, SimContext } from './routes';
import { validationError, vippsError } from './sim-error';
import type { PaymentRecord } from './types';
import { getPaymentResponse, modificationResponse, paymentEvents } from './wire-views';
import { issuesToDetails } from './zod-details';

const PAYMENT = '/epayment/v1/payments/(?<reference>[^/]+)';

const modificationSchema = z.object({ modificationAmount: amountSchema });
const cancelSchema = z.object({ cancelTransactionOnly: z.boolean().optional() }).optional();
const forceApproveSchema = z
  .object({
    customer: z
      .object({
        phoneNumber: z.string().optional(),
        personalQr: z.string().optional(),
        customerToken: z.string().optional(),
      })
      .optional(),
    token: z.string().optional(),
  })
  .optional();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(issuesToDetails(parsed.error));
  return parsed.data;
}

function referenceParam(req: SimRequest): string {
  const reference = req.params.reference ?? '';
  if (!REFERENCE_PATTERN.test(reference)) {
    throw validationError([{ name: 'reference', reason: REFERENCE_RULE }]);
  }
  return reference;
}

function idempotencyKey(req: SimRequest): string {
  const key = header(req, 'idempotency-key');
  if (!key)
    throw validationError([{ name: 'Idempotency-Key', reason: 'The Idempotency-Key header is required.' }]);
  if (key.length > 50) {
    throw validationError([
      { name: 'Idempotency-Key', reason: 'The Idempotency-Key is at most 50 characters.' },
    ]);
  }
  return key;
}

export function epaymentRoutes(ctx: SimContext): Route[] {
  const { book, clock } = ctx;

  /** Same key + same body replays the first success; same key + other body is `conflictCode`. */
  const idempotent = (
    scope: string,
    key: string,
    body: unknown,
    conflictCode: VippsErrorCode,
    apply: () => Reply,
  ) => {
    const print = fingerprint(body);
    const hit = ctx.idempotency.lookup(scope, key, print);
    if (hit.kind === 'replay') return hit.reply;
    if (hit.kind === 'conflict') throw vippsError(conflictCode);
    const reply = apply();
    if (reply.status < 300) ctx.idempotency.remember(scope, key, print, reply);
    return reply;
  };

  const modification = <T>(
    operation: 'cancelPayment' | 'capturePayment' | 'refundPayment',
    conflictCode: VippsErrorCode,
    schema: z.ZodType<T>,
    apply: (payment: PaymentRecord, body: T, key: string) => PaymentRecord,
  ): Route => ({
    method: 'POST',
    pattern: new RegExp(`^${PAYMENT}/${operation.replace('Payment', '')}$`),
    operation,
    api: 'epayment',
    handle(req, msn) {
      const reference = referenceParam(req);
      const key = idempotencyKey(req);
      const body = parse(schema, req.body);
      const payment = book.get(msn, reference);
      const scope = idempotencyScope(msn, operation, reference);
      return idempotent(scope, key, req.body, conflictCode, () => ({
        status: 200,
        body: modificationResponse(apply(payment, body, key)),
      }));
    },
  });

  return [
    {
      method: 'POST',
      pattern: /^\/epayment\/v1\/payments$/,
      operation: 'createPayment',
      api: 'epayment',
      handle(req, msn) {
        const key = idempotencyKey(req);
        const valid = validateCreate(req.body, { now: clock.now(), currencies: ctx.currencies });
        const { request } = valid;
        const scope = idempotencyScope(msn, 'createPayment', request.reference);
        return idempotent(scope, key, req.body, '4020', () => {
          const token = randomBytes(24).toString('base64url');
          const redirectUrl = redirectUrlFor(ctx.baseUrl(), request.userFlow, token, request.qrFormat);
          book.create({
            msn,
            reference: request.reference,
            amount: request.amount,
            userFlow: request.userFlow,
            paymentMethodType: request.paymentMethod.type,
            customer: valid.customer,
            customerInteraction: request.customerInteraction ?? 'CUSTOMER_NOT_PRESENT',
            paymentDescription: request.paymentDescription ?? null,
            metadata: request.metadata ?? null,
            profileScope: request.profile?.scope ?? null,
            redirectUrl,
            redirectToken: token,
            expiresAt: valid.expiresAt,
            idempotencyKey: key,
          });
          if (request.receipt) ctx.orders.attachReceipt(msn, 'ECOM', request.reference, request.receipt);
          return {
            status: 201,
            body: { reference: request.reference, ...(redirectUrl ? { redirectUrl } : {}) },
          };
        });
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${PAYMENT}$`),
      operation: 'getPayment',
      api: 'epayment',
      handle: (req, msn) => ({ status: 200, body: getPaymentResponse(book.get(msn, referenceParam(req))) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${PAYMENT}/events$`),
      operation: 'getPaymentEventLog',
      api: 'epayment',
      handle: (req, msn) => ({ status: 200, body: paymentEvents(book.get(msn, referenceParam(req))) }),
    },
    modification('cancelPayment', '4020', cancelSchema, (p, body, key) =>
      book.cancel(p, { cancelTransactionOnly: body?.cancelTransactionOnly ?? false }, key),
    ),
    modification('capturePayment', '4010', modificationSchema, (p, body, key) =>
      book.capture(p, body.modificationAmount, key),
    ),
    modification('refundPayment', '4150', modificationSchema, (p, body, key) =>
      book.refund(p, body.modificationAmount, key),
    ),
    {
      method: 'POST',
      pattern: /^\/epayment\/v1\/test\/payments\/(?<reference>[^/]+)\/approve$/,
      operation: 'forceApprove',
      api: 'epayment',
      handle(req, msn) {
        const body = parse(forceApproveSchema, req.body);
        const payment = book.get(msn, referenceParam(req));
        if (body?.token !== undefined && body.token !== payment.redirectToken) {
          throw vippsError('10010', 'The token does not belong to this payment.');
        }
        book.lifecycle(payment, 'approve');
        return { status: 200 };
      },
    },
  ];
}
