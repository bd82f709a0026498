/**
 * What the till API adds to the IPC's requests. Everything a window can also send (the sale, the
 * capture amount, the refund's amount and reason, a manager's approval) is not declared here: the
 * API hands it to the same channel, whose schema in src/main/ipc/schemas.ts checks it, so the two
 * boundaries cannot drift. Only the till's own words are checked here, reusing those schemas'
 * parts where they mean the same thing (the request id is the refund dialog's request id).
 */
import { z } from 'zod';
import { cleanText } from '../ipc/clean-text';
import { captureSchema, refundSchema, startPaymentSchema } from '../ipc/schemas';
import { approvalSchema, reference } from '../ipc/tool-schemas';

export const requestIdSchema = refundSchema.shape.requestId;
export const referenceParam = reference;
export const orderIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/,
    'must be 1–64 letters, digits or . _ : / - (a letter or digit first)',
  );
export const currencySchema = z.enum(['NOK', 'DKK', 'EUR']);
export const tillNameSchema = cleanText(1, 40).refine((s) => s.trim() !== '', 'must not be blank');
export const pairingCodeSchema = z.string().regex(/^\d{8}$/, 'must be the 8 digits shown in Settings');

export const pairingSchema = z.strictObject({ code: pairingCodeSchema, tillName: tillNameSchema });

/** `?wait=` seconds a read may wait for a change (long-poll), and the version the till already has. */
export const MAX_WAIT_SECONDS = 60;
export const readQuerySchema = z.strictObject({
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).optional(),
  version: z
    .string()
    .regex(/^[a-f0-9]{16}$/, 'must be a version from an earlier answer')
    .optional(),
});

export const listQuerySchema = z.strictObject({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31')
    .optional(),
});

/** Any JSON object: its keys are checked by the channel schema it is handed to. */
export const objectBody = z.record(z.string(), z.unknown());

/**
 * The bodies the API accepts, as one schema each: what openapi.yaml describes and what the fuzz
 * tests read their invalid requests off. The API itself checks the till's own fields and hands the
 * rest to the channel's schema; these are built from the same parts.
 */
export const TILL_BODY_SCHEMAS = {
  pair: pairingSchema,
  startPayment: startPaymentSchema.safeExtend({
    requestId: requestIdSchema,
    orderId: orderIdSchema,
    currency: currencySchema,
  }),
  cancelPayment: z.strictObject({ requestId: requestIdSchema, approval: approvalSchema.optional() }),
  completePayment: captureSchema.omit({ reference: true }).safeExtend({ requestId: requestIdSchema }),
  releasePayment: z.strictObject({ requestId: requestIdSchema, approval: approvalSchema.optional() }),
  refundPayment: refundSchema.omit({ reference: true }),
} as const;
