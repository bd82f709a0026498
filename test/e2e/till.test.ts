/**
 * Issue 14's done-when: the example till (scripts/example-till.mjs) drives a full sale, a partial
 * refund and a cancel through the till API of the web host (real engine, journal and training
 * simulator), while real Chromium shows the cashier window and the customer display reacting.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TillStatus } from '../../src/preload/contract';
import { openCashier, openCustomerDisplay, screenshot, waitForStatus } from './support/counter-page';
import { launchBrowser, type RunningHost, removeDataDir, startHost } from './support/host';

const EXAMPLE_TILL = resolve(__dirname, '../../scripts/example-till.mjs');
const MANAGER = { pin: '1234' };

let host: RunningHost;
let browser: Browser;
let tillUrl: string;
let token: string;

async function api<T>(channel: string, body: unknown): Promise<T> {
  const res = await fetch(`${new URL(host.url).origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pos-Token': host.token },
    body: JSON.stringify(body),
  });
  const result = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

interface Till {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first printed line that has this event. */
  next(event: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Runs the example till as a till vendor would; its JSON lines are collected. */
function exampleTill(...args: string[]): Till {
  const child = spawn(process.execPath, [EXAMPLE_TILL, ...args], {
    env: { ...process.env, TILL_URL: tillUrl, TILL_TOKEN: token ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let at = buffer.indexOf('\n');
    while (at >= 0) {
      lines.push(JSON.parse(buffer.slice(0, at)));
      buffer = buffer.slice(at + 1);
      at = buffer.indexOf('\n');
    }
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    lines,
    exited,
    next: (event) =>
      new Promise((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`no "${event}" from the example till: ${JSON.stringify(lines)} ${stderr}`)),
          20_000,
        );
        const look = () => {
          const found = lines.find((line) => line.event === event);
          if (found) {
            clearTimeout(timer);
            ok(found);
          } else if (lines.some((line) => line.event === 'error')) {
            clearTimeout(timer);
            fail(new Error(`example till failed: ${JSON.stringify(lines)}`));
          } else waiters.push(look);
        };
        look();
      }),
  };
}

beforeAll(async () => {
  host = await startHost(undefined, { POS_TILL_PORT: '0' });
  browser = await launchBrowser();
  // A manager turns the API on and makes a pairing code in Settings; the till pairs with it.
  const status = await api<TillStatus>('pos:till:configure', { enabled: true, approval: MANAGER });
  tillUrl = status.url!;
  const { code } = await api<{ code: string }>('pos:till:pair', { approval: MANAGER });
  const pairing = exampleTill('pair', '--code', code, '--name', 'Front till');
  token = (await pairing.next('paired')).token as string;
  expect(await pairing.exited).toBe(0);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (host) removeDataDir(host.dataDir);
});

describe('the example till drives the counter (Chromium shows it)', () => {
  let page: Page;
  let display: Page;

  it('a full sale: started at the till, shown on both screens, approved, completed; the till sees it', async () => {
    page = await openCashier(browser, host.url);
    display = await openCustomerDisplay(browser, host.url);
    const sale = exampleTill('sale', '--amount', '14950', '--order', 'E2E-1');
    const { reference } = await sale.next('started');
    await waitForStatus(page, 'WAITING');
    expect((await page.locator('.waiting-meta code').textContent())?.trim()).toBe(reference);
    await page.getByRole('img', { name: 'QR code for the customer to scan' }).waitFor();
    await display.getByRole('img', { name: 'QR code for the customer to scan' }).waitFor();
    expect(await display.locator('.customer-amount').textContent()).toMatch(/NOK\s149\.50/);
    await screenshot(page, 'till-sale-waiting');
    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForStatus(page, 'COMPLETED');
    await display.getByText('Thank you!').waitFor();
    const done = await sale.next('done');
    expect(done).toMatchObject({ orderId: 'E2E-1', status: 'COMPLETED', captured: 14_950 });
    expect(await sale.exited).toBe(0);
  });

  it('a partial refund from the till: the History detail in the cashier window reads "Partly refunded"', async () => {
    await page.getByRole('button', { name: 'New sale' }).click();
    await page.getByRole('button', { name: 'History' }).click();
    const list = exampleTill('list');
    const sold = await list.next('sale');
    const reference = sold.reference as string;
    await page.getByLabel('Reference or amount').fill(reference);
    await page.getByLabel('Reference or amount').press('Enter');
    await page.getByRole('button', { name: reference }).click();
    await page.getByRole('heading', { name: `Payment ${reference}` }).waitFor();
    const refund = exampleTill(
      'refund',
      '--order',
      'E2E-1',
      '--amount',
      '4950',
      '--reason',
      'Broken cup',
      '--pin',
      MANAGER.pin,
    );
    expect(await refund.next('refunded')).toMatchObject({ shown: 'PARTLY_REFUNDED', refunded: 4_950 });
    const badge = page.locator('#detail-title .badge');
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('Partly refunded');
    await expect.poll(() => page.locator('.amounts').textContent()).toMatch(/Refunded\s*NOK\s49\.50/);
    await screenshot(page, 'till-refund-history');
  });

  it('a cancel from the till: both screens show the sale cancelled, and the till’s waiting sale ends', async () => {
    await page.getByRole('button', { name: 'Sale' }).click();
    const sale = exampleTill('sale', '--amount', '5000', '--order', 'E2E-2');
    const { reference } = await sale.next('started');
    await waitForStatus(page, 'WAITING');
    expect((await page.locator('.waiting-meta code').textContent())?.trim()).toBe(reference);
    await display.getByRole('img', { name: 'QR code for the customer to scan' }).waitFor();
    const cancel = exampleTill('cancel', '--order', 'E2E-2');
    expect(await cancel.next('cancelled')).toMatchObject({ reference, status: 'CANCELLED' });
    await waitForStatus(page, 'CANCELLED');
    await display.getByText('The payment was not completed').waitFor();
    await screenshot(page, 'till-cancelled');
    expect(await sale.next('done')).toMatchObject({ status: 'CANCELLED' });
  });
  it('a till-started sale cancelled in the cashier window: the till’s waiting call sees CANCELLED', async () => {
    await page.getByRole('button', { name: 'New sale' }).click();
    const sale = exampleTill('sale', '--amount', '2500', '--order', 'E2E-3');
    const { reference } = await sale.next('started');
    await waitForStatus(page, 'WAITING');
    expect((await page.locator('.waiting-meta code').textContent())?.trim()).toBe(reference);
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await waitForStatus(page, 'CANCELLED');
    expect(await sale.next('done')).toMatchObject({ orderId: 'E2E-3', status: 'CANCELLED' });
    expect(await sale.exited).toBe(0);
  });
});
