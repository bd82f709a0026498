/**
 * The optional receipt link and image (Order Management category RECEIPT): shown with the receipt
 * in the app. The image is uploaded once and reused by later receipts.
 */
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiptQueue } from '../../../src/main/receipts';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { completedSale, eventually } from './helpers';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function orderCategory(reference: string) {
  const token = await h!.vipps.fetchToken();
  const response = await fetch(`${h!.sim.url}/order-management/v2/ECOM/${reference}`, {
    headers: {
      Authorization: `Bearer ${token.accessToken}`,
      'Ocp-Apim-Subscription-Key': h!.sim.credentials.subscriptionKey,
      'Merchant-Serial-Number': h!.sim.credentials.merchantSerialNumber,
    },
  });
  return ((await response.json()) as { category?: unknown }).category;
}

describe('receipt category and image', () => {
  it('adds the RECEIPT link with the shop image; the image is uploaded once', async () => {
    h = await startEngineHarness();
    const png = (await QRCode.toBuffer('https://shop.example.no', { width: 200 })).toString('base64');
    const category = {
      orderDetailsUrl: 'https://shop.example.no/receipts',
      image: { imageId: 'shop-logo-1', base64Png: png },
    };
    const queue = createReceiptQueue({ journal: h.journal, vipps: h.vipps, category });
    try {
      h.engine.on('payment', (v) => {
        if (v.status === 'COMPLETED' && v.receipt === 'none') setImmediate(() => queue.enqueue(v.reference));
      });
      queue.start();
      const first = await completedSale(h, { amount: 1_000, flow: 'QR', description: 'First' });
      await eventually(
        () => queue.view(first.reference),
        (v) => v.status === 'sent',
        'first sent',
      );
      h.engine.dismiss(first.reference);
      const second = await completedSale(h, { amount: 2_000, flow: 'QR', description: 'Second' });
      const sent = await eventually(
        () => queue.view(second.reference),
        (v) => v.status === 'sent',
        'second sent',
      );
      expect(sent.note).toBeNull();
      for (const reference of [first.reference, second.reference]) {
        expect(await orderCategory(reference)).toEqual({
          category: 'RECEIPT',
          orderDetailsUrl: 'https://shop.example.no/receipts',
          imageId: 'shop-logo-1',
        });
      }
      const uploads = () =>
        h?.sim.requests
          .list()
          .filter((r) => r.operation === 'uploadImage')
          .map((r) => r.outcome);
      expect(uploads()).toEqual([200]);

      // After a restart the image id is already taken at Vipps (409): it is reused, not renamed.
      await queue.close();
      h.engine.dismiss(second.reference);
      const again = createReceiptQueue({ journal: h.journal, vipps: h.vipps, category });
      try {
        h.engine.on('payment', (v) => {
          if (v.status === 'COMPLETED' && v.receipt === 'none')
            setImmediate(() => again.enqueue(v.reference));
        });
        again.start();
        const third = await completedSale(h, { amount: 3_000, flow: 'QR', description: 'Third' });
        await eventually(
          () => again.view(third.reference),
          (v) => v.status === 'sent',
          'third sent',
        );
        expect(await orderCategory(third.reference)).toMatchObject({ imageId: 'shop-logo-1' });
        expect(uploads()).toEqual([200, 409]);
      } finally {
        await again.close();
      }
    } finally {
      await queue.close();
    }
  });

  it('a category that cannot be set never unsends the receipt; it becomes a note', async () => {
    h = await startEngineHarness();
    h.sim.faults.add({ kind: 'status', status: 400, match: { operation: 'putCategory' } });
    const queue = createReceiptQueue({
      journal: h.journal,
      vipps: h.vipps,
      category: { orderDetailsUrl: 'https://shop.example.no/r' },
    });
    try {
      h.engine.on('payment', (v) => {
        if (v.status === 'COMPLETED' && v.receipt === 'none') setImmediate(() => queue.enqueue(v.reference));
      });
      queue.start();
      const sale = await completedSale(h, { amount: 1_000, flow: 'QR', description: 'Note me' });
      const sent = await eventually(
        () => queue.view(sale.reference),
        (v) => v.status === 'sent',
        'sent',
      );
      expect(sent.note).toMatch(/receipt link could not be added/);
      expect(h.view(sale.reference).receipt).toBe('sent');
    } finally {
      await queue.close();
    }
  });
});
