import { afterEach, describe, expect, it } from 'vitest';
import { buildReceipt } from '../../../src/main/receipts/build';
import { RECEIPT_LIMITS, receiptProblems } from '../../../src/main/receipts/validate';
import type { OrderLine } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

const bun: OrderLine = { name: 'Bun', unitPrice: 2_500, quantity: 2, taxRate: 1500 };

describe('receipt lines are checked before anything is sent', () => {
  it('accepts lines that add up and says nothing', () => {
    expect(receiptProblems([bun, { name: 'Coffee', unitPrice: 3_900, quantity: 1 }], 8_900)).toEqual([]);
  });

  it('names each kind of problem in plain words', () => {
    expect(receiptProblems([bun], 4_000)[0]).toMatch(/add up to 5000 but the amount is 4000/);
    expect(receiptProblems([{ ...bun, name: 'x'.repeat(101) }], 5_000)[0]).toMatch(/longer than 100/);
    expect(receiptProblems([{ ...bun, taxRate: 25.5 }], 5_000)[0]).toMatch(/invalid VAT rate/);
    expect(receiptProblems([{ ...bun, taxRate: 10_001 }], 5_000)[0]).toMatch(/invalid VAT rate/);
    expect(receiptProblems([{ ...bun, quantity: 0.123456789, unitPrice: 100 }], 12)[0]).toMatch(/quantity/);
    expect(receiptProblems([{ ...bun, name: '  ' }], 5_000)[0]).toMatch(/needs a name/);
    const many = Array.from({ length: RECEIPT_LIMITS.maxLines + 1 }, () => ({
      name: 'Nail',
      unitPrice: 100,
      quantity: 1,
    }));
    expect(receiptProblems(many, 100 * many.length)[0]).toMatch(/at most 100 lines/);
  });

  it('builds Order Management lines with exact VAT, the receipt number and the counter', () => {
    const built = buildReceipt({
      lines: [bun, { name: 'Coffee', unitPrice: 3_900, quantity: 1, taxRate: 2500 }],
      amount: 8_900,
      description: 'Counter lane1',
      currency: 'NOK',
      counterId: 'lane1',
      receiptNumber: 7,
      vatRate: 2500,
    });
    expect(built).toEqual({
      ok: true,
      note: null,
      receipt: {
        orderLines: [
          {
            name: 'Bun',
            id: '1',
            totalAmount: 5_000,
            totalAmountExcludingTax: 4_348,
            totalTaxAmount: 652,
            taxRate: 1500,
            unitInfo: { unitPrice: 2_500, quantity: '2', quantityUnit: 'PCS' },
          },
          {
            name: 'Coffee',
            id: '2',
            totalAmount: 3_900,
            totalAmountExcludingTax: 3_120,
            totalTaxAmount: 780,
            taxRate: 2500,
            unitInfo: { unitPrice: 3_900, quantity: '1', quantityUnit: 'PCS' },
          },
        ],
        bottomLine: { currency: 'NOK', posId: 'lane1', receiptNumber: '7' },
      },
    });
  });

  it("sends one line with the amount at the shop's rate when the sale has no lines, or was only partly captured", () => {
    const none = buildReceipt({
      lines: [],
      amount: 12_345,
      description: 'Flowers',
      currency: 'NOK',
      counterId: 'a',
      receiptNumber: 1,
      vatRate: 2500,
    });
    expect(none.ok && none.receipt.orderLines).toEqual([
      {
        name: 'Flowers',
        id: '1',
        totalAmount: 12_345,
        totalAmountExcludingTax: 9_876,
        totalTaxAmount: 2_469,
        taxRate: 2500,
      },
    ]);
    const partial = buildReceipt({
      lines: [bun],
      amount: 2_500,
      description: 'Bakery',
      currency: 'NOK',
      counterId: 'a',
      receiptNumber: 2,
      vatRate: 2500,
    });
    expect(partial.ok && partial.receipt.orderLines).toEqual([
      {
        name: 'Bakery',
        id: '1',
        totalAmount: 2_500,
        totalAmountExcludingTax: 2_174,
        totalTaxAmount: 326,
        taxRate: 1500,
      },
    ]);
    expect(partial.ok && partial.note).toMatch(/part of the sale was captured/);
  });
});

describe('the engine refuses a sale whose lines could not go on a receipt', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers VALIDATION at start, before the customer is asked to pay', async () => {
    h = await startEngineHarness();
    const lines = Array.from({ length: 101 }, (_, i) => ({ name: `Item ${i}`, unitPrice: 100, quantity: 1 }));
    await expect(h.engine.start({ amount: 10_100, flow: 'QR', lines })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/at most 100 lines/),
    });
    expect(h.sim.requests.count('createPayment')).toBe(0);
    expect(h.engine.search({}).items).toEqual([]);
  });
});
