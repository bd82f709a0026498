/**
 * The engine's own checks of what a cashier asks for (payments/validate.ts), at their edges: what is
 * accepted, what it becomes (trimmed, digits only, the shop's VAT rate), and for what is refused the
 * code, the field and the English message that crosses IPC and reaches the logs. The IPC layer checks
 * the shapes with the contract's zod schemas first; these rules are the engine's last word and hold
 * for every caller (IPC, go-live, tests).
 */
import { describe, expect, it } from 'vitest';
import { makeReference } from '../../../src/main/payments/reference';
import {
  checkAmount,
  checkPhone,
  checkReference,
  checkRefundInput,
  checkStart,
  MAX_AMOUNT,
} from '../../../src/main/payments/validate';
import type { StartPaymentRequest } from '../../../src/preload/contract';

/** Runs `call` and returns what it threw (fails the test if it threw nothing). */
function thrown(call: () => unknown): { code: string; message: string; details?: Record<string, unknown> } {
  try {
    call();
  } catch (error) {
    return error as { code: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a refusal, got none');
}

function refusal(call: () => unknown, message: string, field?: string): void {
  const error = thrown(call);
  expect(error).toMatchObject({ code: 'VALIDATION', message });
  expect(error.details).toEqual(field === undefined ? undefined : { field });
}

const start = (req: Partial<StartPaymentRequest>, currency: 'NOK' | 'DKK' | 'EUR' = 'NOK') =>
  checkStart({ amount: 1000, flow: 'QR', ...req } as StartPaymentRequest, currency, 'Kjøp i butikk', 2500);

describe('amounts', () => {
  it('a whole number of minor units from the market minimum up to Vipps’ ceiling passes unchanged', () => {
    expect(checkAmount(100, 'NOK')).toBe(100);
    expect(checkAmount(1, 'DKK')).toBe(1);
    expect(checkAmount(1, 'EUR')).toBe(1);
    expect(checkAmount(MAX_AMOUNT, 'NOK')).toBe(65_000_000);
  });

  it('not a whole number: one message for text, fractions and NaN', () => {
    for (const amount of ['100', 10.5, Number.NaN, null, undefined]) {
      refusal(() => checkAmount(amount, 'NOK'), 'The amount must be a whole number of øre/cents.', 'amount');
    }
  });

  it('zero and below are "more than zero", not the market minimum', () => {
    refusal(() => checkAmount(0, 'DKK'), 'The amount must be more than zero.', 'amount');
    refusal(() => checkAmount(-1, 'NOK'), 'The amount must be more than zero.', 'amount');
  });

  it('one øre over the ceiling names the ceiling in kroner', () => {
    refusal(
      () => checkAmount(MAX_AMOUNT + 1, 'NOK'),
      'The amount is larger than Vipps allows (650000).',
      'amount',
    );
  });

  it('under the market minimum: the minimum and the currency travel in the details', () => {
    const error = thrown(() => checkAmount(99, 'NOK'));
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'The smallest amount in NOK is 100 minor units.',
    });
    expect(error.details).toEqual({ field: 'amount', minimum: 100, currency: 'NOK' });
  });

  it('the field can be named by the caller', () => {
    expect(thrown(() => checkAmount(0, 'NOK', 'refund')).details).toEqual({ field: 'refund' });
    expect(thrown(() => checkAmount(5, 'NOK', 'refund')).details).toMatchObject({ field: 'refund' });
  });
});

describe('references', () => {
  it('a reference of Vipps’ pattern passes; anything else is "not a payment reference"', () => {
    expect(checkReference('lane1-20261125-101500-k7qz')).toBe('lane1-20261125-101500-k7qz');
    for (const bad of [undefined, 42, 'short', 'lane1 20261125', '']) {
      refusal(() => checkReference(bad), 'That is not a payment reference.', 'reference');
    }
  });
});

describe('references the engine makes', () => {
  it('a counter id without letters or digits is written as "pos"', () => {
    const at = new Date('2026-11-25T10:15:00Z');
    expect(makeReference('---', at)).toMatch(/^pos-20261125-101500-[a-z2-9]{4}$/);
    expect(makeReference('Kasse 2!', at)).toMatch(/^Kasse2-20261125-101500-[a-z2-9]{4}$/);
    expect(checkReference(makeReference('---', at))).toMatch(/^pos-/);
  });
});

