import type { Currency, MinorUnits, OrderLine } from '../../../preload/contract';
import { parseAmount } from './money';

/** An item row as typed: text until it is parsed. */
export interface LineDraft {
  key: number;
  name: string;
  quantity: string;
  unitPrice: string;
  /** One of the market's VAT rates, or null for the shop's rate (main fills it in). */
  taxRate: number | null;
}

export type LinesParse =
  | { ok: true; lines: OrderLine[]; total: MinorUnits }
  | { ok: false; badKeys: number[] };

/** Parses item rows; a row left completely empty is ignored, a half-filled one is an error. */
export function parseLines(drafts: LineDraft[], currency: Currency): LinesParse {
  const lines: OrderLine[] = [];
  const badKeys: number[] = [];
  let total = 0;
  for (const draft of drafts) {
    if (!draft.name.trim() && !draft.unitPrice.trim()) continue;
    const quantity = /^\d{1,4}$/.test(draft.quantity.trim()) ? Number(draft.quantity.trim()) : 0;
    const price = parseAmount(draft.unitPrice, currency, 1);
    if (!draft.name.trim() || quantity < 1 || !price.ok) {
      badKeys.push(draft.key);
      continue;
    }
    lines.push({
      name: draft.name.trim(),
      quantity,
      unitPrice: price.minor,
      ...(draft.taxRate === null ? {} : { taxRate: draft.taxRate }),
    });
    total += price.minor * quantity;
  }
  return badKeys.length > 0 ? { ok: false, badKeys } : { ok: true, lines, total };
}
