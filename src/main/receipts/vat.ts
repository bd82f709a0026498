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

export interface VatLine {
  /** Line total incl. VAT, minor units. */
  total: number;
  /** Hundredths of a percent. */
  taxRate: number;
}

/**
 * VAT for every line of a receipt, so that per rate the lines' VAT adds up to the VAT of the rate's
 * total (rounded once, half up) — not to a sum of per-line roundings, which drifts: 10,000 lines of
 * 1 øre at 25 % would otherwise carry 0 VAT instead of 20.00. Each line gets its exact VAT rounded
 * down, and the øre still missing in its rate go one each to the lines with the largest remainders
 * (the earlier line on a tie), so no line is more than one øre from its exact VAT.
 */
export function allocateVat(lines: readonly VatLine[]): VatSplit[] {
  const taxes = lines.map(({ total, taxRate }) => {
    splitVat(total, taxRate); // the same range checks
    const divisor = 10_000 + taxRate;
    return { tax: Math.floor((total * taxRate) / divisor), rest: (total * taxRate) % divisor, divisor };
  });
  for (const rate of new Set(lines.map((l) => l.taxRate))) {
    const members = lines.flatMap((l, i) => (l.taxRate === rate ? [i] : []));
    const groupTotal = members.reduce((sum, i) => sum + lines[i]!.total, 0);
    const target = splitVat(groupTotal, rate).totalTaxAmount;
    let missing = target - members.reduce((sum, i) => sum + taxes[i]!.tax, 0);
    const byRemainder = [...members].sort((a, b) => taxes[b]!.rest - taxes[a]!.rest || a - b);
    for (const i of byRemainder) {
      if (missing <= 0) break;
      taxes[i]!.tax += 1;
      missing -= 1;
    }
  }
  return lines.map((line, i) => ({
    totalAmountExcludingTax: line.total - taxes[i]!.tax,
    totalTaxAmount: taxes[i]!.tax,
  }));
}
