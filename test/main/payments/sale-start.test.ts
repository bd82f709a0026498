/**
 * Starting a sale: the row and create intent committed before anything is sent, the create request
 * Vipps receives for each flow (what another counter later reads back from its metadata), what the
 * journal keeps of it once decided (not the phone number), and the one-sale-per-counter rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentsEngine } from '../../../src/main/payments/engine';
import type { SimRequest } from '../../../src/main/simulator';
import {
  type EngineHarness,
  FAST_RETRY,
  type HarnessOptions,
  startEngineHarness,
} from '../../support/engine-harness';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PHONE = '4791234567';

function creates(hh: EngineHarness) {
  const seen: Array<{ key: unknown; body: Record<string, unknown> }> = [];
  hh.sim.observe({
    request: (req: Readonly<SimRequest>) => {
      if (req.operation === 'createPayment') {
        seen.push({ key: req.headers['idempotency-key'], body: req.body as Record<string, unknown> });
      }
    },
  });
  return seen;
}

async function harness(options: HarnessOptions = {}) {
  h = await startEngineHarness(options);
  return h;
}

describe('the create request Vipps receives', () => {
  it('push: amount, wallet, the phone, customer present, the description and the counter’s metadata, with the intent’s key', async () => {
    const h = await harness();
    const seen = creates(h);
    const sale = await h.engine.start({
      amount: 12_300,
      flow: 'PUSH_PHONE',
      phone: '+47 912 34 567',
      description: 'Jakke',
    });
    const op = h.journal.operations.forReference(sale.reference).find((o) => o.kind === 'create')!;
    expect(seen).toEqual([
      {
        key: op.idempotencyKey,
        body: {
          amount: { value: 12_300, currency: 'NOK' },
          paymentMethod: { type: 'WALLET' },
          reference: sale.reference,
          userFlow: 'PUSH_MESSAGE',
          customerInteraction: 'CUSTOMER_PRESENT',
          paymentDescription: 'Jakke',
          metadata: { posCounterId: 'lane1', posFlow: 'PUSH_PHONE', posDescription: 'Jakke' },
          customer: { phoneNumber: PHONE },
        },
      },
    ]);
    expect(op).toMatchObject({
      amount: 12_300,
      status: 'succeeded',
      attempts: 1,
      lastError: null,
      requestId: null,
      reason: null,
    });
  });

  it('QR: the QR user flow and a target URL to draw, no customer', async () => {
    const h = await harness();
    const seen = creates(h);
    const sale = await h.engine.start({ amount: 5_000, flow: 'QR' });
    expect(seen[0]?.body).toMatchObject({ userFlow: 'QR', qrFormat: { format: 'TEXT/TARGETURL' } });
    expect(seen[0]?.body).not.toHaveProperty('customer');
    expect(seen[0]?.body.metadata).toEqual({
      posCounterId: 'lane1',
      posFlow: 'QR',
      posDescription: 'Kjøp i butikk',
    });
    expect(sale.qr).toEqual({ kind: 'url', value: expect.stringMatching(/^https?:\/\//) });
  });

  it('scanned personal QR: a push to that customer, no QR to draw', async () => {
    const h = await harness();
    const seen = creates(h);
    const sale = await h.engine.start({
      amount: 5_000,
      flow: 'PERSONAL_QR',
      personalQr: 'https://qr.vipps.no/28/2/01/031/x?v=1',
    });
    expect(seen[0]?.body).toMatchObject({
      userFlow: 'PUSH_MESSAGE',
      customer: { personalQr: 'https://qr.vipps.no/28/2/01/031/x?v=1' },
    });
    expect(seen[0]?.body).not.toHaveProperty('qrFormat');
    expect(sale.qr).toBeNull();
  });
});

describe('the sale as journaled', () => {
  it('committed as CREATING before sending, with the masked phone, the shop’s VAT rate and Vipps’ expiry; the cashier sees it at once', async () => {
    const h = await harness({ polling: { expiryMs: 90_000 } });
    let atSend: unknown;
    h.sim.observe({
      request: (req) => {
        if (req.operation === 'createPayment')
          atSend = h.journal.payments.get(String((req.body as { reference: string }).reference));
      },
    });
    const sale = await h.engine.start({ amount: 5_000, flow: 'PUSH_PHONE', phone: PHONE });
    expect(atSend).toMatchObject({
      status: 'CREATING',
      counterId: 'lane1',
      amount: 5_000,
      currency: 'NOK',
      phoneMasked: expect.not.stringContaining('912'),
      phoneLast4: '4567',
      vatRate: 2500,
      vippsState: null,
      aggregate: { authorized: 0, captured: 0, refunded: 0, cancelled: 0 },
      receipt: 'none',
      cancelRequested: false,
      givenUp: false,
      dismissed: false,
    });
    const row = h.journal.payments.get(sale.reference)!;
    expect(Date.parse(row.expiresAt!) - Date.parse(row.createdAt)).toBe(90_000);
    expect((atSend as { updatedAt: string }).updatedAt).toBe(row.createdAt);
    expect(h.payments[0]).toMatchObject({ reference: sale.reference, status: 'CREATING' });
    expect(sale).toMatchObject({ status: 'WAITING', vippsState: 'CREATED', qr: null });
    expect(h.journal.audit.forReference(sale.reference)).toEqual([
      expect.objectContaining({
        actor: 'cashier',
        action: 'start',
        amount: 5_000,
        details: { flow: 'PUSH_PHONE', counterId: 'lane1' },
      }),
    ]);
  });

  it('a QR sale has no phone on the row', async () => {
    const h = await harness();
    const sale = await h.engine.start({ amount: 5_000, flow: 'QR' });
    expect(h.journal.payments.get(sale.reference)).toMatchObject({ phoneMasked: null, phoneLast4: null });
  });

  it('once Vipps has decided the create, the stored request (with the phone) is dropped; an unknown one keeps it to re-send', async () => {
    const h = await harness({
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      polling: { reconcileDelayMs: 60_000 },
    });
    const done = await h.engine.start({ amount: 5_000, flow: 'PUSH_PHONE', phone: PHONE });
    expect(h.journal.operations.forReference(done.reference)[0]).toMatchObject({
      status: 'succeeded',
      requestBody: null,
    });
    await h.engine.cancel(done.reference);
    h.engine.dismiss(done.reference);

    const lost = h.sim.faults.add({ kind: 'lost-response', times: 1, match: { operation: 'createPayment' } });
    const unknown = await h.engine.start({ amount: 5_000, flow: 'PUSH_PHONE', phone: PHONE });
    lost.remove();
    expect(unknown.status).toBe('UNKNOWN');
    const [op] = h.journal.operations.forReference(unknown.reference);
    expect(op).toMatchObject({ status: 'unknown', attempts: 1 });
    expect(JSON.parse(op!.requestBody!)).toMatchObject({
      customer: { phoneNumber: PHONE },
      amount: { value: 5_000 },
    });
  });

  it('a create Vipps refuses: the refusal with the sale’s reference; the sale FAILED and its request dropped', async () => {
    const h = await harness({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    h.sim.faults.add({ kind: 'status', status: 400, times: 1, match: { operation: 'createPayment' } });
    const error = (await h.engine
      .start({ amount: 5_000, flow: 'PUSH_PHONE', phone: PHONE })
      .catch((e: unknown) => e)) as {
      code: string;
      details: { reference: string };
    };
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reference: expect.any(String) } });
    const reference = error.details.reference;
    expect(h.journal.payments.get(reference)?.status).toBe('FAILED');
    expect(h.journal.operations.forReference(reference)).toMatchObject([
      { status: 'failed', requestBody: null, lastError: { code: 'VALIDATION', retryable: false } },
    ]);
  });
});

describe('one sale per counter', () => {
  it('a second start while one is open names the open sale; a finished one is put away by the next start', async () => {
    const h = await harness();
    const first = await h.engine.start({ amount: 5_000, flow: 'QR' });
    await expect(h.engine.start({ amount: 1_000, flow: 'QR' })).rejects.toMatchObject({
      code: 'ACTIVE_PAYMENT_EXISTS',
      message: 'Finish or cancel the sale in progress first.',
      retryable: false,
      details: { reference: first.reference },
    });
    await h.engine.cancel(first.reference);
    expect(h.engine.active()?.reference).toBe(first.reference);
    const second = await h.engine.start({ amount: 1_000, flow: 'QR' });
    expect(h.journal.payments.get(first.reference)?.dismissed).toBe(true);
    expect(h.engine.active()?.reference).toBe(second.reference);
  });

  it('nothing starts while the engine is still checking unfinished payments', async () => {
    const h = await harness({ recover: false });
    await expect(h.engine.start({ amount: 1_000, flow: 'QR' })).rejects.toMatchObject({
      code: 'RECOVERING',
      message: 'Checking unfinished payments with Vipps first.',
      retryable: true,
    });
    expect(h.journal.payments.count()).toBe(0);
  });
});

describe('the engine’s clock', () => {
  it('dates the sale, its reference and its expiry by the clock it is given', async () => {
    const base = await harness();
    const engine = createPaymentsEngine({
      journal: base.journal,
      vipps: base.vipps,
      settings: () => ({ ...base.settings, counterId: 'kasse-7' }),
      clock: () => new Date('2031-02-03T04:05:06.000Z'),
      polling: { expiryMs: 60_000 },
    });
    try {
      await engine.recover();
      const sale = await engine.start({ amount: 1_000, flow: 'QR' });
      expect(sale.reference).toMatch(/^kasse7-20310203-040506-[a-z2-9]{4}$/);
      expect(sale.createdAt).toBe('2031-02-03T04:05:06.000Z');
      expect(sale.expiresAt).toBe('2031-02-03T04:06:06.000Z');
      expect(base.journal.operations.forReference(sale.reference)[0]?.createdAt).toBe(
        '2031-02-03T04:05:06.000Z',
      );
      await engine.cancel(sale.reference);
    } finally {
      await engine.stop();
    }
  });
});
