import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/main/simulator';
import { pushPayment, ref, type SimClient, startTestSimulator } from './sim-client';

let sim: Simulator;
let client: SimClient;

beforeAll(async () => {
  ({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.close());

const receipt = {
  orderLines: [
    {
      name: 'Coffee',
      id: 'coffee',
      totalAmount: 4_000,
      totalAmountExcludingTax: 3_200,
      totalTaxAmount: 800,
      taxRate: 2500,
      unitInfo: { unitPrice: 2_000, quantity: '2', quantityUnit: 'PCS' },
    },
    {
      name: 'Bun',
      id: 'bun',
      totalAmount: 6_000,
      totalAmountExcludingTax: 4_800,
      totalTaxAmount: 1_200,
      taxPercentage: 25,
    },
  ],
  bottomLine: { currency: 'NOK', posId: 'counter-1', receiptNumber: 'R-1' },
};

/** A minimal PNG header: width 1, height `height`. */
function png(height: number): string {
  const bytes = Buffer.alloc(33);
  Buffer.from('89504e470d0a1a0a', 'hex').copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(1, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes.toString('base64');
}

/** A minimal JPEG: SOI, then a SOF0 segment with the height. */
function jpeg(height: number): string {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, 0x00, 0x01, 0x03]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.alloc(16)]).toString('base64');
}

async function payment(): Promise<string> {
  const reference = ref('om');
  await client.create(pushPayment(reference, 10_000));
  return reference;
}

describe('receipts', () => {
  it('adds a receipt once (201), then 409; GET returns it', async () => {
    const reference = await payment();
    const path = `/order-management/v2/ECOM/receipts/${reference}`;
    const first = await client.call('POST', path, { body: receipt });
    expect(first.status).toBe(201);
    expect(typeof first.body).toBe('string');
    const second = await client.call('POST', path, { body: receipt });
    expect(second.status).toBe(409);
    const order = await client.call<{ receipt: typeof receipt }>(
      'GET',
      `/order-management/v2/ECOM/${reference}`,
    );
    expect(order.status).toBe(200);
    expect(order.body.receipt).toEqual(receipt);
  });

  it('a receipt sent with create payment counts: posting another is 409', async () => {
    const reference = ref('om-create');
    const lines = {
      ...receipt,
      orderLines: receipt.orderLines.map((l) => ({ ...l, taxRate: undefined, taxPercentage: 25 })),
    };
    await client.create(pushPayment(reference, 10_000, { receipt: lines }));
    const res = await client.call('POST', `/order-management/v2/ECOM/receipts/${reference}`, {
      body: receipt,
    });
    expect(res.status).toBe(409);
  });

  it('404 for an order that is not this merchant’s payment (and for RECURRING)', async () => {
    const unknown = await client.call('POST', `/order-management/v2/ECOM/receipts/${ref('nope')}`, {
      body: receipt,
    });
    expect(unknown.status).toBe(404);
    const reference = await payment();
    const recurring = await client.call('POST', `/order-management/v2/RECURRING/receipts/${reference}`, {
      body: receipt,
    });
    expect(recurring.status).toBe(404);
    expect((await client.call('GET', `/order-management/v2/ECOM/${ref('nope')}`)).status).toBe(404);
  });

  it.each([
    ['no lines', { ...receipt, orderLines: [] }, 'orderLines'],
    [
      'no tax rate',
      { ...receipt, orderLines: [{ ...receipt.orderLines[1], taxPercentage: undefined }] },
      'orderLines[0].taxRate',
    ],
    [
      'totals that do not add up',
      { ...receipt, orderLines: [{ ...receipt.orderLines[1], totalTaxAmount: 1 }] },
      'orderLines[0].totalAmount',
    ],
    [
      'bad quantity',
      { ...receipt, orderLines: [{ ...receipt.orderLines[0], unitInfo: { unitPrice: 1, quantity: '2,5' } }] },
      'orderLines[0].unitInfo.quantity',
    ],
    ['another currency', { ...receipt, bottomLine: { currency: 'DKK' } }, 'bottomLine.currency'],
    ['no bottomLine', { orderLines: receipt.orderLines }, 'bottomLine'],
  ])('%s → 400 naming the field, nothing stored', async (_name, body, field) => {
    const reference = await payment();
    const res = await client.call<{ invalidParams: Array<{ name: string }> }>(
      'POST',
      `/order-management/v2/ECOM/receipts/${reference}`,
      { body, invalidRequest: true },
    );
    expect(res.status).toBe(400);
    expect(res.body.invalidParams.map((p) => p.name)).toContain(field);
    const order = await client.call<Record<string, unknown>>('GET', `/order-management/v2/ECOM/${reference}`);
    expect(order.body.receipt).toBeUndefined();
  });

  it('requires the token and subscription key like ePayment (401)', async () => {
    const reference = await payment();
    const res = await client.call('POST', `/order-management/v2/ECOM/receipts/${reference}`, {
      body: receipt,
      headers: { authorization: 'Bearer expired-or-unknown' },
    });
    expect(res.status).toBe(401);
  });
});

describe('categories and images', () => {
  it('uploads an image, links it in a category, and a new PUT replaces the category', async () => {
    const reference = await payment();
    const upload = await client.call('POST', '/order-management/v1/images', {
      body: { imageId: `logo-${reference}`, src: png(200), type: 'base64' },
    });
    expect([upload.status, upload.body]).toEqual([200, { imageId: `logo-${reference}` }]);

    const path = `/order-management/v2/ECOM/categories/${reference}`;
    const first = await client.call('PUT', path, {
      body: {
        category: 'RECEIPT',
        orderDetailsUrl: 'https://shop.example/r/1',
        imageId: `logo-${reference}`,
      },
    });
    expect(first.status).toBe(200);
    await client.call('PUT', path, {
      body: { category: 'GENERAL', orderDetailsUrl: 'https://shop.example/r/2' },
    });
    const order = await client.call<{ category: unknown }>('GET', `/order-management/v2/ECOM/${reference}`);
    expect(order.body.category).toEqual({ category: 'GENERAL', orderDetailsUrl: 'https://shop.example/r/2' });
  });

  it('refuses a category with an image that was never uploaded, or a bad URL', async () => {
    const reference = await payment();
    const path = `/order-management/v2/ECOM/categories/${reference}`;
    const noImage = await client.call('PUT', path, {
      body: { category: 'RECEIPT', orderDetailsUrl: 'https://shop.example/r', imageId: 'never-uploaded' },
    });
    expect(noImage.status).toBe(400);
    const badUrl = await client.call('PUT', path, {
      body: { category: 'RECEIPT', orderDetailsUrl: 'not a url' },
      invalidRequest: true,
    });
    expect(badUrl.status).toBe(400);
    expect(
      (
        await client.call('PUT', `/order-management/v2/ECOM/categories/${ref('nope')}`, {
          body: { category: 'RECEIPT', orderDetailsUrl: 'https://shop.example/r' },
        })
      ).status,
    ).toBe(404);
  });

  it.each([
    ['a URL instead of base64', 'https://example.com/logo.png'],
    ['not an image', Buffer.from('hello, world').toString('base64')],
    ['a PNG lower than 167 px', png(166)],
    ['a JPEG lower than 167 px', jpeg(100)],
  ])('refuses %s', async (_name, src) => {
    const res = await client.call('POST', '/order-management/v1/images', {
      body: { imageId: ref('img'), src, type: 'base64' },
    });
    expect(res.status).toBe(400);
  });

  it('accepts a JPEG of 167 px and refuses the same imageId twice', async () => {
    const imageId = ref('jpeg');
    const body = { imageId, src: jpeg(167), type: 'base64' };
    expect((await client.call('POST', '/order-management/v1/images', { body })).status).toBe(200);
    expect((await client.call('POST', '/order-management/v1/images', { body })).status).toBe(409);
  });
});
