/**
 * One table of Vipps' minimum amounts (contract MINIMUM_AMOUNT): the engine refuses below it with
 * the minimum in the error's details (what the screens word), and the simulator answers 6010 by
 * the same table.
 */
import { describe, expect, it } from 'vitest';
import { checkAmount } from '../../../src/main/payments/validate';
import { MINIMUM_AMOUNT as SIMULATOR_MINIMUM } from '../../../src/main/simulator/create-request';
import { type Currency, MINIMUM_AMOUNT } from '../../../src/preload/contract';

describe('minimum amounts', () => {
  it.each(Object.entries(MINIMUM_AMOUNT) as Array<[Currency, number]>)(
    '%s: the engine accepts %i minor units and refuses one less, naming the minimum',
    (currency, minimum) => {
      expect(checkAmount(minimum, currency)).toBe(minimum);
      if (minimum > 1) {
        expect(() => checkAmount(minimum - 1, currency)).toThrow(
          expect.objectContaining({ code: 'VALIDATION', details: { field: 'amount', minimum, currency } }),
        );
      }
    },
  );

  it('NOK 1.00, DKK and EUR one øre/cent, and the simulator reads the same table', () => {
    expect(MINIMUM_AMOUNT).toEqual({ NOK: 100, DKK: 1, EUR: 1 });
    expect(SIMULATOR_MINIMUM).toBe(MINIMUM_AMOUNT);
  });
});
