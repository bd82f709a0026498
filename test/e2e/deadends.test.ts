/**
 * Dead ends a cashier hit on day one, in real Chromium against the web host (real engine, journal
 * and training simulator), with the counter set to reserve-only: parking a reserved sale, charging
 * part of a reservation, and key bounces on every step that moves money. What moved is read from
 * Vipps' own event log of each payment (the simulator's record), never from the screen.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentDetail, Result } from '../../src/preload/contract';
import {
  approveAsManager,
  focused,
  newSale,
  openCashier,
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
  const setup = await openCashier(browser, host.url);
  await setup.getByRole('button', { name: 'Settings' }).click();
  await setup.locator('.settings-form').getByLabel('When to charge').selectOption('reserve-only');
  await setup.getByRole('button', { name: 'Save' }).click();
  await approveAsManager(setup);
  for (let i = 0; i < 100; i++) {
    const policy = await setup.evaluate(
      'window.pos.settings.get().then((r) => r.ok && r.value.capturePolicy)',
    );
    if (policy === 'reserve-only') break;
    await setup.waitForTimeout(100);
  }
  await setup.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (host) removeDataDir(host.dataDir);
});

afterEach(async () => {
  await page?.close();
});

/** Money that moved on a payment, from Vipps' event log: e.g. ["CAPTURED 15000", "CANCELLED 5000"]. */
async function moved(reference: string): Promise<string[]> {
  const result = (await page.evaluate(
    `window.pos.payment.get(${JSON.stringify({ reference })})`,
  )) as Result<PaymentDetail>;
  if (!result.ok) throw new Error(`payment.get failed: ${result.error.code}`);
  return result.value.events
    .filter((e) => e.success && ['CAPTURED', 'REFUNDED', 'CANCELLED'].includes(e.name))
    .map((e) => `${e.name} ${e.amount}`);
}

/** A sale the customer approved, left RESERVED by the reserve-only policy. */
async function reservedSale(amount: string): Promise<string> {
  const reference = await startSale(page, amount);
  await trainingCustomer(page, reference, 'approve');
  await waitForStatus(page, 'RESERVED');
  return reference;
}

/**
 * A held Enter that began before `button` was there: the key goes down elsewhere, focus moves to
 * the button, and the key's auto-repeat reaches it (Chromium clicks a button on a repeated Enter).
 */
async function heldEnterOnto(button: Locator): Promise<void> {
  await page.evaluate('document.activeElement?.blur()');
  await page.keyboard.down('Enter');
  await button.focus();
  await page.keyboard.down('Enter'); // repeat: true
  await page.keyboard.up('Enter');
}

async function openInHistory(reference: string): Promise<void> {
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByLabel('Reference or amount').fill(reference);
  await page.getByLabel('Reference or amount').press('Enter');
  await page.getByRole('button', { name: reference }).click();
  await page.getByRole('heading', { name: new RegExp(`Payment ${reference}`) }).waitFor();
}

