/**
 * Runtime schemas for every request in src/preload/contract/. Each is declared
 * `satisfies z.ZodType<ContractType>` so the contract and its enforcement cannot drift apart.
 * Objects are strict (unknown keys are rejected), amounts are positive safe integers within
 * Vipps' limit, and every string is length-capped.
 */
import { z } from 'zod';
import type {
  CaptureRequest,
  Channel,
  ChannelMap,
  GoLiveRequest,
  LookupRequest,
  OrderLine,
  PaymentFlow,
  ReferenceRequest,
  RefundRequest,
  ResolveRequest,
  SaveSettingsRequest,
  SearchRequest,
  ShownStatus,
  StartPaymentRequest,
  TrainingCustomerRequest,
} from '../../preload/contract';
import { REFUND_STATES, SALE_STATUSES } from '../../preload/contract';
import {
  CLIENT_ID_MAX,
  COUNTER_ID,
  capturePolicySchema,
  environmentSchema,
  languageSchema,
  MERCHANT_SERIAL_NUMBER,
  marketSchema,
  SECRET_MAX,
  SHOP_NAME,
} from '../settings/schema';
import { cleanText } from './clean-text';
import {
  approvalOnlySchema,
  approvalSchema,
  auditQuerySchema,
  bootstrapSchema,
  dayReportSchema,
  isoDate,
  reference,
  registerWebhooksSchema,
  savePolicySchema,
  saveStaffSchema,
  settlementSchema,
  signInSchema,
  signOutSchema,
  supportBundleSchema,
  tillConfigureSchema,
  tillRevokeSchema,
} from './tool-schemas';

/** Vipps' ceiling for one payment: 650 000.00 in minor units. */
export const MAX_AMOUNT = 65_000_000;

const amount = z.number().int().positive().max(MAX_AMOUNT);
/** Clean, NFC-normalised text: these strings end up at Vipps, in the journal, receipts and logs. */
const text = cleanText;

export const emptySchema = z.strictObject({}) satisfies z.ZodType<Record<string, never>>;

const flowSchema = z.enum(['PUSH_PHONE', 'QR', 'PERSONAL_QR']) satisfies z.ZodType<PaymentFlow>;

const orderLineSchema = z.strictObject({
  name: text(1, 100),
  unitPrice: z.number().int().min(0).max(MAX_AMOUNT),
  quantity: z.number().int().positive().max(10_000),
  taxRate: z.number().int().min(0).max(10_000).optional(),
}) satisfies z.ZodType<OrderLine>;

export const startPaymentSchema = z
  .strictObject({
    amount,
    flow: flowSchema,
    // MSISDN: country code and number, digits only (ePayment `phoneNumber`).
    phone: z
      .string()
      .regex(/^\d{10,15}$/, 'must be 10–15 digits including the country code')
      .optional(),
    personalQr: text(5, 255).optional(),
    description: text(3, 100).optional(),
    lines: z.array(orderLineSchema).max(100).optional(),
  })
  .superRefine((req, ctx) => {
    if (req.flow === 'PUSH_PHONE' && req.phone === undefined)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required for PUSH_PHONE' });
    if (req.flow !== 'PUSH_PHONE' && req.phone !== undefined)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is only for PUSH_PHONE' });
    if (req.flow === 'PERSONAL_QR' && req.personalQr === undefined)
      ctx.addIssue({ code: 'custom', path: ['personalQr'], message: 'is required for PERSONAL_QR' });
    if (req.flow !== 'PERSONAL_QR' && req.personalQr !== undefined)
      ctx.addIssue({ code: 'custom', path: ['personalQr'], message: 'is only for PERSONAL_QR' });
  }) satisfies z.ZodType<StartPaymentRequest>;

