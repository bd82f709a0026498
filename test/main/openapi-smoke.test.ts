import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from '../support/openapi';

describe('openapi validator', () => {
  it('accepts a valid create request and rejects one without amount', async () => {
    const headers = {
      authorization: 'Bearer x',
      'ocp-apim-subscription-key': 'k',
      'merchant-serial-number': '123456',
      'idempotency-key': 'abc',
      'content-type': 'application/json',
    };
    const body = {
      amount: { value: 1000, currency: 'NOK' },
      paymentMethod: { type: 'WALLET' },
      reference: 'abcdefgh',
      userFlow: 'QR',
    };
    expect(
      await validateRequest('epayment', { method: 'POST', path: '/epayment/v1/payments', headers, body }),
    ).toBe('createPayment');
    await expect(
      validateRequest('epayment', {
        method: 'POST',
        path: '/epayment/v1/payments',
        headers,
        body: { ...body, amount: undefined },
      }),
    ).rejects.toThrow(/invalid/);
    await expect(validateResponse('epayment', 'createPayment', 201, { redirectUrl: 'x' })).rejects.toThrow();
  });
});
