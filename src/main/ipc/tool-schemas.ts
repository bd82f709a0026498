/**
 * Request schemas for the staff-tools channels (staff, reports, support, webhooks). Same rules as
 * ./schemas.ts: strict objects, capped strings, each tied to its contract type with `satisfies`.
 */
import { z } from 'zod';
import type {
  Approval,
  ApprovalOnlyRequest,
  AuditQuery,
  BootstrapRequest,
  DayReportRequest,
  PermissionLevel,
  RegisterWebhooksRequest,
  SavePolicyRequest,
  SaveStaffRequest,
  SettlementRequest,
  SignInRequest,
  SignOutRequest,
  SupportBundleRequest,
  TillConfigureRequest,
  TillRevokeRequest,
} from '../../preload/contract';
import { COUNTER_ID } from '../settings/schema';
import { cleanText } from './clean-text';

/** A manager's PIN: 4–8 digits (the same rule as the staff room's PIN_PATTERN). */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'must be 4–8 digits');
export const approvalSchema = z.strictObject({ pin: pinSchema }) satisfies z.ZodType<Approval>;

export const reference = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');
const staffName = cleanText(1, 40);
const level = z.enum(['anyone', 'manager']) satisfies z.ZodType<PermissionLevel>;

export const signInSchema = z.strictObject({ pin: pinSchema }) satisfies z.ZodType<SignInRequest>;

export const bootstrapSchema = z.strictObject({
  name: staffName,
  pin: pinSchema,
}) satisfies z.ZodType<BootstrapRequest>;

export const approvalOnlySchema = z.strictObject({
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<ApprovalOnlyRequest>;

export const saveStaffSchema = z.strictObject({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  name: staffName.optional(),
  role: z.enum(['cashier', 'manager']).optional(),
  pin: pinSchema.optional(),
  active: z.boolean().optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<SaveStaffRequest>;

export const savePolicySchema = z.strictObject({
  policy: z.strictObject({
    refund: level.optional(),
    release: level.optional(),
    settings: level.optional(),
    report: level.optional(),
    support: level.optional(),
  }),
  idleMinutes: z.number().int().min(1).max(120).optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<SavePolicyRequest>;

export const signOutSchema = z.strictObject({
  reason: z.literal('lock').optional(),
}) satisfies z.ZodType<SignOutRequest>;

export const auditQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  actor: staffName.optional(),
  action: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'must be an action name')
    .optional(),
  reference: reference.optional(),
  limit: z.number().int().min(1).max(500).optional(),
  beforeId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<AuditQuery>;

export const dayReportSchema = z.strictObject({
  date: isoDate,
  counterId: z.union([z.literal('*'), z.string().regex(COUNTER_ID)]).optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<DayReportRequest>;

export const supportBundleSchema = z.strictObject({
  reference: reference.optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<SupportBundleRequest>;

export const registerWebhooksSchema = z.strictObject({
  url: z
    .string()
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && url.username === '' && url.password === '';
      } catch {
        return false;
      }
    }, 'must be an https URL'),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<RegisterWebhooksRequest>;

/** Till integration (src/main/till): turning the local API on or off, and revoking a till. */
export const tillConfigureSchema = z.strictObject({
  enabled: z.boolean(),
  bind: z.enum(['loopback', 'lan']).optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<TillConfigureRequest>;

export const tillRevokeSchema = z.strictObject({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<TillRevokeRequest>;
/** A ledger date of the settlement view; ledger ids are Vipps' (digits, letters, dashes). */
export const settlementSchema = z.strictObject({
  ledgerDate: isoDate,
  ledgerId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a ledger id')
    .optional(),
  approval: approvalSchema.optional(),
}) satisfies z.ZodType<SettlementRequest>;