describe('phone numbers', () => {
  const message = 'The phone number must be 10–15 digits including the country code.';

  it('spaces, dashes and one leading + are forgiven; Vipps gets digits only', () => {
    expect(checkPhone('+47 912 34 567')).toBe('4791234567');
    expect(checkPhone('47-912-34-567')).toBe('4791234567');
    expect(checkPhone('4791234567')).toBe('4791234567');
    expect(checkPhone('123456789012345')).toBe('123456789012345');
  });

  it('9 or 16 digits, letters, a + inside, or no text at all are refused', () => {
    for (const bad of [
      '479123456',
      '1234567890123456',
      'a4791234567',
      '4791234567a',
      '47+91234567',
      '++4791234567',
      'x791234567',
      42,
      undefined,
    ]) {
      refusal(() => checkPhone(bad), message, 'phone');
    }
  });
});

describe('a sale to start', () => {
  it('an empty request is "empty", without a field', () => {
    refusal(
      () => checkStart(null as unknown as StartPaymentRequest, 'NOK', 'x', 2500),
      'The payment request is empty.',
    );
    refusal(
      () => checkStart('1000' as unknown as StartPaymentRequest, 'NOK', 'x', 2500),
      'The payment request is empty.',
    );
  });

  it('the amount is checked against the counter’s currency', () => {
    expect(start({ amount: 1 }, 'DKK').amount).toBe(1);
    expect(thrown(() => start({ amount: 1 }, 'NOK')).details).toMatchObject({ minimum: 100 });
  });

  it('each flow keeps only its own customer detail', () => {
    expect(start({ flow: 'QR', phone: 'garbage', personalQr: '' })).toEqual({
      amount: 1000,
      flow: 'QR',
      phone: null,
      personalQr: null,
      description: 'Kjøp i butikk',
      lines: [],
    });
    expect(start({ flow: 'PUSH_PHONE', phone: '+47 912 34 567', personalQr: '' })).toMatchObject({
      flow: 'PUSH_PHONE',
      phone: '4791234567',
      personalQr: null,
    });
    expect(start({ flow: 'PERSONAL_QR', personalQr: 'abcde', phone: 'garbage' })).toMatchObject({
      flow: 'PERSONAL_QR',
      phone: null,
      personalQr: 'abcde',
    });
  });

  it('an unknown flow is refused with the choices', () => {
    refusal(() => start({ flow: 'CASH' as never }), 'Choose phone, QR or scanned QR.', 'flow');
    refusal(() => start({ flow: undefined as never }), 'Choose phone, QR or scanned QR.', 'flow');
  });

  it('a scanned personal QR is 5–255 characters of text', () => {
    const message = 'The scanned code is not a Vipps MobilePay personal QR.';
    expect(start({ flow: 'PERSONAL_QR', personalQr: 'x'.repeat(255) }).personalQr).toHaveLength(255);
    for (const bad of ['abcd', 'x'.repeat(256), 12345, undefined]) {
      refusal(() => start({ flow: 'PERSONAL_QR', personalQr: bad as string }), message, 'personalQr');
    }
  });

  it('no description means the shop’s; a typed one is trimmed and 3–100 characters', () => {
    for (const none of [undefined, null, '']) {
      expect(start({ description: none as string }).description).toBe('Kjøp i butikk');
    }
    expect(start({ description: '  Kaffe  ' }).description).toBe('Kaffe');
    expect(start({ description: 'abc' }).description).toBe('abc');
    expect(start({ description: 'd'.repeat(100) }).description).toHaveLength(100);
    const length = 'The description must be 3–100 characters.';
    refusal(() => start({ description: '  ab  ' }), length, 'description');
    refusal(() => start({ description: '   ' }), length, 'description');
    refusal(() => start({ description: 'd'.repeat(101) }), length, 'description');
    refusal(() => start({ description: 42 as never }), 'The description must be text.', 'description');
  });
});

