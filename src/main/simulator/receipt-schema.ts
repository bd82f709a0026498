/**
 * Order Management `Receipt` (om-spec 2.1, which the ePayment create body also accepts). Beyond the
 * schema, a line must carry taxRate or taxPercentage (the schema says so in prose) and its totals
 * must add up; the simulator refuses receipts that would show wrong sums in the customer's app.
 */
import { z } from 'zod';
import type { ExtraDetail } from './sim-error';
import { issuesToDetails } from './zod-details';

const minor = z.number().int();
const nonNegative = minor.min(0);

const orderLine = z.object({
  name: z.string(),
  id: z.string(),
  totalAmount: minor,
  totalAmountExcludingTax: minor,
  totalTaxAmount: minor,
  taxPercentage: minor.min(0).max(100).nullable().optional(),
  taxRate: minor.min(0).max(10000).nullable().optional(),
  unitInfo: z
    .object({
      unitPrice: nonNegative.nullable(),
      quantity: z
        .string()
        .max(10)
        .regex(/^\d+([.]\d{1,8})?$/),
      quantityUnit: z.enum(['PCS', 'KG', 'KM', 'MINUTE', 'LITRE', 'KWH']).nullable().optional(),
    })
    .optional(),
  discount: nonNegative.nullable().optional(),
  productUrl: z.string().nullable().optional(),
  isReturn: z.boolean().nullable().optional(),
  isShipping: z.boolean().nullable().optional(),
});

const bottomLine = z.object({
  currency: z.enum(['NOK', 'DKK', 'EUR']),
  tipAmount: nonNegative.nullable().optional(),
  giftCardAmount: nonNegative.nullable().optional(),
  posId: z.string().nullable().optional(),
  totalAmount: minor.nullable().optional(),
  totalTax: nonNegative.nullable().optional(),
  totalDiscount: nonNegative.nullable().optional(),
  shippingAmount: nonNegative.nullable().optional(),
  paymentSources: z
    .object({
      giftCard: minor.nullable().optional(),
      card: minor.nullable().optional(),
      voucher: minor.nullable().optional(),
      cash: minor.nullable().optional(),
    })
    .optional(),
  barcode: z
    .object({ format: z.enum(['EAN-13', 'CODE 39', 'CODE 128']), data: z.string().nullable() })
    .optional(),
  receiptNumber: z.string().nullable().optional(),
  terminalId: z.string().nullable().optional(),
});

export const receiptSchema = z.object({
  orderLines: z.array(orderLine).min(1),
  bottomLine,
});

export type SimReceipt = z.infer<typeof receiptSchema>;

/** Returns the receipt, or the problems with it (names relative to `prefix`). */
export function checkReceipt(
  body: unknown,
  prefix = '',
): { ok: true; receipt: SimReceipt } | { ok: false; details: ExtraDetail[] } {
  const parsed = receiptSchema.safeParse(body);
  if (!parsed.success) return { ok: false, details: issuesToDetails(parsed.error, prefix) };
  const details: ExtraDetail[] = [];
  parsed.data.orderLines.forEach((line, i) => {
    const name = `${prefix}orderLines[${i}]`;
    if (line.taxRate == null && line.taxPercentage == null) {
      details.push({ name: `${name}.taxRate`, reason: 'Either taxRate or taxPercentage must be set.' });
    }
    if (line.totalAmount !== line.totalAmountExcludingTax + line.totalTaxAmount) {
      details.push({
        name: `${name}.totalAmount`,
        reason: 'totalAmount must equal totalAmountExcludingTax + totalTaxAmount.',
      });
    }
  });
  return details.length ? { ok: false, details } : { ok: true, receipt: parsed.data };
}
