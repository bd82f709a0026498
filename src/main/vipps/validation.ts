/**
 * Input checks that run before anything is sent: a request Vipps would reject (or worse, accept in a
 * form we did not mean) never leaves the machine. Limits follow the ePayment 1.4.1 and Order
 * Management 2.1 specs; where the current API is looser (reference up to 64) we create within the
 * stricter one and accept the looser one for payments that already exist.
 * Issue messages name the field and the rule, never the value (it may be a phone number).
 */
import { z } from 'zod';
import { validationError } from './errors';

export const MAX_AMOUNT = 65_000_000;

const currency = z.enum(['NOK', 'DKK', 'EUR'], { error: 'must be NOK, DKK or EUR' });

/** Minor units; zero is never a meaningful amount for create, capture or refund. */
export const positiveAmount = z.strictObject({
  value: z
    .number({ error: 'must be a number' })
    .int('must be a whole number of øre/cents')
    .min(1, 'must be more than 0')
    .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`),
  currency,
});

/**
 * References we create stay within 8–50: the 1.4.1 spec we validate against and every API version
 * accept that, and our own references are at most 41 (payments/reference.ts). Calls about an
 * existing payment accept the current API's 8–64, so a payment Vipps holds is never unreachable
 * for a reason of ours (vipps/README.md, "References").
 */
export const reference = z
  .string({ error: 'must be text' })
  .regex(/^[a-zA-Z0-9-]{8,50}$/, 'must be 8–50 letters, digits or dashes');

export const existingReference = z
  .string({ error: 'must be text' })
  .regex(/^[a-zA-Z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes');

/** Printable ASCII only: the key travels in an HTTP header. */
export const idempotencyKey = z
  .string({ error: 'must be text' })
  .regex(/^[\x21-\x7e]{1,50}$/, 'must be 1–50 visible ASCII characters');

const phoneNumber = z.string().regex(/^\d{10,15}$/, 'must be 10–15 digits with country code, no + or spaces');
const personalQr = z.string().min(5, 'must be 5–255 characters').max(255, 'must be 5–255 characters');
const customerToken = z.string().min(1, 'must not be empty').max(2000, 'is too long');

/** Exactly one way of naming the customer: strict objects make "phone and QR" an error. */
export const customer = z.union(
  [z.strictObject({ phoneNumber }), z.strictObject({ personalQr }), z.strictObject({ customerToken })],
  { error: 'customer must have exactly one of phoneNumber, personalQr, customerToken' },
);

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);

const receiptOrderLine = z
  .object({
    name: z.string().min(1),
    id: z.string().min(1),
    totalAmount: int(-MAX_AMOUNT),
    totalAmountExcludingTax: int(-MAX_AMOUNT),
    totalTaxAmount: int(-MAX_AMOUNT),
    taxRate: int(0, 10_000).optional(),
    taxPercentage: int(0, 100).optional(),
    unitInfo: z
      .object({
        unitPrice: int(0),
        quantity: z
          .string()
          .max(10)
          .regex(/^\d+(\.\d{1,8})?$/, 'must be a decimal number like "2" or "1.5"'),
        quantityUnit: z.enum(['PCS', 'KG', 'KM', 'MINUTE', 'LITRE', 'KWH']).optional(),
      })
      .optional(),
    discount: int(0).optional(),
    isReturn: z.boolean().optional(),
    isShipping: z.boolean().optional(),
  })
  .refine((line) => line.taxRate !== undefined || line.taxPercentage !== undefined, {
    message: 'needs taxRate (or the deprecated taxPercentage)',
  });

export const receipt = z.object({
  orderLines: z.array(receiptOrderLine).min(1, 'needs at least one order line'),
  bottomLine: z.object({
    currency,
    posId: z.string().min(1).optional(),
    receiptNumber: z.string().min(1).optional(),
    tipAmount: int(0).optional(),
  }),
});

const metadata = z
  .record(z.string().min(1).max(100), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 5, 'may have at most 5 entries');

export const createPaymentRequest = z
  .object({
    amount: positiveAmount,
    paymentMethod: z.strictObject({ type: z.literal('WALLET') }),
    reference,
    userFlow: z.enum(['PUSH_MESSAGE', 'QR', 'WEB_REDIRECT', 'NATIVE_REDIRECT']),
    customer: customer.optional(),
    customerInteraction: z.enum(['CUSTOMER_PRESENT', 'CUSTOMER_NOT_PRESENT']).optional(),
    paymentDescription: z
      .string()
      .min(3, 'must be 3–100 characters')
      .max(100, 'must be 3–100 characters')
      .optional(),
    qrFormat: z
      .strictObject({
        format: z.enum(['TEXT/TARGETURL', 'IMAGE/SVG+XML', 'IMAGE/PNG']),
        size: int(100, 2000).optional(),
      })
      .optional(),
    returnUrl: z.string().min(1).optional(),
    receipt: receipt.optional(),
    metadata: metadata.optional(),
  })
  .superRefine((req, ctx) => {
    if (req.userFlow === 'PUSH_MESSAGE' && !req.customer) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'is required for PUSH_MESSAGE' });
    }
    if (req.userFlow === 'WEB_REDIRECT' && !req.returnUrl) {
      ctx.addIssue({ code: 'custom', path: ['returnUrl'], message: 'is required for WEB_REDIRECT' });
    }
    if (req.qrFormat && req.userFlow !== 'QR') {
      ctx.addIssue({ code: 'custom', path: ['qrFormat'], message: 'is only allowed with userFlow QR' });
    }
    if (req.receipt && req.receipt.bottomLine.currency !== req.amount.currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['receipt', 'bottomLine', 'currency'],
        message: 'must match amount',
      });
    }
  });

export const flag = z.boolean({ error: 'must be true or false' });

export const forceApproveBody = z.strictObject({
  customer: customer.optional(),
  token: z.string().min(1).optional(),
});

/**
 * Parses `value` or throws VippsError VALIDATION; nothing has been sent yet. Issues are prefixed
 * with `field` (e.g. "reference: …", "amount.value: …"); a whole request passes `field` = null.
 */
export function check<T>(operation: string, field: string | null, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const path = [...(field ? [field] : []), ...issue.path.map(String)].join('.') || '(request)';
    return `${path}: ${issue.message}`;
  });
  const first = parsed.error.issues[0]?.path[0];
  throw validationError(operation, issues, field ?? (first === undefined ? undefined : String(first)));
}
