/**
 * What a receipt can carry, checked before anything is sent — and already when the sale starts
 * (the engine calls `validateReceiptLines` from its start checks), so the cashier hears about a bad
 * line before the customer pays, not afterwards.
 *
 * Order Management's schema sets no lengths; these limits are ours, chosen so every line shows
 * whole in the Vipps/MobilePay app and matches what the IPC schema already allows.
 */
import type { OrderLine } from '../../preload/contract';
import { PosFailure } from '../errors';

export const RECEIPT_LIMITS = {
  maxLines: 100,
  maxNameLength: 100,
  /** Order Management `unitInfo.quantity`: a decimal string of at most 10 characters, 8 decimals. */
  maxQuantityLength: 10,
  maxQuantityDecimals: 8,
} as const;

/** Order Management's quantity string for a quantity (`2`, `1.5`), or null if it cannot be one. */
export function quantityText(quantity: number): string | null {
  if (!Number.isFinite(quantity) || quantity <= 0) return null;
  const scaled = quantity * 10 ** RECEIPT_LIMITS.maxQuantityDecimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return null;
  const text = Number.isInteger(quantity)
    ? String(quantity)
    : quantity.toFixed(RECEIPT_LIMITS.maxQuantityDecimals).replace(/0+$/, '');
  if (!/^\d+(\.\d{1,8})?$/.test(text) || text.length > RECEIPT_LIMITS.maxQuantityLength) return null;
  return text;
}

/** Price of a line incl. VAT: the same rounding the engine uses to check the sale's sum. */
export function lineTotal(line: OrderLine): number {
  return Math.round(line.unitPrice * line.quantity);
}

/** Every problem with the lines, in plain words (empty when they can be sent as they are). */
export function receiptProblems(lines: readonly OrderLine[], amount: number): string[] {
  const problems: string[] = [];
  if (lines.length > RECEIPT_LIMITS.maxLines) {
    problems.push(
      `A receipt can have at most ${RECEIPT_LIMITS.maxLines} lines (this sale has ${lines.length}).`,
    );
  }
  let sum = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    const name = typeof line.name === 'string' ? line.name.trim() : '';
    if (name === '') problems.push(`Line ${n} needs a name.`);
    if (name.length > RECEIPT_LIMITS.maxNameLength) {
      problems.push(`The name on line ${n} is longer than ${RECEIPT_LIMITS.maxNameLength} characters.`);
    }
    if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
      problems.push(`Line ${n} has an invalid price.`);
    }
    if (quantityText(line.quantity) === null) {
      problems.push(`Line ${n} has a quantity a receipt cannot show (at most 8 decimals, 10 characters).`);
    }
    if (
      line.taxRate !== undefined &&
      (!Number.isInteger(line.taxRate) || line.taxRate < 0 || line.taxRate > 10_000)
    ) {
      problems.push(`Line ${n} has an invalid VAT rate (give it in hundredths of a percent, 0–10000).`);
    }
    sum += lineTotal(line);
  });
  if (lines.length > 0 && sum !== amount) {
    problems.push(`The lines add up to ${sum} but the amount is ${amount} (minor units).`);
  }
  return problems;
}

/** Throws VALIDATION (nothing is sent or written) when the lines cannot go on a receipt. */
export function validateReceiptLines(lines: readonly OrderLine[], amount: number): void {
  const problems = receiptProblems(lines, amount);
  if (problems.length === 0) return;
  throw new PosFailure('VALIDATION', `The receipt lines are not valid: ${problems[0]}`, {
    details: { field: 'lines', issues: problems.slice(0, 20) },
  });
}
