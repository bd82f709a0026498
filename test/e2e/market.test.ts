/**
 * Market and brand in Chromium: a manager switches the counter to Denmark in Settings; the app
 * becomes MobilePay in Danish with Danish kroner, and a sale runs in that currency.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { approveAsManager, screenshot, waitForStatus } from './support/counter-page';
import { launchBrowser, type RunningHost, removeDataDir, startHost } from './support/host';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (host) removeDataDir(host.dataDir);
});

it('switches the counter to Denmark: MobilePay brand, Danish, DKK', async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.locator('.language-picker select').selectOption('en');
  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.locator('.settings-form');
  await form.getByLabel('Market').selectOption('DK');
  await form.getByLabel('Language').selectOption('da');
  await page.getByRole('button', { name: 'Save' }).click();
  // In training nobody is signed in and settings need a manager, so the PIN prompt always opens.
  await approveAsManager(page);
  await expect
    .poll(() => page.locator('html').getAttribute('data-brand'), { timeout: 15_000 })
    .toBe('mobilepay');
  expect(await page.locator('html').getAttribute('lang')).toBe('da');
  expect(await page.locator('.topbar .brand-logo').getAttribute('alt')).toBe('MobilePay');
  // The brand bar is MobilePay blue.
  const bar = await page.evaluate('getComputedStyle(document.querySelector(".topbar")).backgroundColor');
  expect(bar).toBe('rgb(90, 120, 255)');

  await page.getByRole('button', { name: 'Salg' }).click();
  await page.getByLabel('Beløb (DKK)').fill('89,95');
  await screenshot(page, 'sale-mobilepay');
  await page.getByLabel('Beløb (DKK)').press('Enter');
  await waitForStatus(page, 'WAITING');
  expect(await page.locator('.waiting-amount').textContent()).toMatch(/89,95\s*kr\./);
  expect(await page.locator('.status-detail').textContent()).toMatch(/MobilePay-appen/);
  await page.getByRole('button', { name: 'Godkend' }).click();
  await waitForStatus(page, 'COMPLETED');
  await page.getByRole('button', { name: 'Nyt salg' }).click();
  await page.getByLabel('Beløb (DKK)').waitFor();
});
