import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReceipt } from '../../../src/main/receipts/build';
import { allocateVat, splitVat } from '../../../src/main/receipts/vat';
import { VAT_RATES } from '../../../src/preload/contract';

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

describe('allocateVat: each rate rounded once, spread over its lines', () => {
  const everyRate = [...new Set(Object.values(VAT_RATES).flat())];

  it('the rate table holds the markets’ current rates, standard rate first', () => {
    expect(VAT_RATES).toEqual({
      NO: [2500, 1500, 1200, 0],
      DK: [2500, 0],
      FI: [2550, 1350, 1000, 0],
    });
  });

  it('10,000 lines of 1 øre carry the VAT of 100.00, at every rate', () => {
    for (const taxRate of everyRate) {
      const lines = Array.from({ length: 10_000 }, () => ({ total: 1, taxRate }));
      const vat = allocateVat(lines);
      const tax = vat.reduce((sum, v) => sum + v.totalTaxAmount, 0);
      expect(tax).toBe(splitVat(10_000, taxRate).totalTaxAmount);
      expect(
        vat.every((v) => v.totalTaxAmount + v.totalAmountExcludingTax === 1 && v.totalTaxAmount >= 0),
      ).toBe(true);
    }
    // Per-line rounding would have given 0.00 VAT on 100.00 at 25 %.
    expect(splitVat(1, 2500).totalTaxAmount).toBe(0);
    expect(splitVat(10_000, 2500).totalTaxAmount).toBe(2_000);
  });

  it('one 1-øre line at every rate: VAT 0, all excluding VAT', () => {
    for (const taxRate of everyRate) {
      expect(allocateVat([{ total: 1, taxRate }])).toEqual([
        { totalAmountExcludingTax: 1, totalTaxAmount: 0 },
      ]);
    }
  });

  it('hand-computed: 25.5 % and 13.5 % (Finland) on the same receipt', () => {
    // 12.34 at 25.5 %: 1234 × 2550 / 12550 = 250.73 → 251. 5.00 at 13.5 %: 500 × 1350 / 11350 = 59.47 → 59.
    expect(
      allocateVat([
        { total: 1_234, taxRate: 2550 },
        { total: 500, taxRate: 1350 },
      ]),
    ).toEqual([
      { totalAmountExcludingTax: 983, totalTaxAmount: 251 },
      { totalAmountExcludingTax: 441, totalTaxAmount: 59 },
    ]);
  });

  it('lines always add up; per rate the VAT is that of the rate total; no line is an øre off its exact VAT', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            total: fc.integer({ min: 0, max: 1_000_000 }),
            taxRate: fc.constantFrom(...everyRate),
          }),
          { minLength: 1, maxLength: 100 },
        ),
        (lines) => {
          const vat = allocateVat(lines);
          vat.forEach((v, i) => {
            const { total, taxRate } = lines[i]!;
            expect(v.totalAmountExcludingTax + v.totalTaxAmount).toBe(total);
            expect(Math.abs(v.totalTaxAmount - (total * taxRate) / (10_000 + taxRate))).toBeLessThan(1);
          });
          for (const rate of new Set(lines.map((l) => l.taxRate))) {
            const idx = lines.flatMap((l, i) => (l.taxRate === rate ? [i] : []));
            const groupTotal = idx.reduce((s, i) => s + lines[i]!.total, 0);
            const groupTax = idx.reduce((s, i) => s + vat[i]!.totalTaxAmount, 0);
            expect(groupTax).toBe(splitVat(groupTotal, rate).totalTaxAmount);
          }
        },
      ),
    );
  });
});

describe('receipts carry the sale’s VAT', () => {
  const source = {
    description: 'Kiosk',
    currency: 'NOK' as const,
    counterId: 'pos1',
    receiptNumber: 1,
    vatRate: 2500,
  };

  it('every line has a rate: its own, or the shop’s; the receipt adds up to the øre', () => {
    const built = buildReceipt({
      ...source,
      amount: 10_001,
      lines: [
        { name: 'Bread', unitPrice: 4_000, quantity: 1, taxRate: 1500 },
        { name: 'Bus ticket', unitPrice: 3_000, quantity: 1, taxRate: 1200 },
        { name: 'Newspaper', unitPrice: 3_000, quantity: 1, taxRate: 0 },
        { name: 'Sweet', unitPrice: 1, quantity: 1 },
      ],
    });
    if (!built.ok) throw new Error('not built');
    expect(built.receipt.orderLines.map((l) => [l.taxRate, l.totalTaxAmount])).toEqual([
      [1500, 522], // 4000 × 15 / 115 = 521.74
      [1200, 321], // 3000 × 12 / 112 = 321.43
      [0, 0],
      [2500, 0],
    ]);
    expect(built.receipt.orderLines.reduce((s, l) => s + l.totalAmount, 0)).toBe(10_001);
  });

  it('a partly captured sale with mixed rates splits the captured amount over its rates', () => {
    const built = buildReceipt({
      ...source,
      amount: 5_001,
      lines: [
        { name: 'Bread', unitPrice: 7_500, quantity: 1, taxRate: 1500 },
        { name: 'Soap', unitPrice: 2_500, quantity: 1, taxRate: 2500 },
      ],
    });
    if (!built.ok) throw new Error('not built');
    expect(built.receipt.orderLines).toEqual([
      // 5001 × 3/4 = 3750.75 → 3751 (largest remainder); 5001 × 1/4 = 1250.25 → 1250.
      {
        name: 'Kiosk (15 %)',
        id: '1',
        totalAmount: 3_751,
        totalAmountExcludingTax: 3_262,
        totalTaxAmount: 489,
        taxRate: 1500,
      },
      {
        name: 'Kiosk (25 %)',
        id: '2',
        totalAmount: 1_250,
        totalAmountExcludingTax: 1_000,
        totalTaxAmount: 250,
        taxRate: 2500,
      },
    ]);
  });

  it('a sale made before the app knew rates keeps taxRate 0 (never invented)', () => {
    const built = buildReceipt({ ...source, vatRate: null, amount: 500, lines: [] });
    expect(built.ok && built.receipt.orderLines[0]).toMatchObject({ taxRate: 0, totalTaxAmount: 0 });
  });
});
