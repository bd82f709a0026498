/**
 * Customer phone numbers for the "send to phone" flow. Vipps wants digits with the country code and
 * no "+" ("4791234567"). The cashier types the national number; the country defaults to the market
 * but can be changed, because a Danish customer can pay in a Norwegian shop.
 */

export type PhoneCountry = 'NO' | 'DK' | 'FI' | 'SE';

interface CountryRule {
  callingCode: string;
  /** Example shown as placeholder, in the country's usual grouping. */
  example: string;
  /** Validates the national significant number (trunk "0" already removed). */
  valid: (national: string) => boolean;
}

export const PHONE_COUNTRIES: Record<PhoneCountry, CountryRule> = {
  // Norwegian mobile numbers are 8 digits starting with 4 or 9.
  NO: { callingCode: '47', example: '912 34 567', valid: (n) => /^[49]\d{7}$/.test(n) },
  // Danish numbers are 8 digits; none start with 0 or 1.
  DK: { callingCode: '45', example: '20 12 34 56', valid: (n) => /^[2-9]\d{7}$/.test(n) },
  // Finnish mobiles: 04x / 050 nationally, 7–10 digits after the trunk 0.
  FI: { callingCode: '358', example: '040 123 4567', valid: (n) => /^(4\d|50)\d{5,8}$/.test(n) },
  // Swedish mobiles: 07x nationally, 9 digits after the trunk 0.
  SE: { callingCode: '46', example: '070 123 45 67', valid: (n) => /^7\d{8}$/.test(n) },
};

export type PhoneParse =
  | { ok: true; country: PhoneCountry; msisdn: string }
  | { ok: false; reason: 'empty' | 'invalid' };

/**
 * Reads what the cashier typed for the chosen country. A number typed in international form
 * ("+45 20 12 34 56" or "0045…") switches to that country when we know it.
 */
export function parsePhone(text: string, country: PhoneCountry): PhoneParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (/[^\d\s+\-().]/.test(trimmed)) return { ok: false, reason: 'invalid' };
  let digits = trimmed.replace(/\D/g, '');
  let chosen = country;
  const international = trimmed.startsWith('+') || digits.startsWith('00');
  if (international) {
    digits = digits.replace(/^00/, '');
    const found = (Object.keys(PHONE_COUNTRIES) as PhoneCountry[]).find((c) =>
      digits.startsWith(PHONE_COUNTRIES[c].callingCode),
    );
    if (!found) return { ok: false, reason: 'invalid' };
    chosen = found;
    digits = digits.slice(PHONE_COUNTRIES[found].callingCode.length);
  }
  const national = digits.replace(/^0/, '');
  const rule = PHONE_COUNTRIES[chosen];
  if (!rule.valid(national)) return { ok: false, reason: 'invalid' };
  return { ok: true, country: chosen, msisdn: `${rule.callingCode}${national}` };
}

export function countryForMarket(market: 'NO' | 'DK' | 'FI'): PhoneCountry {
  return market;
}
