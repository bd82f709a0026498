/**
 * Validation of `POST /epayment/v1/payments` (spec CreatePaymentRequest plus the current docs'
 * rules). Malformed structure is a 400 naming the fields; rule breaks carry Vipps' error codes.
 *
 * The reference follows the current API, 8–64 characters (docs:APIs/epayment-api/errors shows
 * `^[a-zA-Z0-9-]{8,64}$`), not the 1.4.1 spec's 50: Vipps' own SDK sends up to 64 and must get
 * what Vipps answers. Our client stays within 50 (src/main/vipps/validation.ts), which both accept.
 */
import { z } from 'zod';
import { type Currency, MINIMUM_AMOUNT } from '../../preload/contract';
import { checkReceipt, receiptSchema } from './receipt-schema';
import { validationError, vippsError } from './sim-error';
import type { SimCustomer } from './types';
import { issuesToDetails } from './zod-details';

/** A phone number the simulator treats as "no Vipps user" (error 7010), like Vipps does for unknown numbers. */
export const UNKNOWN_CUSTOMER_PHONE = '4799999999';

/**
 * Documented minimum amounts (sdk `Amount`; error 6010): the contract's one table, which the app's
 * checks read too. It is a fact of Vipps' API, not app logic, so sharing it keeps the simulator
 * independent of the app's payment code.
 */
export { MINIMUM_AMOUNT };
export const MAXIMUM_AMOUNT = 65_000_000;

const TEN_MINUTES = 10 * 60_000;
const SIXTY_DAYS = 60 * 24 * 3_600_000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-](2[0-3]|[01]\d):[0-5]\d)$/;
const PROFILE_SCOPES = new Set(['name', 'address', 'email', 'phoneNumber', 'birthDate', 'nin']);

export const REFERENCE_PATTERN = /^[a-zA-Z0-9-]{8,64}$/;
export const REFERENCE_RULE = "The field Reference must match the regular expression '^[a-zA-Z0-9-]{8,64}$'.";

export const amountSchema = z.object({ value: z.number(), currency: z.enum(['NOK', 'DKK', 'EUR']) });

const createSchema = z.object({
  amount: amountSchema,
  paymentMethod: z.object({ type: z.enum(['WALLET', 'CARD']) }),
  reference: z.string().regex(REFERENCE_PATTERN, REFERENCE_RULE),
  userFlow: z.enum(['PUSH_MESSAGE', 'NATIVE_REDIRECT', 'WEB_REDIRECT', 'QR']),
  customer: z
    .object({
      phoneNumber: z.string().optional(),
      personalQr: z.string().optional(),
      customerToken: z.string().optional(),
    })
    .optional(),
  customerInteraction: z.enum(['CUSTOMER_PRESENT', 'CUSTOMER_NOT_PRESENT']).optional(),
  returnUrl: z.string().optional(),
  qrFormat: z
    .object({
      format: z.enum(['TEXT/TARGETURL', 'IMAGE/SVG+XML', 'IMAGE/PNG']),
      size: z.number().int().min(100).max(2000).nullable().optional(),
    })
    .nullable()
    .optional(),
  paymentDescription: z.string().min(3).max(100).optional(),
  receipt: receiptSchema.optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  receiptUrl: z.string().nullable().optional(),
  expiresAt: z.string().regex(RFC3339, 'expiresAt must be an RFC 3339 date-time.').nullable().optional(),
  profile: z.object({ scope: z.string().optional() }).optional(),
  industryData: z.object({ airlineData: z.object({}).passthrough().optional() }).optional(),
  minimumUserAge: z.number().int().min(0).nullable().optional(),
});

export type CreateRequest = z.infer<typeof createSchema>;

export interface CreateRules {
  now: number;
  currencies: readonly Currency[];
}

function checkAmount(amount: CreateRequest['amount'], currencies: readonly Currency[]) {
  if (!Number.isInteger(amount.value) || amount.value < 0 || amount.value > MAXIMUM_AMOUNT) {
    throw vippsError('4040');
  }
  if (!currencies.includes(amount.currency)) throw vippsError('5040');
  if (amount.value < MINIMUM_AMOUNT[amount.currency]) throw vippsError('6010');
}

