import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../src/main/vipps/types';
import { caught, type Harness, harness, REFERENCE } from './helpers';

const RECEIPT = `/order-management/v2/ECOM/receipts/${REFERENCE}`;
const receipt: Receipt = {
  orderLines: [
    {
      name: 'Bun',
      id: 'bun',
      totalAmount: 2_500,
      totalAmountExcludingTax: 2_000,
      totalTaxAmount: 500,
      taxRate: 2500,
    },
  ],
  bottomLine: { currency: 'NOK' },
};
const conflict = {
  status: 409,
  body: { type: 'about:blank', title: 'Conflict', detail: 'Receipt already exists' },
};

/**
 * Order Management takes no Idempotency-Key and a receipt can be posted only once, so a repeated
 * POST after a lost answer meets 409: that is our own first POST having worked.
 */
describe('addReceipt without an Idempotency-Key', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ timeoutMs: 500 });
  });
  afterEach(() => h.close());

  it('treats 409 after a timed-out attempt as success', async () => {
    h.server.on('POST', RECEIPT, { delayMs: 5_000, status: 201 }, conflict);
    await expect(h.client.addReceipt(REFERENCE, receipt)).resolves.toBeUndefined();
    expect(h.server.requestsTo('POST', RECEIPT)).toHaveLength(2);
    expect(h.logs.some((line) => line.includes('already done'))).toBe(true);
  });

  it('treats 409 after a dropped connection or a 502 as success', async () => {
    h.server.on('POST', RECEIPT, { destroy: true }, { status: 502 }, conflict);
    await expect(h.client.addReceipt(REFERENCE, receipt)).resolves.toBeUndefined();
    expect(h.server.requestsTo('POST', RECEIPT)).toHaveLength(3);
  });

  it('reports 409 on the first attempt as CONFLICT: a receipt was already there before us', async () => {
    h.server.on('POST', RECEIPT, conflict);
    const error = await caught(() => h.client.addReceipt(REFERENCE, receipt));
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, outcomeUnknown: false, retryable: false });
    expect(h.server.requestsTo('POST', RECEIPT)).toHaveLength(1);
  });

  it('sends the same body on the repeat', async () => {
    h.server.on('POST', RECEIPT, { status: 500 }, { status: 201 });
    await h.client.addReceipt(REFERENCE, receipt);
    const [first, second] = h.server.requestsTo('POST', RECEIPT);
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(first?.headers['idempotency-key']).toBeUndefined();
  });
});