describe('order lines', () => {
  const line = (over: Record<string, unknown> = {}) => ({
    name: 'Milk',
    unitPrice: 1000,
    quantity: 1,
    ...over,
  });

  it('no lines, null or an empty list is a sale without lines', () => {
    expect(start({ lines: undefined }).lines).toEqual([]);
    expect(start({ lines: null as never }).lines).toEqual([]);
    expect(start({ lines: [] }).lines).toEqual([]);
  });

  it('a line without a VAT rate gets the shop’s; names are trimmed; quantities may be fractions', () => {
    expect(
      start({
        amount: 1500,
        lines: [
          line({ name: '  Milk ', unitPrice: 1000 }),
          line({ name: 'Bread', unitPrice: 1000, quantity: 0.5, taxRate: 1500 }),
        ],
      }).lines,
    ).toEqual([
      { name: 'Milk', unitPrice: 1000, quantity: 1, taxRate: 2500 },
      { name: 'Bread', unitPrice: 1000, quantity: 0.5, taxRate: 1500 },
    ]);
  });

  it('each line’s total is rounded to whole øre before adding up', () => {
    // 333 × 1.5 = 499.5 → 500 and 101 × 0.5 = 50.5 → 51 (Math.round): 551, not 550.
    const lines = [line({ unitPrice: 333, quantity: 1.5 }), line({ unitPrice: 101, quantity: 0.5 })];
    expect(start({ amount: 551, lines }).lines).toHaveLength(2);
    refusal(() => start({ amount: 550, lines }), 'The order lines do not add up to the amount.', 'lines');
  });

  it('a free line (price 0) is allowed', () => {
    expect(start({ amount: 1000, lines: [line(), line({ name: 'Bag', unitPrice: 0 })] }).lines).toHaveLength(
      2,
    );
  });

  it('up to 200 lines; more, or something that is not a list, is "not a list"', () => {
    const many = (n: number) => Array.from({ length: n }, () => line({ unitPrice: 100 }));
    expect(start({ amount: 20_000, lines: many(200) }).lines).toHaveLength(200);
    refusal(() => start({ amount: 20_100, lines: many(201) }), 'The order lines are not a list.', 'lines');
    refusal(() => start({ lines: 'Milk' as never }), 'The order lines are not a list.', 'lines');
  });

  it('a line needs a name of 1–100 characters; the message counts lines from 1 and the field from 0', () => {
    expect(start({ lines: [line({ name: 'n'.repeat(100) })] }).lines[0]?.name).toHaveLength(100);
    for (const bad of [
      null,
      line({ name: undefined }),
      line({ name: '   ' }),
      line({ name: 'n'.repeat(101) }),
    ]) {
      refusal(
        () => start({ amount: 2000, lines: [line(), bad as never] }),
        'Order line 2 needs a name.',
        'lines[1]',
      );
    }
  });

  it('a price is a whole, non-negative number of øre', () => {
    for (const unitPrice of ['1000', 999.5, -1, undefined]) {
      refusal(
        () => start({ lines: [line({ unitPrice })] }),
        'Order line 1 has an invalid price.',
        'lines[0]',
      );
    }
  });

  it('a quantity is a finite number above zero', () => {
    for (const quantity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1', undefined]) {
      refusal(
        () => start({ lines: [line({ quantity })] }),
        'Order line 1 has an invalid quantity.',
        'lines[0]',
      );
    }
  });

  it('a VAT rate must be one of the sale’s market (25 % exists in Denmark, 15 % does not)', () => {
    expect(start({ lines: [line({ taxRate: 2500 })] }, 'DKK').lines[0]?.taxRate).toBe(2500);
    refusal(
      () => start({ lines: [line({ taxRate: 1500 })] }, 'DKK'),
      'Order line 1 has a VAT rate the market does not have.',
      'lines[0]',
    );
    expect(start({ lines: [line({ taxRate: 1350 })] }, 'EUR').lines[0]?.taxRate).toBe(1350);
  });
});

describe('a refund’s reason and request id', () => {
  it('the reason is trimmed; the request id is kept as given', () => {
    expect(checkRefundInput('  Torn bag ', 'rf-a-0001')).toEqual({
      reason: 'Torn bag',
      requestId: 'rf-a-0001',
    });
    expect(checkRefundInput('r'.repeat(200), 'A'.repeat(64)).requestId).toHaveLength(64);
    expect(checkRefundInput('ok', '12345678').requestId).toBe('12345678');
  });

  it('a reason is 1–200 characters of text', () => {
    const message = 'A refund needs a reason (up to 200 characters).';
    for (const bad of [undefined, 7, '', '   ', 'r'.repeat(201)]) {
      refusal(() => checkRefundInput(bad, 'rf-a-0001'), message, 'reason');
    }
  });

  it('a request id is 8–64 letters, digits and dashes', () => {
    const message = 'The refund request id is missing or malformed.';
    for (const bad of [
      undefined,
      12345678,
      '1234567',
      'A'.repeat(65),
      'rf_a_0001',
      'rf a 0001',
      'ø-rf-0001',
      'rf-a-0001!',
    ]) {
      refusal(() => checkRefundInput('ok', bad), message, 'requestId');
    }
  });
});