function checkCustomer(c: NonNullable<CreateRequest['customer']>): SimCustomer {
  const set = (['phoneNumber', 'personalQr', 'customerToken'] as const).filter((k) => c[k] !== undefined);
  if (set.length !== 1) {
    throw validationError([
      { name: 'customer', reason: 'Exactly one of phoneNumber, personalQr and customerToken must be set.' },
    ]);
  }
  if (c.phoneNumber !== undefined) {
    if (!/^\d{10,15}$/.test(c.phoneNumber)) throw vippsError('4070');
    if (c.phoneNumber === UNKNOWN_CUSTOMER_PHONE) throw vippsError('7010');
    return { phoneNumber: c.phoneNumber };
  }
  if (c.personalQr !== undefined) {
    if (!isPersonalQr(c.personalQr)) throw vippsError('4060');
    if (c.personalQr.includes(UNKNOWN_CUSTOMER_PHONE)) throw vippsError('7010');
    return { personalQr: c.personalQr };
  }
  if (!c.customerToken) throw vippsError('4050');
  return { customerToken: c.customerToken };
}

/**
 * Vipps knows its own personal QR codes; the simulator plays Vipps, so it may look inside (the app
 * never does: the content may change without warning). A personal QR is a link on one of the
 * apps' QR hosts (e.g. https://qr.vipps.no/28/2/01/031/4791234567?v=1; MobilePay's are tokenised
 * links on its own hosts); any other scanned text — a product barcode, "hello" — is 4060.
 */
const PERSONAL_QR_HOSTS = new Set(['qr.vipps.no', 'qr.mobilepay.dk', 'qr.mobilepay.fi']);

function isPersonalQr(text: string): boolean {
  if (text.length < 5 || text.length > 255) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && PERSONAL_QR_HOSTS.has(url.hostname) && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** https:// or a custom app scheme; plain http is refused. */
function checkUrl(value: string | null | undefined) {
  if (value == null) return;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/\S+$/.exec(value)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'http') throw vippsError('4090');
}

function checkMetadata(metadata: Record<string, string> | null | undefined) {
  if (!metadata) return;
  const entries = Object.entries(metadata);
  if (entries.length > 5) throw vippsError('4100');
  if (entries.some(([k]) => k.length > 100)) throw vippsError('4120');
  if (entries.some(([, v]) => v.length > 500)) throw vippsError('4130');
}

function checkFlow(req: CreateRequest) {
  if (req.paymentMethod.type === 'CARD' && req.userFlow !== 'WEB_REDIRECT') {
    throw validationError([{ name: 'paymentMethod.type', reason: 'CARD requires userFlow WEB_REDIRECT.' }]);
  }
  if (req.userFlow === 'PUSH_MESSAGE' && !req.customer) {
    throw vippsError('4140', 'customer is required when userFlow is PUSH_MESSAGE.');
  }
  if (req.userFlow === 'WEB_REDIRECT' && !req.returnUrl) {
    throw vippsError('4140', 'returnUrl is required when userFlow is WEB_REDIRECT.');
  }
  if (req.qrFormat && req.userFlow !== 'QR') {
    throw validationError([{ name: 'qrFormat', reason: 'qrFormat can only be used with userFlow QR.' }]);
  }
}

/** Returns when the payment expires if the customer does nothing. */
function checkExpiry(req: CreateRequest, now: number): number {
  if (req.expiresAt == null) return now + TEN_MINUTES;
  if (req.userFlow !== 'PUSH_MESSAGE' && req.userFlow !== 'QR') {
    throw validationError([{ name: 'expiresAt', reason: 'expiresAt needs userFlow PUSH_MESSAGE or QR.' }]);
  }
  if (!req.receipt) throw vippsError('6130');
  const at = Date.parse(req.expiresAt);
  if (at <= now + TEN_MINUTES) throw vippsError('6120');
  if (at >= now + SIXTY_DAYS) throw vippsError('6110');
  return at;
}

function checkScope(scope: string | undefined) {
  if (scope === undefined) return;
  const words = scope.split(' ');
  if (words.some((w) => !PROFILE_SCOPES.has(w))) throw vippsError('4080');
}

export interface ValidCreate {
  request: CreateRequest;
  customer: SimCustomer | null;
  expiresAt: number;
}

export function validateCreate(body: unknown, rules: CreateRules): ValidCreate {
  const parsed = createSchema.safeParse(body);
  if (!parsed.success) throw validationError(issuesToDetails(parsed.error));
  const req = parsed.data;
  checkAmount(req.amount, rules.currencies);
  checkFlow(req);
  const customer = req.customer ? checkCustomer(req.customer) : null;
  checkUrl(req.returnUrl);
  checkUrl(req.receiptUrl);
  checkMetadata(req.metadata);
  checkScope(req.profile?.scope);
  if (req.receipt) {
    const receipt = checkReceipt(req.receipt, 'receipt.');
    if (!receipt.ok) throw validationError(receipt.details);
  }
  if (req.receipt && req.receipt.bottomLine.currency !== req.amount.currency) {
    throw validationError([{ name: 'receipt.bottomLine.currency', reason: 'Must match amount.currency.' }]);
  }
  return { request: req, customer, expiresAt: checkExpiry(req, rules.now) };
}
