/**
 * Issue 10: the payment description the customer sees and the VAT rate come from Settings — the
 * shop's name (or a default in the market's language, never "Counter pos1") and the shop's rate.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(): Promise<Core> {
  core = await startCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pos-shop-')),
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
    logger: silentLogger,
    app: { name: 'vipps-counter', version: '1.2.3' },
  });
  await core.ready();
  return core;
}

/** The customer declines, so the counter is free (and settings may change) again. */
async function declined(c: Core, reference: string): Promise<void> {
  await c.trainingCustomer({ reference, action: 'reject' });
  for (let i = 0; i < 200 && c.payments().active()?.status !== 'REJECTED'; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(c.payments().active()?.status).toBe('REJECTED');
}

async function describedSale(c: Core): Promise<string> {
  const sale = await c.paymentsForChange().start({ amount: 1_000, flow: 'QR' });
  await declined(c, sale.reference);
  return sale.description;
}

describe('shop name and VAT rate in Settings', () => {
  it('describes a sale by the market’s words by default, and by the shop’s name once set', async () => {
    const c = await start();
    expect(c.settingsView()).toMatchObject({ shopName: '', vatRate: 2500 });
    expect(await describedSale(c)).toBe('Kjøp i butikk');
    await c.saveSettings({ shopName: '  Bakeriet på hjørnet ' });
    expect(c.settingsView().shopName).toBe('Bakeriet på hjørnet');
    expect(await describedSale(c)).toBe('Bakeriet på hjørnet');
    await c.saveSettings({ shopName: '' });
    await c.saveSettings({ market: 'DK' });
    expect(await describedSale(c)).toBe('Køb i butik');
    await c.saveSettings({ market: 'FI' });
    expect(await describedSale(c)).toBe('Ostos myymälässä');
  });

  it('keeps a rate of the market only; a new market starts at its standard rate', async () => {
    const c = await start();
    expect((await c.saveSettings({ vatRate: 1500 })).vatRate).toBe(1500);
    await expect(c.saveSettings({ vatRate: 1400 })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(c.settingsView().vatRate).toBe(1500);
    expect((await c.saveSettings({ market: 'FI' })).vatRate).toBe(2550);
    expect((await c.saveSettings({ vatRate: 1350 })).vatRate).toBe(1350);
    await expect(c.saveSettings({ market: 'DK', vatRate: 1350 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });

    // The shop's rate goes on lines without one; a line's own rate must be one of the market's.
    const sale = await c.paymentsForChange().start({
      amount: 300,
      flow: 'QR',
      lines: [
        { name: 'Bun', unitPrice: 100, quantity: 2 },
        { name: 'Paper', unitPrice: 100, quantity: 1, taxRate: 1000 },
      ],
    });
    expect(sale.lines.map((l) => l.taxRate)).toEqual([1350, 1000]);
    await declined(c, sale.reference);
    await expect(
      c.paymentsForChange().start({
        amount: 100,
        flow: 'QR',
        lines: [{ name: 'Bun', unitPrice: 100, quantity: 1, taxRate: 1500 }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
