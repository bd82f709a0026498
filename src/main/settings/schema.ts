import { z } from 'zod';
import type { CapturePolicy, Environment, Language, Market } from '../../preload/contract';

/** Limits shared by the settings file and the settings IPC request. */
export const COUNTER_ID = /^[A-Za-z0-9-]{1,16}$/;
/** Vipps' Merchant-Serial-Number header pattern (ePayment spec `MSN`). */
export const MERCHANT_SERIAL_NUMBER = /^[0-9]{4,6}$/;
export const CLIENT_ID_MAX = 200;
/** The shop's name is the payment description in the customer's app (Vipps: 3–100 characters). */
export const SHOP_NAME = { min: 3, max: 60 } as const;
export const SECRET_MAX = 500;

export const environmentSchema = z.enum(['training', 'test', 'production']) satisfies z.ZodType<Environment>;
export const marketSchema = z.enum(['NO', 'DK', 'FI']) satisfies z.ZodType<Market>;
export const languageSchema = z.enum(['nb', 'da', 'fi', 'en']) satisfies z.ZodType<Language>;
export const capturePolicySchema = z.enum(['capture-now', 'reserve-only']) satisfies z.ZodType<CapturePolicy>;

/** A sealed secret as written to disk: base64 of the SecretBox output, never the secret itself. */
const sealedSecret = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[A-Za-z0-9+/]+=*$/);

/** The settings file, version 1. Unknown keys make the file invalid rather than silently dropped. */
export const storedSettingsSchema = z.strictObject({
  version: z.literal(1),
  environment: environmentSchema,
  market: marketSchema,
  language: languageSchema,
  counterId: z.string().regex(COUNTER_ID),
  capturePolicy: capturePolicySchema,
  /** Absent in files written before issue 10: no shop name, the market's standard VAT rate. */
  shopName: z.string().min(SHOP_NAME.min).max(SHOP_NAME.max).optional(),
  vatRate: z.number().int().min(0).max(10_000).optional(),
  merchantSerialNumber: z.union([z.literal(''), z.string().regex(MERCHANT_SERIAL_NUMBER)]),
  clientId: z.string().max(CLIENT_ID_MAX),
  secrets: z.strictObject({
    clientSecret: sealedSecret.optional(),
    subscriptionKey: sealedSecret.optional(),
  }),
});

export type StoredSettings = z.infer<typeof storedSettingsSchema>;

/** Nothing configured: training mode, where no real money can move. */
export const DEFAULT_SETTINGS: StoredSettings = {
  version: 1,
  environment: 'training',
  market: 'NO',
  language: 'nb',
  counterId: 'pos1',
  capturePolicy: 'capture-now',
  merchantSerialNumber: '',
  clientId: '',
  secrets: {},
};
