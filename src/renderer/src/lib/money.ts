import {
  type Currency,
  type Language,
  type Market,
  MINIMUM_AMOUNT,
  type MinorUnits,
} from '../../../preload/contract';

export { MINIMUM_AMOUNT };

/**
 * Money in the renderer is always integer minor units. Text the cashier types is parsed with string
 * arithmetic only — never through a float — so "149,50" is exactly 14950 øre.
 */

export const CURRENCY_BY_MARKET: Record<Market, Currency> = { NO: 'NOK', DK: 'DKK', FI: 'EUR' };

/** A counter sale above this is almost certainly a typing slip (an extra zero). */
export const MAXIMUM_AMOUNT: MinorUnits = 10_000_000_00;

const LOCALE_BY_LANGUAGE: Record<Language, string> = { nb: 'nb-NO', da: 'da-DK', fi: 'fi-FI', en: 'en-GB' };

export type AmountParse =
  | { ok: true; minor: MinorUnits }
  | { ok: false; reason: 'empty' | 'format' | 'too-small' | 'too-large' };

/**
 * Parses what the cashier typed. Accepts "149", "149,5", "149,50", "149.50" and spaces as digit
 * groups ("1 249,50"). Both separators are accepted in every market because a keypad's "," and a
 * keyboard's "." mean the same thing at a counter; a text with both, or more than two decimals, is
 * refused rather than guessed.
 */
export function parseAmount(
  text: string,
  currency: Currency,
  minimum = MINIMUM_AMOUNT[currency],
): AmountParse {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  const match = /^(\d{1,10})(?:[.,](\d{0,2}))?$/.exec(compact);
  if (!match) return { ok: false, reason: 'format' };
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const minor = Number(whole) * 100 + Number(fraction);
  if (minor < minimum) return { ok: false, reason: 'too-small' };
  if (minor > MAXIMUM_AMOUNT) return { ok: false, reason: 'too-large' };
  return { ok: true, minor };
}

export function formatAmount(minor: MinorUnits, currency: Currency, language: Language): string {
  const format = new Intl.NumberFormat(LOCALE_BY_LANGUAGE[language], {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  // Intl takes a number; dividing an integer below 2^53 by 100 then rounding to 2 decimals is exact
  // for display. Parsing never goes this way round.
  return format.format(minor / 100);
}

/** Minor units as plain editable text in the market's style ("149,50"), for prefilling a field. */
export function minorToInput(minor: MinorUnits): string {
  const whole = Math.trunc(minor / 100);
  const fraction = String(minor % 100).padStart(2, '0');
  return `${whole},${fraction}`;
}

/** A VAT rate in hundredths of a percent (2550) as the language writes it ("25,5 %"). */
export function formatRate(rate: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE_BY_LANGUAGE[language], {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(rate / 10_000);
}

export function localeOf(language: Language): string {
  return LOCALE_BY_LANGUAGE[language];
}
