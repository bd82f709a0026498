import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SaleStatus } from '../../../src/preload/contract';
import { ARTIFACTS_DIR } from './host';

/** Opens the cashier window and switches it to English, the language these tests read. */
export async function openCashier(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await page.locator('.language-picker select').selectOption('en');
  await page.getByLabel('Amount (NOK)').waitFor();
  return page;
}

export async function openCustomerDisplay(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${url}/#customer`);
  await page.getByRole('button', { name: 'English' }).click();
  return page;
}

export async function waitForStatus(page: Page, status: SaleStatus, timeout = 20_000): Promise<void> {
  await page.locator(`.waiting-status[data-status="${status}"]`).waitFor({ timeout });
}

export async function startSale(page: Page, amount: string, flow: 'QR' | 'PUSH_PHONE' = 'QR', phone = '') {
  await page.getByLabel('Amount (NOK)').fill(amount);
  if (flow === 'PUSH_PHONE') {
    await page.getByRole('radio', { name: /Send to phone/ }).check();
    await page.getByLabel('Mobile number', { exact: true }).fill(phone);
    await page.getByLabel('Mobile number', { exact: true }).press('Enter');
  } else {
    await page.getByLabel('Amount (NOK)').press('Enter');
  }
  await page.locator('.waiting-status').waitFor();
  return (await page.locator('.waiting-meta code').textContent())!.trim();
}

/** From a final screen back to an empty sale form. */
export async function newSale(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New sale' }).click();
  await page.getByLabel('Amount (NOK)').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The focused element's text or input type, read in the page (strings keep DOM types out of node code). */
export function focused(page: Page): Promise<{ text: string | null; type: string | null }> {
  return page.evaluate(
    '({ text: document.activeElement?.textContent ?? null, type: document.activeElement?.getAttribute("type") ?? null })',
  );
}

/** What the simulated customer does, through the app's own bridge (training mode only). */
export function trainingCustomer(page: Page, reference: string, action: 'approve' | 'reject' | 'expire') {
  return page.evaluate(`window.pos.training.customer(${JSON.stringify({ reference, action })})`);
}

/** Starts recording every status main pushes to this page, so a brief state is not missed. */
export async function recordStatuses(page: Page): Promise<() => Promise<SaleStatus[]>> {
  await page.evaluate(
    'window.__seen = []; window.pos.events.onPayment((view) => window.__seen.push(view.status))',
  );
  return () => page.evaluate('window.__seen') as Promise<SaleStatus[]>;
}

/** A manager approves with the training manager's PIN, which the prompt shows in training mode. */
export async function approveAsManager(page: Page): Promise<void> {
  const hint = page.getByText(/Training: the manager PIN is \d+/);
  await hint.waitFor();
  const pin = /(\d+)/.exec((await hint.textContent()) ?? '')?.[1] ?? '';
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}