/** Current Vipps limit is 64 (the 2024 spec says 50); references are letters, digits and dashes. */
export const referenceSchema = z.strictObject({
  reference,
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<ReferenceRequest>;

export const lookupSchema = z.strictObject({ reference }) satisfies z.ZodType<LookupRequest>;

export const captureSchema = z.strictObject({
  reference,
  amount: amount.optional(),
}) satisfies z.ZodType<CaptureRequest>;

export const refundSchema = z.strictObject({
  reference,
  approval: approvalSchema.optional(),
  amount,
  reason: text(1, 200).refine((s) => s.trim() !== '', 'must not be blank'),
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes'),
}) satisfies z.ZodType<RefundRequest>;

export const resolveSchema = z.strictObject({
  reference,
  action: z.enum(['complete', 'release']),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<ResolveRequest>;

const shownStatusSchema = z.enum([...SALE_STATUSES, ...REFUND_STATES]) satisfies z.ZodType<ShownStatus>;

export const searchSchema = z.strictObject({
  text: text(0, 100).optional(),
  status: shownStatusSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/, 'must be four digits')
    .optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: text(1, 200).optional(),
}) satisfies z.ZodType<SearchRequest>;

export const saveSettingsSchema = z.strictObject({
  environment: environmentSchema.optional(),
  market: marketSchema.optional(),
  language: languageSchema.optional(),
  counterId: z.string().regex(COUNTER_ID, 'must be 1–16 letters, digits or dashes').optional(),
  capturePolicy: capturePolicySchema.optional(),
  /** '' clears the name (the market's default description is used). */
  shopName: z.union([z.literal(''), z.string().trim().min(SHOP_NAME.min).max(SHOP_NAME.max)]).optional(),
  vatRate: z.number().int().min(0).max(10_000).optional(),
  merchantSerialNumber: z
    .union([z.literal(''), z.string().regex(MERCHANT_SERIAL_NUMBER, 'must be 4–6 digits')])
    .optional(),
  clientId: text(0, CLIENT_ID_MAX).optional(),
  clientSecret: text(0, SECRET_MAX).optional(),
  subscriptionKey: text(0, SECRET_MAX).optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<SaveSettingsRequest>;

export const trainingCustomerSchema = z.strictObject({
  reference,
  action: z.enum(['approve', 'reject', 'expire']),
}) satisfies z.ZodType<TrainingCustomerRequest>;

/** Test environment: the test user's phone for force-approve (spaces and a leading + forgiven). */
export const goLiveSchema = z.strictObject({
  phone: z
    .string()
    .regex(/^\+?\d[\d ]{8,18}\d$/, 'must be a phone number with country code')
    .optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<GoLiveRequest>;

/** The request schema of every channel; a missing or extra channel fails to compile. */
export const REQUEST_SCHEMAS = {
  'pos:app:info': emptySchema,
  'pos:payment:start': startPaymentSchema,
  'pos:payment:active': emptySchema,
  'pos:payment:get': referenceSchema,
  'pos:payment:cancel': referenceSchema,
  'pos:payment:capture': captureSchema,
  'pos:payment:refund': refundSchema,
  'pos:payment:resolve': resolveSchema,
  'pos:payment:dismiss': referenceSchema,
  'pos:payment:search': searchSchema,
  'pos:payment:attention': emptySchema,
  'pos:payment:lookup': lookupSchema,
  'pos:settings:get': emptySchema,
  'pos:settings:save': saveSettingsSchema,
  'pos:settings:test-connection': emptySchema,
  'pos:training:customer': trainingCustomerSchema,
  'pos:receipt:get': referenceSchema,
  'pos:receipt:retry': referenceSchema,
  'pos:selftest:last': emptySchema,
  'pos:selftest:run': emptySchema,
  'pos:golive:run': goLiveSchema,
  'pos:webhooks:status': emptySchema,
  'pos:webhooks:register': registerWebhooksSchema,
  'pos:webhooks:unregister': approvalOnlySchema,
  'pos:staff:session': emptySchema,
  'pos:staff:sign-in': signInSchema,
  'pos:staff:sign-out': signOutSchema,
  'pos:staff:activity': emptySchema,
  'pos:staff:bootstrap': bootstrapSchema,
  'pos:staff:list': approvalOnlySchema,
  'pos:staff:save': saveStaffSchema,
  'pos:staff:policy-save': savePolicySchema,
  'pos:staff:audit': auditQuerySchema,
  'pos:report:day': dayReportSchema,
  'pos:report:day-csv': dayReportSchema,
  'pos:report:reservations': emptySchema,
  'pos:support:bundle': supportBundleSchema,
  'pos:till:status': emptySchema,
  'pos:till:configure': tillConfigureSchema,
  'pos:till:pair': approvalOnlySchema,
  'pos:till:revoke': tillRevokeSchema,
  'pos:settlement:day': settlementSchema,
  'pos:settlement:day-csv': settlementSchema,
  'pos:settlement:sync': approvalOnlySchema,
} as const satisfies { [C in Channel]: z.ZodType<ChannelMap[C]['req']> };
