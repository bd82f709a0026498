/**
 * The Order Management receipt for a completed sale: the sale's own lines when they add up to what
 * was captured, otherwise one line with the captured amount and the sale's description.
 */
import type { Currency, OrderLine } from '../../preload/contract';
import type { Receipt, ReceiptOrderLine } from '../vipps/types';
import { lineTotal, quantityText, receiptProblems } from './validate';
import { splitVat } from './vat';

export interface ReceiptSource {
  lines: readonly OrderLine[];
  /** What the customer actually paid: the captured amount. */
  amount: number;
  description: string;
  currency: Currency;
  counterId: string;
  receiptNumber: number;
}

export type BuiltReceipt =
  | { ok: true; receipt: Receipt; note: string | null }
  | { ok: false; problems: string[] };

/**
 * Lines without a VAT rate are sent with taxRate 0: Order Management requires a rate on every line
 * and we must not invent one. A summary line gets the sale's single rate when all lines share it.
 */
function orderLine(
  id: number,
  name: string,
  total: number,
  taxRate: number,
  quantity?: OrderLine,
): ReceiptOrderLine {
  const vat = splitVat(total, taxRate);
  return {
    name,
    id: String(id),
    totalAmount: total,
    ...vat,
    taxRate,
    ...(quantity
      ? {
          unitInfo: {
            unitPrice: quantity.unitPrice,
            quantity: quantityText(quantity.quantity) ?? '1',
            quantityUnit: 'PCS' as const,
          },
        }
      : {}),
  };
}

function bottomLine(source: ReceiptSource): Receipt['bottomLine'] {
  return { currency: source.currency, posId: source.counterId, receiptNumber: String(source.receiptNumber) };
}

function sharedRate(lines: readonly OrderLine[]): number {
  const rates = new Set(lines.map((l) => l.taxRate ?? 0));
  return rates.size === 1 ? [...rates][0]! : 0;
}

export function summaryReceipt(source: ReceiptSource): Receipt {
  const name = source.description.trim().slice(0, 100) || `Counter ${source.counterId}`;
  return {
    orderLines: [orderLine(1, name, source.amount, sharedRate(source.lines))],
    bottomLine: bottomLine(source),
  };
}

export function buildReceipt(source: ReceiptSource): BuiltReceipt {
  if (source.lines.length === 0) return { ok: true, receipt: summaryReceipt(source), note: null };
  const sum = source.lines.reduce((total, line) => total + lineTotal(line), 0);
  if (sum !== source.amount) {
    // Partly captured (the rest released): the lines no longer describe what was paid.
    const problems = receiptProblems(source.lines, sum);
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      receipt: summaryReceipt(source),
      note: 'Only part of the sale was captured, so the receipt shows one line with the captured amount.',
    };
  }
  const problems = receiptProblems(source.lines, source.amount);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    receipt: {
      orderLines: source.lines.map((line, i) =>
        orderLine(i + 1, line.name.trim(), lineTotal(line), line.taxRate ?? 0, line),
      ),
      bottomLine: bottomLine(source),
    },
    note: null,
  };
}
