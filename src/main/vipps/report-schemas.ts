/**
 * Report API 2.0 answers (../shared/vipps-specs/report-api-2.0.yaml). Loose objects like every
 * other answer; amounts are minor units. An entry type we do not know is kept as text: the docs say
 * new ones come without notice, and what matters is how the amount moves the balance.
 */
import { z } from 'zod';

const minor = z.number().int();

export const ledgerSchema = z.looseObject({
  ledgerId: z.string().min(1),
  currency: z.string().optional(),
  settlesForRecipientHandles: z.array(z.string()).default([]),
});

export const ledgersPageSchema = z.looseObject({
  cursor: z.string().nullish(),
  items: z.array(ledgerSchema).default([]),
});

export const reportEntrySchema = z.looseObject({
  pspReference: z.string().min(1),
  time: z.string().min(1),
  ledgerDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  entryType: z.string().min(1),
  reference: z.string().nullish(),
  currency: z.string().min(3).max(3),
  amount: minor,
  balanceBefore: minor,
  balanceAfter: minor,
  recipientHandle: z.string().nullish(),
});

export const reportPageSchema = z.looseObject({
  cursor: z.string().nullish(),
  hasMore: z.boolean().optional(),
  tryLater: z.boolean().optional(),
  items: z.array(reportEntrySchema).default([]),
});
