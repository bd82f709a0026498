import type { Brand, Currency, Language, Market } from '../../../preload/contract';

export const BRAND_BY_MARKET: Record<Market, Brand> = { NO: 'vipps', DK: 'mobilepay', FI: 'mobilepay' };
export const LANGUAGE_BY_MARKET: Record<Market, Language> = { NO: 'nb', DK: 'da', FI: 'fi' };
export const BRAND_NAME: Record<Brand, string> = { vipps: 'Vipps', mobilepay: 'MobilePay' };
/** Each currency is one market's, so an amount's currency names the brand it was taken with. */
export const BRAND_BY_CURRENCY: Record<Currency, Brand> = {
  NOK: 'vipps',
  DKK: 'mobilepay',
  EUR: 'mobilepay',
};

export function brandNameOf(currency: Currency): string {
  return BRAND_NAME[BRAND_BY_CURRENCY[currency]];
}
