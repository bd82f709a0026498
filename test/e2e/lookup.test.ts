/**
 * Any reference, any counter (issue 13), end to end: two counters — two web hosts with their own
 * data folders and journals — talk to ONE simulator started by the test (each host in training
 * mode with VIPPS_BASE_URL pointing at it, the way the recovery tests share "Vipps" across a
 * restart). A sale made on counter A is found in History on counter B, refunded there with a
 * manager's PIN, and audited on B as A's sale; A's journal is untouched.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/main/simulator';
import type { AuditPage, PaymentDetail, Result } from '../../src/preload/contract';
import { approveAsManager, openCashier, screenshot, startSale, waitForStatus } from './support/counter-page';
import { launchBrowser, newDataDir, type RunningHost, removeDataDir, startHost } from './support/host';

const PIN = { pin: '1234' }; // the training manager
let sim: Simulator;
let browser: Browser;
const hosts: RunningHost[] = [];
const pages: Page[] = [];

/** One channel through the host's API, as a script with the run's token would call it. */
async function api<T>(host: RunningHost, channel: string, req: unknown): Promise<T> {
  const response = await fetch(`${new URL(host.url).origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pos-Token': host.token },
    body: JSON.stringify(req),
  });
  const result = (await response.json()) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function counter(counterId: string): Promise<RunningHost> {
  const host = await startHost(newDataDir(), { VIPPS_BASE_URL: sim.url });
  hosts.push(host);
  await api(host, 'pos:settings:save', { counterId, approval: PIN });
  return host;
}

beforeAll(async () => {
  sim = await startSimulator();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const page of pages) await page.close();
  for (const host of hosts) {
    await host.stop();
    removeDataDir(host.dataDir);
  }
  await browser?.close();
  await sim?.close();
});

describe('a sale made on counter A, found, refunded and audited on counter B', () => {
  it('two hosts, one simulator, separate journals', async () => {
    const [a, b] = [await counter('lane1'), await counter('lane2')];

    // Counter A sells; the customer approves on their phone; A captures.
    const pageA = await openCashier(browser, a.url);
    pages.push(pageA);
    const reference = await startSale(pageA, '499');
    expect(reference).toMatch(/^lane1-/);
    await waitForStatus(pageA, 'WAITING');
    sim.customer.approve(reference);
    await waitForStatus(pageA, 'COMPLETED');

    // Counter B: History has no such sale, so it asks Vipps and shows another counter's sale.
    const pageB = await openCashier(browser, b.url);
    pages.push(pageB);
    await pageB.getByRole('button', { name: 'History' }).click();
    await pageB.getByLabel('Reference or amount').fill(reference);
    await pageB.getByLabel('Reference or amount').press('Enter');
    await pageB.getByText('Another counter’s sale, found at Vipps').waitFor();
    await pageB.getByText('Made at counter lane1.').waitFor();
    await screenshot(pageB, 'lookup-found');
    // Looking is read only: B's journal has nothing yet.
    await expect(api(b, 'pos:payment:get', { reference })).rejects.toThrow(/NOT_FOUND/);

    await pageB.getByRole('button', { name: 'Open sale' }).click();
    await pageB.getByRole('heading', { name: `Payment ${reference}` }).waitFor();
    await pageB.getByText(/takes it into this counter’s journal/).waitFor();
    await pageB.getByRole('button', { name: 'Refund…' }).click();
    await pageB.getByLabel('Reason (required)').fill('Returned at another counter');
    await pageB.getByLabel('Reason (required)').press('Enter');
    await pageB.getByRole('button', { name: /Yes, refund NOK\s499\.00/ }).click();
    await approveAsManager(pageB);
    await pageB.getByText(/NOK\s499\.00 refunded/).waitFor();
    await pageB.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => pageB.locator('#detail-title .badge').textContent()).toBe('Refunded');
    await pageB.getByText(/Taken into this counter’s journal/).waitFor();
    await screenshot(pageB, 'lookup-refunded');

    // Vipps moved the money once, with B's key from B's journal.
    expect(sim.ledger.total('refund', reference)).toBe(49_900);
    const onB = await api<PaymentDetail>(b, 'pos:payment:get', { reference });
    expect(onB.payment.origin).toMatchObject({ counterId: 'lane1', adoptedAt: expect.any(String) });
    const refundOp = onB.operations.find((o) => o.kind === 'refund');
    expect(refundOp).toMatchObject({ status: 'succeeded', amount: 49_900 });
    const moved = sim.ledger.forReference(reference).filter((e) => e.kind === 'refund');
    expect(moved).toHaveLength(1);

    // B's audit log says who refunded whose sale; A's journal has no refund of its own.
    const audit = await api<AuditPage>(b, 'pos:staff:audit', { reference, approval: PIN });
    const actions = audit.items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['adopt', 'refund']));
    expect(audit.items.find((e) => e.action === 'refund')?.details).toMatchObject({ adoptedFrom: 'lane1' });
    const onA = await api<PaymentDetail>(a, 'pos:payment:get', { reference });
    expect(onA.payment.origin).toBeUndefined();
    expect(onA.operations.map((o) => o.kind)).not.toContain('refund');

    // A reference Vipps does not know: said plainly, nothing journaled.
    await pageB.getByRole('button', { name: /Back to list/ }).click();
    const unknown = 'lane1-20261130-235959-zzzz';
    await pageB.getByLabel('Reference or amount').fill(unknown);
    await pageB.getByLabel('Reference or amount').press('Enter');
    await pageB.getByText(new RegExp(`No sale with the reference ${unknown} at Vipps`)).waitFor();
    await screenshot(pageB, 'lookup-none');
    await expect(api(b, 'pos:payment:get', { reference: unknown })).rejects.toThrow(/NOT_FOUND/);
  });
});
