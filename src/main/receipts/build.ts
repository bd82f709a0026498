/**
 * The Order Management receipt for a completed sale: the sale's own lines when they add up to what
 * was captured, otherwise the captured amount as one line per VAT rate of the sale.
 */
import type { Currency, OrderLine } from '../../preload/contract';
import type { Receipt, ReceiptOrderLine } from '../vipps/types';
import type { SaleForReceipt } from './jobs-repo';
import { RECEIPT_NOTES } from './notes';
import { lineTotal, quantityText, receiptProblems } from './validate';
import { allocateVat } from './vat';

export interface ReceiptSource {
  lines: readonly OrderLine[];
  /** What the customer actually paid: the captured amount. */
  amount: number;
  description: string;
  currency: Currency;
  counterId: string;
  receiptNumber: number;
  /** The shop's VAT rate when the sale was made: lines without a rate, and a sale without lines. */
  vatRate: number | null;
}

export type BuiltReceipt =
  | { ok: true; receipt: Receipt; note: string | null }
  | { ok: false; problems: string[] };

export function receiptSource(sale: SaleForReceipt, receiptNumber: number): ReceiptSource {
  return {
    lines: sale.lines,
    amount: sale.captured,
    description: sale.description,
    currency: sale.currency,
    counterId: sale.counterId,
    receiptNumber,
    vatRate: sale.vatRate,
  };
}

interface Draft {
  name: string;
  total: number;
  taxRate: number;
  unit?: OrderLine;
}

/** Every line's VAT at once (see allocateVat), so each rate's VAT is rounded once, not per line. */
function withVat(source: ReceiptSource, drafts: readonly Draft[]): Receipt {
  const vat = allocateVat(drafts.map((d) => ({ total: d.total, taxRate: d.taxRate })));
  const orderLines = drafts.map(
    (d, i): ReceiptOrderLine => ({
      name: d.name,
      id: String(i + 1),
      totalAmount: d.total,
      ...vat[i]!,
      taxRate: d.taxRate,
      ...(d.unit
        ? {
            unitInfo: {
              unitPrice: d.unit.unitPrice,
              quantity: quantityText(d.unit.quantity) ?? '1',
              quantityUnit: 'PCS' as const,
            },
          }
        : {}),
    }),
  );
  return {
    orderLines,
    bottomLine: {
      currency: source.currency,
      posId: source.counterId,
      receiptNumber: String(source.receiptNumber),
    },
  };
}

/** A sale made before rates existed has none: Order Management needs one, and we never invent it. */
function defaultRate(source: ReceiptSource): number {
  return source.vatRate ?? 0;
}

function rateOf(source: ReceiptSource, line: OrderLine): number {
  return line.taxRate ?? defaultRate(source);
}

/**
 * The captured amount split over the sale's VAT rates in proportion to what the lines of each rate
 * were worth (largest remainder, so the parts add up to the øre); one part when there is one rate.
 * A partly captured sale cannot say which items were kept, so this is the fair reading of its VAT.
 */
function amountByRate(source: ReceiptSource): Array<{ taxRate: number; total: number }> {
  const worth = new Map<number, number>();
  for (const line of source.lines) {
    const rate = rateOf(source, line);
    worth.set(rate, (worth.get(rate) ?? 0) + lineTotal(line));
  }
  const whole = [...worth.values()].reduce((a, b) => a + b, 0);
  if (worth.size <= 1 || whole <= 0) {
    return [
      { taxRate: worth.size === 1 ? [...worth.keys()][0]! : defaultRate(source), total: source.amount },
    ];
  }
  const parts = [...worth].map(([taxRate, value]) => ({
    taxRate,
    total: Math.floor((source.amount * value) / whole),
    rest: (source.amount * value) % whole,
  }));
  let missing = source.amount - parts.reduce((sum, p) => sum + p.total, 0);
  for (const part of [...parts].sort((a, b) => b.rest - a.rest)) {
    if (missing <= 0) break;
    part.total += 1;
    missing -= 1;
  }
  return parts.filter((p) => p.total > 0).map(({ taxRate, total }) => ({ taxRate, total }));
}

export function summaryReceipt(source: ReceiptSource): Receipt {
  const name = source.description.trim().slice(0, 90) || `Counter ${source.counterId}`;
  const parts = amountByRate(source);
  return withVat(
    source,
    parts.map((p) => ({
      name: parts.length === 1 ? name : `${name} (${p.taxRate / 100} %)`,
      total: p.total,
      taxRate: p.taxRate,
    })),
  );
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
      note: RECEIPT_NOTES['partial-capture'],
    };
  }
  const problems = receiptProblems(source.lines, source.amount);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    receipt: withVat(
      source,
      source.lines.map((line) => ({
        name: line.name.trim(),
        total: lineTotal(line),
        taxRate: rateOf(source, line),
        unit: line,
      })),
    ),
    note: null,
  };
}
