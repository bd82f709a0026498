import {
  type Currency,
  MINIMUM_AMOUNT as MIN_AMOUNT,
  type OrderLine,
  type PaymentFlow,
  type StartPaymentRequest,
  VAT_RATES,
} from '../../preload/contract';
import { PosFailure } from '../errors';
import { MARKET_BY_CURRENCY } from '../settings/market';
import { fail } from './failure';
import { REFERENCE_PATTERN } from './reference';

/** Vipps' amount ceiling (minor units); the smallest amount is the contract's MINIMUM_AMOUNT. */
export const MAX_AMOUNT = 65_000_000;

export function checkAmount(amount: unknown, currency: Currency, field = 'amount'): number {
  if (typeof amount !== 'number' || !Number.isInteger(amount)) {
    throw fail('VALIDATION', 'The amount must be a whole number of øre/cents.', undefined, field);
  }
  if (amount <= 0) throw fail('VALIDATION', 'The amount must be more than zero.', undefined, field);
  if (amount > MAX_AMOUNT) {
    throw fail(
      'VALIDATION',
      `The amount is larger than Vipps allows (${MAX_AMOUNT / 100}).`,
      undefined,
      field,
    );
  }
  if (amount < MIN_AMOUNT[currency]) {
    // The renderer words it from the details: "The smallest amount Vipps accepts is kr 1,00."
    throw new PosFailure(
      'VALIDATION',
      `The smallest amount in ${currency} is ${MIN_AMOUNT[currency]} minor units.`,
      {
        details: { field, minimum: MIN_AMOUNT[currency], currency },
      },
    );
  }
  return amount;
}

export function checkReference(reference: unknown): string {
  if (typeof reference !== 'string' || !REFERENCE_PATTERN.test(reference)) {
    throw fail('VALIDATION', 'That is not a payment reference.', undefined, 'reference');
  }
  return reference;
}

/** Digits with country code, as Vipps wants them (`4791234567`); spaces and a leading + are forgiven. */
export function checkPhone(phone: unknown): string {
  const digits = typeof phone === 'string' ? phone.replace(/[\s-]/g, '').replace(/^\+/, '') : '';
  if (!/^\d{10,15}$/.test(digits)) {
    throw fail(
      'VALIDATION',
      'The phone number must be 10–15 digits including the country code.',
      undefined,
      'phone',
    );
  }
  return digits;
}

function checkPersonalQr(text: unknown): string {
  if (typeof text !== 'string' || text.length < 5 || text.length > 255) {
    throw fail(
      'VALIDATION',
      'The scanned code is not a Vipps MobilePay personal QR.',
      undefined,
      'personalQr',
    );
  }
  return text;
}

function checkDescription(description: unknown, fallback: string): string {
  if (description === undefined || description === null || description === '') return fallback;
  if (typeof description !== 'string')
    throw fail('VALIDATION', 'The description must be text.', undefined, 'description');
  const trimmed = description.trim();
  if (trimmed.length < 3 || trimmed.length > 100) {
    throw fail('VALIDATION', 'The description must be 3–100 characters.', undefined, 'description');
  }
  return trimmed;
}

/** Every line carries a VAT rate of the sale's market; a line without one gets the shop's rate. */
function checkLines(lines: unknown, amount: number, currency: Currency, vatRate: number): OrderLine[] {
  const rates = VAT_RATES[MARKET_BY_CURRENCY[currency]];
  if (lines === undefined || lines === null) return [];
  if (!Array.isArray(lines) || lines.length > 200) {
    throw fail('VALIDATION', 'The order lines are not a list.', undefined, 'lines');
  }
  let total = 0;
  const out = lines.map((line: Partial<OrderLine>, i) => {
    const where = `lines[${i}]`;
    if (!line || typeof line.name !== 'string' || line.name.trim() === '' || line.name.length > 100) {
      throw fail('VALIDATION', `Order line ${i + 1} needs a name.`, undefined, where);
    }
    if (typeof line.unitPrice !== 'number' || !Number.isInteger(line.unitPrice) || line.unitPrice < 0) {
      throw fail('VALIDATION', `Order line ${i + 1} has an invalid price.`, undefined, where);
    }
    if (typeof line.quantity !== 'number' || !(line.quantity > 0) || !Number.isFinite(line.quantity)) {
      throw fail('VALIDATION', `Order line ${i + 1} has an invalid quantity.`, undefined, where);
    }
    const taxRate = line.taxRate ?? vatRate;
    if (!rates.includes(taxRate)) {
      throw fail(
        'VALIDATION',
        `Order line ${i + 1} has a VAT rate the market does not have.`,
        undefined,
        where,
      );
    }
    total += Math.round(line.unitPrice * line.quantity);
    return { name: line.name.trim(), unitPrice: line.unitPrice, quantity: line.quantity, taxRate };
  });
  if (out.length > 0 && total !== amount) {
    throw fail('VALIDATION', 'The order lines do not add up to the amount.', undefined, 'lines');
  }
  return out;
}

export interface CheckedStart {
  amount: number;
  flow: PaymentFlow;
  phone: string | null;
  personalQr: string | null;
  description: string;
  lines: OrderLine[];
}

export function checkStart(
  req: StartPaymentRequest,
  currency: Currency,
  fallbackDescription: string,
  vatRate: number,
): CheckedStart {
  if (!req || typeof req !== 'object') throw fail('VALIDATION', 'The payment request is empty.');
  const amount = checkAmount(req.amount, currency);
  const flows: PaymentFlow[] = ['PUSH_PHONE', 'QR', 'PERSONAL_QR'];
  if (!flows.includes(req.flow))
    throw fail('VALIDATION', 'Choose phone, QR or scanned QR.', undefined, 'flow');
  return {
    amount,
    flow: req.flow,
    phone: req.flow === 'PUSH_PHONE' ? checkPhone(req.phone) : null,
    personalQr: req.flow === 'PERSONAL_QR' ? checkPersonalQr(req.personalQr) : null,
    description: checkDescription(req.description, fallbackDescription),
    lines: checkLines(req.lines, amount, currency, vatRate),
  };
}

export function checkRefundInput(reason: unknown, requestId: unknown): { reason: string; requestId: string } {
  if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 200) {
    throw fail('VALIDATION', 'A refund needs a reason (up to 200 characters).', undefined, 'reason');
  }
  if (typeof requestId !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(requestId)) {
    throw fail('VALIDATION', 'The refund request id is missing or malformed.', undefined, 'requestId');
  }
  return { reason: reason.trim(), requestId };
}
