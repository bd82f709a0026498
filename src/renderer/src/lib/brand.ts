import type { Brand, Language, Market } from '../../../preload/contract';

export const BRAND_BY_MARKET: Record<Market, Brand> = { NO: 'vipps', DK: 'mobilepay', FI: 'mobilepay' };
export const LANGUAGE_BY_MARKET: Record<Market, Language> = { NO: 'nb', DK: 'da', FI: 'fi' };
export const BRAND_NAME: Record<Brand, string> = { vipps: 'Vipps', mobilepay: 'MobilePay' };
