/**
 * What we accept from Vipps. Every body is parsed here before use; objects are loose because Vipps
 * adds fields over time (userDetails, shippingDetails, …) and an extra field must never break a sale.
 */
import { z } from 'zod';
import { problemFromGatewayError, problemFromReportError, problemFromTokenError } from './error-shapes';
import type { VippsProblem } from './types';

const currency = z.enum(['NOK', 'DKK', 'EUR']);
const state = z.enum(['CREATED', 'AUTHORIZED', 'ABORTED', 'EXPIRED', 'TERMINATED']);
const eventName = z.enum([
  'CREATED',
  'ABORTED',
  'EXPIRED',
  'CANCELLED',
  'CAPTURED',
  'REFUNDED',
  'AUTHORIZED',
  'TERMINATED',
]);

const amount = z.looseObject({ value: z.number().int(), currency });

const aggregate = z.looseObject({
  authorizedAmount: amount,
  cancelledAmount: amount,
  capturedAmount: amount,
  refundedAmount: amount,
});

/** Vipps sometimes sends null where the spec says "absent"; both mean "not there". */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const createPaymentResponseSchema = z.looseObject({
  reference: z.string().min(1),
  redirectUrl: optionalText,
});

export const modificationResponseSchema = z.looseObject({
  reference: z.string().min(1),
  state,
  amount,
  aggregate,
  pspReference: z.string(),
});

export const getPaymentResponseSchema = modificationResponseSchema.extend({
  paymentMethod: z.looseObject({ type: z.string(), cardBin: z.string().optional() }),
  // Required by the spec but only meaningful with profile sharing, which we never ask for.
  profile: z.looseObject({ sub: optionalText }).default({ sub: undefined }),
  redirectUrl: optionalText,
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

export const paymentEventSchema = z.looseObject({
  reference: z.string(),
  pspReference: z.string(),
  name: eventName,
  amount,
  timestamp: z.string(),
  // The spec lists it as required; a missing one means "no key", the same as null.
  idempotencyKey: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  success: z.boolean(),
});

/**
 * An event with a name we do not know (Vipps adds event types over time) is left out rather than
 * failing the whole log: the known events still tell the engine what happened.
 */
export const paymentEventsSchema = z
  .array(paymentEventSchema.extend({ name: z.string().optional() }))
  .transform((events) =>
    events.flatMap((event) => {
      const name = eventName.safeParse(event.name);
      return name.success ? [{ ...event, name: name.data }] : [];
    }),
  );

/** Access Token API: every value is a string on the wire, numbers included. */
const numericString = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

export const accessTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: numericString,
  expires_on: numericString.optional(),
});

const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
  instance: z.string().optional(),
  traceId: z.string().optional(),
  extraDetails: z.array(z.looseObject({ name: z.string(), reason: z.string() })).nullish(),
  // Order Management's ErrorResponse calls the same list invalidParams.
  invalidParams: z.array(z.looseObject({ name: z.string(), reason: z.string() })).nullish(),
});

/** Best effort: an error body we cannot read is simply absent, never a second error. */
export function parseProblem(body: unknown): VippsProblem | undefined {
  const other = problemFromTokenError(body) ?? problemFromGatewayError(body) ?? problemFromReportError(body);
  if (other) return other;
  const parsed = problemSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  const details = [...(p.extraDetails ?? []), ...(p.invalidParams ?? [])].map((d) => ({
    name: d.name,
    reason: d.reason,
  }));
  const problem: VippsProblem = {};
  if (p.type !== undefined) problem.type = p.type;
  if (p.title !== undefined) problem.title = p.title;
  if (p.detail !== undefined) problem.detail = p.detail;
  if (p.status !== undefined) problem.status = p.status;
  if (p.instance !== undefined) problem.instance = p.instance;
  if (p.traceId !== undefined) problem.traceId = p.traceId;
  if (details.length > 0) problem.extraDetails = details;
  return Object.keys(problem).length > 0 ? problem : undefined;
}

/** Readable zod issues: the path and what was wrong, never the offending value. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}
