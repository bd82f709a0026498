/** Money and market: the words every other part of the contract is built from. */

/** Amounts are always integers in minor units (øre, cent). 10.00 NOK = 1000. */
export type MinorUnits = number;
export type Currency = 'NOK' | 'DKK' | 'EUR';
export type Market = 'NO' | 'DK' | 'FI';
export type Language = 'nb' | 'da' | 'fi' | 'en';
export type Brand = 'vipps' | 'mobilepay';
export type Environment = 'training' | 'test' | 'production';
export type CapturePolicy = 'capture-now' | 'reserve-only';
