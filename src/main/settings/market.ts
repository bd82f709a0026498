import { type Brand, type Currency, type Language, type Market, VAT_RATES } from '../../preload/contract';

/** What a market implies: the currency Vipps expects, the app brand customers know, the language. */
export const MARKET_DEFAULTS: Record<Market, { currency: Currency; brand: Brand; language: Language }> = {
  NO: { currency: 'NOK', brand: 'vipps', language: 'nb' },
  DK: { currency: 'DKK', brand: 'mobilepay', language: 'da' },
  FI: { currency: 'EUR', brand: 'mobilepay', language: 'fi' },
};

/** Each currency belongs to one market, so a sale's currency names the brand it was made with. */
export const BRAND_BY_CURRENCY: Record<Currency, Brand> = {
  NOK: MARKET_DEFAULTS.NO.brand,
  DKK: MARKET_DEFAULTS.DK.brand,
  EUR: MARKET_DEFAULTS.FI.brand,
};

/** The shop's VAT rate when it is one of the market's rates, otherwise the market's standard rate. */
export function effectiveVatRate(market: Market, stored: number | undefined): number {
  const rates = VAT_RATES[market];
  return stored !== undefined && rates.includes(stored) ? stored : rates[0]!;
}

/**
 * What the customer's app shows as the payment's description when the cashier typed none: the
 * shop's name, or "Payment in the shop" in the market's language (never the counter's id).
 */
const DEFAULT_DESCRIPTION: Record<Market, string> = {
  NO: 'Kjøp i butikk',
  DK: 'Køb i butik',
  FI: 'Ostos myymälässä',
};

export function paymentDescription(market: Market, shopName: string | undefined): string {
  const name = shopName?.trim() ?? '';
  return name !== '' ? name : DEFAULT_DESCRIPTION[market];
}

export const MARKET_BY_CURRENCY: Record<Currency, Market> = { NOK: 'NO', DKK: 'DK', EUR: 'FI' };
