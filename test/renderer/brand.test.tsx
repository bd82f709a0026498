import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CashierApp } from '../../src/renderer/src/screens/CashierApp';
import { CustomerDisplay } from '../../src/renderer/src/screens/CustomerDisplay';
import { setup } from './support/render';

const BRAND_DIR = join(__dirname, '../../resources/brand');

/** SHA-256 of the official files as delivered (shared/brand/, from Vipps MobilePay's toolkits). */
const OFFICIAL: Record<string, string> = {
  'mobilepay-logo.svg': 'ce59ef5b910b26c70c935c9efef108faecaefe26947e62e8e558f8531cb00180',
  'mobilepay-mark.svg': 'f2fef8de93784309156b11e503a30b7157caae0d3ff999df737f47441a26bd0a',
  'mobilepay-pay-rectangular-da.svg': '0a316bc2cfbe40758a480c210773471ed5d105e11e1ea8bbcab348991f781c52',
  'mobilepay-pay-rectangular-en.svg': 'cdf1d3f6dc43266cb8487d0925c01bb1d83e3e6cb40b1c0f648327b23ad5457d',
  'mobilepay-pay-rectangular-fi.svg': '483f855ffa34a3dee118ddc8bea35d46c37689ceaa80a3a1309b18bd04d6386a',
  'vipps-logo.svg': '3ad4c57548dd84301230468eb87b3ee3616fc93f9cda9fc6c52e527237afeb35',
  'vipps-mark.svg': '1f5267927b3bc9608876f5b349e9433474d5f0a0d92e4817cb4f4bdf32a72b86',
  'vipps-pay-rectangular-en.svg': 'f2450c88db90a4db083703c01a0ca068643fb3854b447cdbd8c28f5fbdee3c84',
  'vipps-pay-rectangular-no.svg': '94089df4ed5952c2670b900b6f4ceb3663a0dbb3e668bf90956c77c373206bb6',
};

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

describe('official brand files', () => {
  it('ships exactly the official SVGs, unmodified, and no placeholder', () => {
    const svgs = readdirSync(BRAND_DIR).filter((name) => name.endsWith('.svg'));
    expect(svgs.sort()).toEqual(Object.keys(OFFICIAL).sort());
    for (const name of svgs) {
      const sha = createHash('sha256')
        .update(readFileSync(join(BRAND_DIR, name)))
        .digest('hex');
      expect(sha, name).toBe(OFFICIAL[name]);
    }
  });

  it.each([
    ['NO', 'vipps', 'Vipps'],
    ['DK', 'mobilepay', 'MobilePay'],
    ['FI', 'mobilepay', 'MobilePay'],
  ] as const)(
    'shows the %s market its official logo in the top bar and on the customer display',
    async (market, brand, name) => {
      const cashier = await setup(<CashierApp />, { market, brand });
      const bar = screen.getByRole('img', { name });
      expect(bar.getAttribute('src')).toMatch(new RegExp(`${brand}-logo\\.svg|^data:image/svg\\+xml`));
      expect(bar).toHaveAttribute('data-brand', brand);
      cashier.unbind();
      cleanup();
      const display = await setup(<CustomerDisplay />, { market, brand });
      unbind = display.unbind;
      expect(screen.getByRole('img', { name })).toHaveAttribute('data-brand', brand);
    },
  );
});
