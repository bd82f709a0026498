/** Money and market: the words every other part of the contract is built from. */

/** Amounts are always integers in minor units (øre, cent). 10.00 NOK = 1000. */
export type MinorUnits = number;
export type Currency = 'NOK' | 'DKK' | 'EUR';
export type Market = 'NO' | 'DK' | 'FI';
export type Language = 'nb' | 'da' | 'fi' | 'en';
export type Brand = 'vipps' | 'mobilepay';
export type Environment = 'training' | 'test' | 'production';
export type CapturePolicy = 'capture-now' | 'reserve-only';

/**
 * The smallest amount Vipps MobilePay accepts per currency, in minor units (NOK 1,00; DKK 0,01;
 * EUR 0,01 — ePayment's `Amount`, error 6010 below it). The one table: the engine's checks, the sale
 * and refund screens and the training simulator all read it.
 */
export const MINIMUM_AMOUNT: Record<Currency, MinorUnits> = { NOK: 100, DKK: 1, EUR: 1 };

/**
 * VAT rates a counter may put on a receipt line, per market, in hundredths of a percent (2500 =
 * 25 %), the standard rate first. The one table of rates in the app: settings, the line picker and
 * the engine's checks all read it. Checked 2026-11-30 against the tax authorities' published rates:
 * - NO (Skatteetaten, "Satser for merverdiavgift"): 25 % general, 15 % food, 12 % passenger
 *   transport / cinema / rooms; 0 % for zero-rated supplies (books, newspapers, exports).
 * - DK (Skattestyrelsen): one rate, 25 %; 0 % for zero-rated supplies (newspapers, exports).
 * - FI (Verohallinto): 25.5 % general (since 2024-09-01); 13.5 % food, restaurants, transport,
 *   books, medicines (lowered from 14 % on 2026-01-01); 10 % newspapers and magazines; 0 %.
 *   Re-checked 2026-11-30 for 13.5 %: no vero.fi page stating it could be reached (the stored vero.fi
 *   pages are older: https://www.vero.fi/en/businesses-and-corporations/taxes-and-charges/vat/rates-of-vat/the-changes-to-VAT-rates
 *   covers the 2024–2025 changes only). The change rests on the government's bill HE 93/2025 vp
 *   (https://www.eduskunta.fi/valtiopaivaasiakirjat/HE+93/2025: 14 % → 13.5 % from 2026-01-01, the
 *   10 % rate kept for newspapers and magazines) and on secondary sources reporting the Tax
 *   Administration's updated guidance (e.g. vatupdate.com 2026-01-10). Nothing says otherwise, so
 *   the table is unchanged; confirm against vero.fi's "Rates of VAT" page when it can be reached.
 */
export const VAT_RATES: Record<Market, readonly number[]> = {
  NO: [2500, 1500, 1200, 0],
  DK: [2500, 0],
  FI: [2550, 1350, 1000, 0],
};
