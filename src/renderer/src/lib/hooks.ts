import { useEffect, useState } from 'react';
import type { Brand, Currency, MinorUnits } from '../../../preload/contract';
import { useAppStore } from '../stores/app';
import { BRAND_BY_MARKET, BRAND_NAME } from './brand';
import { CURRENCY_BY_MARKET, formatAmount } from './money';

export function useCurrency(): Currency {
  const info = useAppStore((s) => s.info);
  return info?.currency ?? CURRENCY_BY_MARKET[info?.market ?? 'NO'];
}

/**
 * Formats minor units in the window's language. The currency is always named: an amount is shown
 * in the currency it was taken in, never silently in the counter's current market (issue 10).
 */
export function useMoney(): (minor: MinorUnits, currency: Currency) => string {
  const language = useAppStore((s) => s.language);
  return (minor, currency) => formatAmount(minor, currency, language);
}

export function useBrand(): Brand {
  const info = useAppStore((s) => s.info);
  return info?.brand ?? BRAND_BY_MARKET[info?.market ?? 'NO'];
}

export function useBrandName(): string {
  return BRAND_NAME[useBrand()];
}

/** Current time, re-rendering every `intervalMs` while mounted (countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
