/**
 * How a change to a sale reaches the journal, the cashier and support (payments/store.ts): a status
 * change is logged once with where it came from; a poll without news writes nothing; an ended sale
 * shows no QR to scan; an alert fires when the reason for it arises, not again while it stays; a
 * journal that cannot be written refuses the sale as JOURNAL before anything is sent, and says why in
 * the log; an unknown reference is NOT_FOUND in plain words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import type { PaymentView } from '../../../src/preload/contract';
import { type EngineHarness, type HarnessOptions, startEngineHarness } from '../../support/engine-harness';
import { NO_CLIENT_RETRY } from '../../support/engine-suite';
import { failJournalWrite } from '../../support/engine-wire';

const PHONE = '4791234567';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: HarnessOptions = {}): Promise<EngineHarness> {
  h = await startEngineHarness(options);
  return h;
}

function logged(lines: string[], msg: string): Array<Record<string, unknown>> {
  return lines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg);
}

const viewsOf = (h: EngineHarness, reference: string): PaymentView[] =>
  h.payments.filter((v) => v.reference === reference);

describe('a status change', () => {
  it('is logged once per change, from the status the cashier saw to the next one', async () => {
    const lines: string[] = [];
    const h = await harness({ logger: createLogger((line) => lines.push(line), 'test', 'debug') });
    const { reference } = await h.engine.start({ amount: 4_000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (v) => v.status === 'COMPLETED');
    h.engine.dismiss(reference);

    const seen = viewsOf(h, reference)
      .map((v) => v.status)
      .filter((status, i, all) => i === 0 || all[i - 1] !== status);
    const changes = seen.slice(1).map((to, i) => ({ from: seen[i], to }));
    expect(changes.at(-1)).toEqual({ from: 'CAPTURING', to: 'COMPLETED' });
    const statusLines = logged(lines, 'sale status').filter((l) => l.reference === reference);
    expect(statusLines.map(({ from, to }) => ({ from, to }))).toEqual(changes);
    expect(statusLines[0]).toMatchObject({ level: 'info', scope: 'test.payments' });
  });
});

describe('a poll that brings no news', () => {
  it('writes nothing: the journal row keeps the time of the last change the cashier was shown', async () => {
    const h = await harness();
    const { reference } = await h.engine.start({ amount: 1_200, flow: 'QR' });
    const polls = () =>
      h.sim.requests.list().filter((r) => r.operation === 'getPayment' && r.path.includes(reference)).length;
    await h.waitFor(reference, () => polls() >= 4, 'four polls');
    await h.engine.stop();
    const shown = viewsOf(h, reference).at(-1)!;
    expect(shown.status).toBe('WAITING');
    expect(h.journal.payments.get(reference)!.updatedAt).toBe(shown.updatedAt);
  });
});

describe('a sale that ends', () => {
  it('shows no QR any more, to the cashier who ended it and to every window', async () => {
    const h = await harness();
    const started = await h.engine.start({ amount: 3_300, flow: 'QR' });
    expect(started.qr).not.toBeNull();
    const cancelled = await h.engine.cancel(started.reference);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', qr: null });
    expect(viewsOf(h, started.reference).at(-1)).toMatchObject({ status: 'CANCELLED', qr: null });
    expect(h.view(started.reference).qr).toBeNull();
  });
});

describe('alerts', () => {
  it('a refused capture alerts once; parking the sale afterwards does not alert it again', async () => {
    const h = await harness({ retry: NO_CLIENT_RETRY });
    h.sim.faults.add({ kind: 'status', status: 400, match: { operation: 'capturePayment' }, times: 1 });
    const { reference } = await h.engine.start({ amount: 4_200, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (v) => v.attention === 'CAPTURE_FAILED');
    h.engine.dismiss(reference);
    expect(h.view(reference)).toMatchObject({ status: 'RESERVED', attention: 'CAPTURE_FAILED' });
    expect(h.alerts.filter((a) => a.reference === reference)).toEqual([
      {
        kind: 'ATTENTION',
        code: 'CAPTURE_FAILED',
        reference,
        message: 'The approved amount could not be captured. Try again or release it.',
      },
      expect.objectContaining({ kind: 'PARKED', reference }),
    ]);
  });

  it('an approval after the cashier gave up is a late approval, in plain words for a version without its code', async () => {
    const h = await harness();
    const { reference } = await h.engine.start({ amount: 2_700, flow: 'PUSH_PHONE', phone: PHONE });
    h.engine.dismiss(reference);
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (v) => v.attention === 'LATE_APPROVAL');
    expect(h.alerts.filter((a) => a.reference === reference)).toEqual([
      {
        kind: 'LATE_APPROVAL',
        code: 'LATE_APPROVAL',
        reference,
        message: 'A sale you left was approved by the customer. Complete the sale or release the money.',
      },
    ]);
  });
});

describe('a journal that cannot be written', () => {
  it('refuses the sale as JOURNAL before anything is sent, and logs the reason for support', async () => {
    const lines: string[] = [];
    const h = await harness({
      logger: createLogger((line) => lines.push(line), 'test', 'debug'),
      variant: failJournalWrite('operations', 'insert', { always: true }).variant,
    });
    const refused = await h.engine.start({ amount: 5_000, flow: 'QR' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'JOURNAL',
      message: 'The payment journal could not be written: disk I/O error',
      retryable: false,
    });
    expect(logged(lines, 'journal write failed')).toEqual([
      expect.objectContaining({ level: 'error', scope: 'test.payments', error: 'disk I/O error' }),
    ]);
    expect(h.journal.payments.count()).toBe(0);
    expect(h.sim.requests.count('createPayment')).toBe(0);
  });
});

describe('a reference this journal does not have', () => {
  it('is NOT_FOUND, in plain words, with the reference', async () => {
    const h = await harness();
    const reference = 'lane1-20261130-101500-zzzz';
    await expect(h.engine.get(reference)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No sale with that reference in this journal.',
      details: { reference },
    });
    expect(() => h.engine.dismiss(reference)).toThrow('No sale with that reference in this journal.');
  });
});
