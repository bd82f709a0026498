/**
 * VAT for one receipt line, exactly in integers.
 *
 * Rounding rule: the VAT part of a VAT-inclusive total is rounded half up to the nearest minor unit,
 *   tax = round_half_up(total × rate / (10000 + rate))   (rate in hundredths of a percent, 2500 = 25 %)
 * and the amount excluding VAT is the remainder, total − tax. So excluding + tax always equals the
 * total to the øre, which Order Management checks line by line. No floating point is involved: the
 * largest product (2 × 65 000 000 × 10 000) is far below 2^53.
 */
export interface VatSplit {
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
}

export function splitVat(total: number, taxRate: number): VatSplit {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  if (!Number.isInteger(taxRate) || taxRate < 0 || taxRate > 10_000) {
    throw new RangeError('taxRate must be an integer 0–10000');
  }
  const divisor = 10_000 + taxRate;
  const tax = Math.floor((2 * total * taxRate + divisor) / (2 * divisor));
  return { totalAmountExcludingTax: total - tax, totalTaxAmount: tax };
}
