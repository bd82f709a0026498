/**
 * Go-live evidence in real Chromium against the web host (real engine, journal and training
 * simulator): the manager runs the scenarios from Settings, and the four payments then show in
 * History, each marked as a go-live test, the detail saying it is no shop sale.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveAsManager, openCashier, screenshot } from './support/counter-page';
import { launchBrowser, type RunningHost, removeDataDir, startHost } from './support/host';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await host?.stop();
  if (host) removeDataDir(host.dataDir);
});

describe('go-live evidence in Chromium', () => {
  it('runs from Settings, and its payments show in History marked as go-live tests', async () => {
    page = await openCashier(browser, host.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Run go-live scenarios' }).click();
    await approveAsManager(page);
    const table = page.locator('.golive-table');
    await table.waitFor({ timeout: 60_000 });
    const references = (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((r) =>
      r.trim(),
    );
    expect(references).toHaveLength(4);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByLabel('Reference or amount').fill('golive-');
    await page.getByLabel('Reference or amount').press('Enter');
    const rows = page.locator('.history-table tbody tr');
    await rows.first().waitFor();
    for (const reference of references) {
      const row = rows.filter({ has: page.getByRole('button', { name: reference }) });
      await expect.poll(() => row.getByText('Go-live test').count()).toBe(1);
    }
    await screenshot(page, 'history-golive');

    const captured = references.find((r) => r.endsWith('-captured'))!;
    await page.getByRole('button', { name: captured }).click();
    const heading = page.getByRole('heading', { name: new RegExp(`Payment ${captured}`) });
    await heading.waitFor();
    expect(await heading.getByText('Go-live test').count()).toBe(1);
    await page.getByText(/go-live checklist \(scenario CAPTURED\), not a shop sale/).waitFor();
  });
});