describe('reserve-only counter in Chromium', () => {
  it('parks a reserved sale: the counter takes the next sale, the reservation stays listed', async () => {
    page = await openCashier(browser, host.url);
    const reference = await reservedSale('120,00');
    await page.getByText(/Park keeps the money reserved/).waitFor();
    await screenshot(page, 'reserved-park');
    await page.getByRole('button', { name: 'Park — new sale' }).click();
    await page.getByLabel('Amount (NOK)').waitFor();

    // The next sale starts at once.
    const next = await startSale(page, '10,00');
    expect(next).not.toBe(reference);
    await waitForStatus(page, 'WAITING');
    await page.keyboard.press('Escape');
    await waitForStatus(page, 'CANCELLED');
    await newSale(page);

    // The alert says it was parked; the reservation is on the attention list, untouched.
    await page.getByRole('button', { name: /Alerts/ }).click();
    await page
      .locator('.alert-parked')
      .getByText(/Parked with money still reserved/)
      .waitFor();
    await page.locator('.attention-item', { hasText: reference }).waitFor();
    expect(await moved(reference)).toEqual([]);
  });

  it('charges part of a reservation from the waiting screen and gives back the rest', async () => {
    page = await openCashier(browser, host.url);
    const reference = await reservedSale('200,00');
    await page.getByRole('button', { name: 'Charge part…' }).click();
    await page.getByLabel('Amount to charge').fill('200,01');
    await page.getByText(/At most NOK\s200\.00 is still reserved/).waitFor();
    await page.getByLabel('Amount to charge').fill('150');
    await page.getByLabel(/Give back the rest \(NOK\s50\.00\) afterwards/).waitFor();
    // Enter submits the amount; a bounced second Enter lands on the question, not on "Yes".
    await page.getByLabel('Amount to charge').press('Enter');
    await page.keyboard.press('Enter');
    const question = page.getByText(/Charge NOK\s150\.00 and give back NOK\s50\.00\?/);
    await question.waitFor();
    expect((await focused(page)).text).toMatch(/Charge NOK\s150\.00 and give back/);
    await screenshot(page, 'partial-capture');
    expect(await moved(reference)).toEqual([]);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // Giving back the rest is a release: a manager approves it.
    await approveAsManager(page);
    await waitForStatus(page, 'COMPLETED');
    await expect.poll(() => moved(reference)).toEqual(['CAPTURED 15000', 'CANCELLED 5000']);
    await newSale(page);
  });

  it('charges part of a reservation from the History detail view', async () => {
    page = await openCashier(browser, host.url);
    const reference = await reservedSale('80,00');
    await page.getByRole('button', { name: 'Park — new sale' }).click();
    await openInHistory(reference);
    await page.getByRole('button', { name: 'Charge part…' }).click();
    await page.getByLabel('Amount to charge').fill('30');
    await page.getByLabel(/Give back the rest/).uncheck();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: /Yes, charge NOK\s30\.00/ }).click();
    await expect.poll(() => page.locator('.amounts').textContent()).toMatch(/Charged\s*NOK\s30\.00/);
    expect(await moved(reference)).toEqual(['CAPTURED 3000']);
    await expect
      .poll(() => page.locator('.amounts').textContent())
      .toMatch(/Can still be charged\s*NOK\s50\.00/);
  });

  it('a key bounce never moves money: capture, release, refund and go-live each need their own press', async () => {
    page = await openCashier(browser, host.url);
    const reference = await reservedSale('60,00');

    // Waiting screen: the status has focus; Enter twice moves nothing, nor does a held Enter.
    expect((await focused(page)).text).toBe('Approved — amount reserved');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await heldEnterOnto(page.getByRole('button', { name: /Charge NOK\s60\.00 now/ }));
    await heldEnterOnto(page.getByRole('button', { name: /Release \(give back NOK\s60\.00\)/ }));
    await page.waitForTimeout(300);
    expect(await moved(reference)).toEqual([]);
    await waitForStatus(page, 'RESERVED');

    // History detail: Enter on "Release", bounced Enter: the question has focus, nothing released.
    await page.getByRole('button', { name: 'Park — new sale' }).click();
    await openInHistory(reference);
    const release = page.getByRole('button', { name: /Release reservation \(NOK\s60\.00\)/ });
    await release.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText(/Release NOK\s60\.00 back to the customer\?/).waitFor();
    expect((await focused(page)).text).toMatch(/Release NOK\s60\.00 back to the customer\?/);
    await heldEnterOnto(page.getByRole('button', { name: 'Yes', exact: true }));
    await page.waitForTimeout(300);
    expect(await moved(reference)).toEqual([]);
    await page.getByRole('button', { name: 'No', exact: true }).click();

    // Charge the rest: same, then its own press charges.
    await page.getByRole('button', { name: /Charge the rest \(NOK\s60\.00\)/ }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await heldEnterOnto(page.getByRole('button', { name: 'Yes', exact: true }));
    await page.waitForTimeout(300);
    expect(await moved(reference)).toEqual([]);
    await page.getByRole('button', { name: 'Yes', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => moved(reference)).toEqual(['CAPTURED 6000']);

    // Refund: reason, Enter, Enter — the confirm step shows with focus on its question, nothing refunded.
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByLabel('Reason (required)').fill('Bounce test');
    await page.getByLabel('Reason (required)').press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText(/Refund NOK\s60\.00 to the customer\?/).waitFor();
    expect((await focused(page)).text).toMatch(/Refund NOK\s60\.00 to the customer\?/);
    await heldEnterOnto(page.getByRole('button', { name: /Yes, refund NOK\s60\.00/ }));
    await page.waitForTimeout(300);
    expect(await moved(reference)).toEqual(['CAPTURED 6000']);
    await page.keyboard.press('Escape');

    // Go-live: a held Enter reaching "Run" starts nothing.
    await page.getByRole('button', { name: 'Settings' }).click();
    const run = page.getByRole('button', { name: 'Run go-live scenarios' });
    await run.waitFor();
    await heldEnterOnto(run);
    await page.waitForTimeout(500);
    expect(await page.getByText('Running the scenarios…').count()).toBe(0);
    expect(await page.locator('.golive-table').count()).toBe(0);
  });
});
