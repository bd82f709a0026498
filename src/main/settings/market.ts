import type { Brand, Currency, Language, Market } from '../../preload/contract';

/** What a market implies: the currency Vipps expects, the app brand customers know, the language. */
export const MARKET_DEFAULTS: Record<Market, { currency: Currency; brand: Brand; language: Language }> = {
  NO: { currency: 'NOK', brand: 'vipps', language: 'nb' },
  DK: { currency: 'DKK', brand: 'mobilepay', language: 'da' },
  FI: { currency: 'EUR', brand: 'mobilepay', language: 'fi' },
};
