/**
 * The counter in real Chromium against the web host: real engine, real journal (SQLite in a temp
 * dir) and the built-in training simulator, driven through the training "customer phone" panel.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  approveAsManager,
  focused,
  newSale,
  openCashier,
  openCustomerDisplay,
  screenshot,
  startSale,
  trainingCustomer,
  waitForStatus,
} from './support/counter-page';
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

afterEach(async () => {
  await page?.close();
});

describe('counter in Chromium (training simulator)', () => {
  it('takes a QR payment: customer display shows the QR, the customer approves, the sale completes', async () => {
    page = await openCashier(browser, host.url);
    const display = await openCustomerDisplay(browser, host.url);
    await page.getByLabel('Amount (NOK)').fill('149,50');
    await page.getByLabel('Description (optional)').fill('Coffee and bun');
    await screenshot(page, 'sale');
    await page.getByLabel('Amount (NOK)').press('Enter');
    await waitForStatus(page, 'WAITING');
    await page.getByRole('img', { name: 'QR code for the customer to scan' }).waitFor();
    await expect.poll(() => page.locator('.countdown').textContent()).toMatch(/Expires in \d+:\d\d/);
    await screenshot(page, 'waiting');

    await display.getByRole('img', { name: 'QR code for the customer to scan' }).waitFor();
    expect(await display.locator('.customer-amount').textContent()).toMatch(/NOK\s149\.50/);
    await display.getByText('Scan the code with your Vipps app').waitFor();
    await screenshot(display, 'customer-display');

    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForStatus(page, 'COMPLETED');
    expect(await page.locator('#status-title').textContent()).toBe('Paid');
    expect(await page.locator('.status-detail').textContent()).toMatch(/NOK\s149\.50 has been charged/);
    await display.getByText('Thank you!').waitFor();
    await screenshot(page, 'completed');
    await screenshot(display, 'customer-display-thanks');
    await display.close();
    await newSale(page);
  });

  it('sends a payment to a phone; the customer approves and it is captured', async () => {
    page = await openCashier(browser, host.url);
    await startSale(page, '249,90', 'PUSH_PHONE', '41234567');
    await waitForStatus(page, 'WAITING');
    expect(await page.locator('.status-detail').textContent()).toMatch(
      /approve NOK\s249\.90 in the Vipps app/,
    );
    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForStatus(page, 'COMPLETED');
    await newSale(page);
  });

  it('sends a payment to a phone; the customer declines and no money is taken', async () => {
    page = await openCashier(browser, host.url);
    await startSale(page, '89', 'PUSH_PHONE', '912 34 567');
    await waitForStatus(page, 'WAITING');
    expect(await page.getByText(/Sent to/).textContent()).toMatch(/4567/);
    await page.getByRole('button', { name: 'Decline' }).click();
    await waitForStatus(page, 'REJECTED');
    expect(await page.locator('.status-detail').textContent()).toMatch(/No money was taken/);
    await screenshot(page, 'rejected');
    await newSale(page);
  });

  it('lets a payment expire', async () => {
    page = await openCashier(browser, host.url);
    await startSale(page, '10');
    await waitForStatus(page, 'WAITING');
    await page.getByRole('button', { name: 'Let it expire' }).click();
    await waitForStatus(page, 'EXPIRED');
    // Digits typed on a final screen start the next sale's amount; none is lost on the way.
    await page.keyboard.type('42');
    await expect.poll(() => page.getByLabel('Amount (NOK)').inputValue()).toBe('42');
    await page.keyboard.type('5');
    expect(await page.getByLabel('Amount (NOK)').inputValue()).toBe('425');
  });

  it('cancels a waiting payment with Esc', async () => {
    page = await openCashier(browser, host.url);
    await startSale(page, '20');
    await waitForStatus(page, 'WAITING');
    await page.keyboard.press('Escape');
    await waitForStatus(page, 'CANCELLED');
    expect(await page.locator('.status-detail').textContent()).toMatch(/No money was taken/);
    await newSale(page);
  });

  it('refunds part, refuses more than remains, then refunds the rest from history', async () => {
    page = await openCashier(browser, host.url);
    const reference = await startSale(page, '200');
    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForStatus(page, 'COMPLETED');
    await newSale(page);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByLabel('Reference or amount').fill(reference);
    await page.getByLabel('Reference or amount').press('Enter');
    await page.getByRole('button', { name: reference }).click();
    await page.getByRole('heading', { name: `Payment ${reference}` }).waitFor();
    // Focus goes to the payment's heading, never to the page body.
    await expect.poll(async () => (await focused(page)).text).toMatch(`Payment ${reference}`);
    await screenshot(page, 'history-detail');

    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByRole('radio', { name: 'Part of it' }).check();
    await page.getByLabel('Amount to refund').fill('200,01');
    await page.getByText(/You cannot refund more than NOK\s200\.00/).waitFor();
    expect(await page.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true);
    await page.getByLabel('Amount to refund').fill('50');
    await page.getByLabel('Reason (required)').fill('One item returned');
    await screenshot(page, 'refund');
    await page.getByLabel('Reason (required)').press('Enter');
    await page.getByRole('button', { name: /Yes, refund NOK\s50\.00/ }).click();
    // Refunds need a manager by default: the prompt asks, and the same refund is sent with the PIN.
    await page.getByLabel('Manager PIN').waitFor();
    // The prompt names what it approves; Tab stays inside it.
    await page.getByRole('dialog', { name: /Approve refund of NOK\s50\.00/ }).waitFor();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.closest(".dialog-approval") !== null')).toBe(true);
    await page.getByLabel('Manager PIN').focus();
    await screenshot(page, 'manager-approval');
    await approveAsManager(page);
    await page.getByText(/NOK\s50\.00 refunded/).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => (await focused(page)).text).toBe('Refund…');

    const amounts = page.locator('.amounts');
    await expect.poll(() => amounts.textContent()).toMatch(/Refunded\s*NOK\s50\.00/);
    // A refunded sale never reads "Paid" (issue 10): the header says partly refunded and what is kept.
    const badge = page.locator('#detail-title .badge');
    await expect.poll(() => badge.textContent()).toBe('Partly refunded');
    await page.getByText(/Kept after refunds: NOK\s150\.00 of NOK\s200\.00/).waitFor();
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByText(/Can be refunded: NOK\s150\.00/).waitFor();
    await page.getByLabel('Reason (required)').fill('Customer changed mind');
    await page.getByLabel('Reason (required)').press('Enter');
    await page.getByRole('button', { name: /Yes, refund NOK\s150\.00/ }).click();
    await approveAsManager(page);
    await page.getByText(/NOK\s150\.00 refunded/).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => amounts.textContent()).toMatch(/Refunded\s*NOK\s200\.00/);
    expect(await page.getByRole('button', { name: 'Refund…' }).count()).toBe(0);
    await expect.poll(() => badge.textContent()).toBe('Refunded');

    // History finds it under "Refunded", not under "Paid".
    await page.getByRole('button', { name: /Back to list/ }).click();
    await page.getByLabel('Reference or amount').fill('');
    await page.getByLabel('State').selectOption('COMPLETED');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('button', { name: reference }).count()).toBe(0);
    await page.getByLabel('State').selectOption('REFUNDED');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('.history-table tbody tr', {
      has: page.getByRole('button', { name: reference }),
    });
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Refunded');
    await screenshot(page, 'history-refunded');
  });

  it('finds a sale in history by amount and by state', async () => {
    page = await openCashier(browser, host.url);
    const reference = await startSale(page, '321,45');
    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForStatus(page, 'COMPLETED');
    await newSale(page);
    await page.getByRole('button', { name: 'History' }).click();
    // Whole units find every amount they start (321 → 321,00–321,99), said under the field.
    await page.getByText(/An amount finds the sales it starts/).waitFor();
    await page.getByLabel('Reference or amount').fill('321');
    await page.getByLabel('Reference or amount').press('Enter');
    await page.getByRole('button', { name: reference }).waitFor();
    await page.getByLabel('Reference or amount').fill('321,45');
    await page.getByLabel('State').selectOption('COMPLETED');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.history-table tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: reference }).waitFor();
    await screenshot(page, 'history');
  });

  it('switches language and brand wording follows', async () => {
    page = await openCashier(browser, host.url);
    await page.locator('.language-picker select').selectOption('nb');
    await page.getByRole('button', { name: 'Start betaling' }).waitFor();
    await page.locator('.language-picker select').selectOption('da');
    await page.getByRole('button', { name: 'Start betaling' }).waitFor();
    await page.getByText('Hvordan betaler kunden?').waitFor();
    await page.locator('.language-picker select').selectOption('fi');
    await page.getByRole('button', { name: 'Aloita maksu' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
  });

  it('runs a sale and a refund with the keyboard only', async () => {
    page = await openCashier(browser, host.url);
    await page.getByLabel('Amount (NOK)').focus();
    await page.keyboard.type('75,25');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'WAITING');
    // The status has focus (a stray Enter must not cancel); the customer approves on "their phone".
    expect((await focused(page)).text).toBe('Waiting for the customer');
    const reference = (await page.locator('.waiting-meta code').textContent())!.trim();
    await trainingCustomer(page, reference, 'approve');
    await waitForStatus(page, 'COMPLETED');
    expect((await focused(page)).text).toBe('New sale');
    await page.keyboard.press('Enter');
    await page.getByLabel('Amount (NOK)').waitFor();

    // Tab from the amount field back to the navigation: History is the second tab (its shortcut
    // number, 2, shows before the name).
    for (let i = 0; i < 10 && (await focused(page)).text !== '2History'; i++)
      await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).text).toBe('2History');
    await page.keyboard.press('Enter');
    const link = page.getByRole('button', { name: reference });
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    const refund = page.getByRole('button', { name: 'Refund…' });
    await refund.waitFor();
    await refund.focus();
    await page.keyboard.press('Enter');
    // The dialog focuses "Full refund"; Tab to the reason, type, Enter. The confirm step puts focus
    // on its question (a bounced Enter must not refund): Tab to "Yes", then Enter.
    expect((await focused(page)).type).toBe('radio');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wrong item');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Yes, refund NOK\s75\.25/ }).waitFor();
    expect((await focused(page)).text).toMatch(/Refund NOK\s75\.25 to the customer\?/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await approveAsManager(page);
    await page.getByText(/NOK\s75\.25 refunded/).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.amounts').textContent()).toMatch(/Refunded\s*NOK\s75\.25/);
  });
});
