import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitVat } from '../../../src/main/receipts/vat';

describe('splitVat: VAT rounded half up, the rest is the amount excluding VAT', () => {
  it('matches hand-computed Norwegian examples', () => {
    // 100.00 at 25 %: 100 / 1.25 = 80.00, VAT 20.00 exactly.
    expect(splitVat(10_000, 2500)).toEqual({ totalAmountExcludingTax: 8_000, totalTaxAmount: 2_000 });
    // 9.99 at 25 %: VAT = 999 × 0.2 = 199.8 øre → 200.
    expect(splitVat(999, 2500)).toEqual({ totalAmountExcludingTax: 799, totalTaxAmount: 200 });
    // 49.90 at 15 % (food): VAT = 4990 × 15 / 115 = 650.87 → 651.
    expect(splitVat(4_990, 1500)).toEqual({ totalAmountExcludingTax: 4_339, totalTaxAmount: 651 });
    // 1 øre at 25 %: 0.2 → 0.
    expect(splitVat(1, 2500)).toEqual({ totalAmountExcludingTax: 1, totalTaxAmount: 0 });
    // Exactly half an øre rounds up: 9 øre at 12.5 %… 9 × 1250 / 11250 = 1.0; 1 øre at 100 %: 0.5 → 1.
    expect(splitVat(1, 10_000)).toEqual({ totalAmountExcludingTax: 0, totalTaxAmount: 1 });
    expect(splitVat(5_000, 0)).toEqual({ totalAmountExcludingTax: 5_000, totalTaxAmount: 0 });
  });

  it('always adds up exactly and is within half an øre of the exact VAT', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (total, rate) => {
          const { totalAmountExcludingTax, totalTaxAmount } = splitVat(total, rate);
          expect(totalAmountExcludingTax + totalTaxAmount).toBe(total);
          const exact = (total * rate) / (10_000 + rate);
          expect(Math.abs(totalTaxAmount - exact)).toBeLessThanOrEqual(0.5);
          // Half up: an exact .5 goes up, never down.
          if (Math.abs(exact - Math.floor(exact) - 0.5) < 1e-9) expect(totalTaxAmount).toBe(Math.ceil(exact));
        },
      ),
    );
  });

  it('refuses fractions and rates outside 0–10000', () => {
    expect(() => splitVat(10.5, 2500)).toThrow(RangeError);
    expect(() => splitVat(100, 2500.5)).toThrow(RangeError);
    expect(() => splitVat(100, 10_001)).toThrow(RangeError);
    expect(() => splitVat(-1, 2500)).toThrow(RangeError);
  });
});
