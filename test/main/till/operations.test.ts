/**
 * Every till operation's success and error paths, idempotent re-sends, waiting reads, a till that
 * hangs up mid-sale, and a till-started sale cancelled from the cashier window — over loopback HTTP
 * against a real core, every exchange held to src/main/till/openapi.yaml.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/preload/contract';
import { MANAGER, startTillCore, type TillCore } from '../../support/till';

type Sale = { reference: string; orderId: string | null; version: string; payment: PaymentView };

let t: TillCore;
let seq = 0;
const rid = (label = 'req') => `${label}-${process.pid}-${++seq}`;

beforeAll(async () => {
  t = await startTillCore();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function clearCounter(): Promise<void> {
  const active = await t.value('pos:payment:active', {});
  if (active) await t.call('pos:payment:dismiss', { reference: active.reference });
}

async function setPolicy(capturePolicy: 'capture-now' | 'reserve-only') {
  await t.value('pos:settings:save', { capturePolicy, approval: MANAGER });
}

function startBody(extra: Record<string, unknown> = {}) {
  return {
    requestId: rid('start'),
    orderId: `order-${++seq}`,
    currency: 'NOK',
    amount: 12_500,
    flow: 'QR',
    ...extra,
  };
}

async function start(extra: Record<string, unknown> = {}): Promise<Sale> {
  await clearCounter();
  const res = await t.till.call('POST', '/v1/payments', startBody(extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.headers.get('location')).toBe(`/v1/payments/${res.body.reference}`);
  return res.body;
}

const approve = (reference: string) => t.value('pos:training:customer', { reference, action: 'approve' });

async function auditFor(reference: string) {
  return (await t.value('pos:staff:audit', { approval: MANAGER, reference })).items;
}

describe('start', () => {
  it('starts a sale the cashier window and customer display see as their own, and the audit log names the till', async () => {
    const events: PaymentView[] = [];
    const off = t.core.onEvent((e) => {
      if (e.channel === 'pos:event:payment') events.push(e.payload);
    });
    const sale = await start({
      lines: [
        { name: 'Kaffe', unitPrice: 4_500, quantity: 2, taxRate: 1500 },
        { name: 'Bolle', unitPrice: 3_500, quantity: 1 },
      ],
    });
    off();
    expect(sale.payment).toMatchObject({ status: 'WAITING', amount: 12_500, currency: 'NOK', flow: 'QR' });
    expect(sale.payment.qr).not.toBeNull();
    expect(sale.payment.lines).toHaveLength(2);
    // The counter's active sale (what the cashier window and the customer display show) is this one.
    expect(await t.value('pos:payment:active', {})).toMatchObject({
      reference: sale.reference,
      status: 'WAITING',
    });
    expect(events.some((e) => e.reference === sale.reference && e.status === 'WAITING')).toBe(true);
    const started = (await auditFor(sale.reference)).find((e) => e.action === 'start');
    expect(started).toMatchObject({
      actor: 'till:Till 1',
      details: expect.objectContaining({ till: 'Till 1' }),
    });
    await t.value('pos:payment:cancel', { reference: sale.reference });
  });

  it('refuses another currency, invalid sales (by the IPC schema, in its words) and a second open sale', async () => {
    await clearCounter();
    const currency = await t.till.call('POST', '/v1/payments', startBody({ currency: 'EUR' }));
    expect(currency.status).toBe(400);
    expect(currency.body).toMatchObject({ code: 'VALIDATION', details: { field: 'currency' } });
    const zero = await t.till.call('POST', '/v1/payments', startBody({ amount: 0 }), {
      invalidRequest: true,
    });
    expect(zero.status).toBe(400);
    expect(zero.body).toMatchObject({ code: 'VALIDATION', details: { field: 'amount' } });
    expect(zero.body.detail).toMatch(/^The request was not valid \(amount: /);
    const push = await t.till.call('POST', '/v1/payments', startBody({ flow: 'PUSH_PHONE' }));
    expect(push.body).toMatchObject({ code: 'VALIDATION', details: { field: 'phone' } });
    const unknown = await t.till.call('POST', '/v1/payments', startBody({ tip: 5 }), {
      invalidRequest: true,
    });
    expect(unknown.body).toMatchObject({ code: 'VALIDATION' });
    const noOrder = await t.till.call(
      'POST',
      '/v1/payments',
      { ...startBody(), orderId: undefined },
      { invalidRequest: true },
    );
    expect(noOrder.body).toMatchObject({ code: 'VALIDATION', details: { field: 'orderId' } });
    const lines = await t.till.call(
      'POST',
      '/v1/payments',
      startBody({ lines: [{ name: 'X', unitPrice: 100, quantity: 1 }] }),
    );
    expect(lines.status).toBe(400);
    expect(lines.body.code).toBe('VALIDATION');
    const notJson = await t.till.call('POST', '/v1/payments', undefined, { raw: '{', invalidRequest: true });
    expect(notJson.status).toBe(400);
    const text = await t.till.call('POST', '/v1/payments', undefined, {
      raw: '{}',
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(await t.value('pos:payment:active', {})).toBeNull();

    const first = await start();
    const second = await t.till.call('POST', '/v1/payments', startBody());
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'ACTIVE_PAYMENT_EXISTS',
      wordingKey: 'errors:codes.ACTIVE_PAYMENT_EXISTS',
    });
    await t.value('pos:payment:cancel', { reference: first.reference });
  });

  it('is idempotent by request id: a re-send gets the same sale, the same id with another body is refused', async () => {
    await clearCounter();
    const body = startBody();
    const first = await t.till.call('POST', '/v1/payments', body);
    expect(first.status).toBe(201);
    const [again, twice] = await Promise.all([
      t.till.call('POST', '/v1/payments', body),
      t.till.call('POST', '/v1/payments', body),
    ]);
    for (const res of [again, twice]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('idempotent-replayed')).toBe('true');
      expect(res.body.reference).toBe(first.body.reference);
    }
    const changed = await t.till.call('POST', '/v1/payments', { ...body, amount: 999 });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'requestId', reference: first.body.reference },
    });
    const search = await t.value('pos:payment:search', { text: '' });
    expect(search.items.filter((p) => p.reference === first.body.reference)).toHaveLength(1);
    // A refused request is refused again the same way; a fixed one may use a new id.
    await t.value('pos:payment:cancel', { reference: first.body.reference });
  });
});

describe('read and wait', () => {
  it('returns at once without wait, and a waiting read returns as soon as Vipps changes the sale', async () => {
    await setPolicy('capture-now');
    const sale = await start();
    const now = await t.till.call('GET', `/v1/payments/${sale.reference}`);
    expect(now.body).toMatchObject({
      reference: sale.reference,
      orderId: sale.orderId,
      version: sale.version,
    });
    const waiting = t.till.call('GET', `/v1/payments/${sale.reference}?wait=20&version=${sale.version}`);
    await new Promise((r) => setTimeout(r, 100));
    const began = Date.now();
    await approve(sale.reference);
    const changed = await waiting;
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(changed.body.version).not.toBe(sale.version);
    expect(['RESERVED', 'CAPTURING', 'COMPLETED']).toContain(changed.body.payment.status);
    await t.reach(sale.reference, 'COMPLETED');
    const byOrder = await t.till.call('GET', `/v1/orders/${sale.orderId}`);
    expect(byOrder.body).toMatchObject({ reference: sale.reference, payment: { status: 'COMPLETED' } });
  });

  it('a waiting read that sees no change returns the same version when the wait is over', async () => {
    const sale = await start();
    const began = Date.now();
    const res = await t.till.call('GET', `/v1/payments/${sale.reference}?wait=1`);
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(res.body.version).toBe(sale.version);
    await t.value('pos:payment:cancel', { reference: sale.reference });
  });

  it('refuses bad waits and unknown or other tills’ sales', async () => {
    const sale = await start();
    expect(
      (
        await t.till.call('GET', `/v1/payments/${sale.reference}?wait=61`, undefined, {
          invalidRequest: true,
        })
      ).body,
    ).toMatchObject({ code: 'VALIDATION', details: { field: 'wait' } });
    expect(
      (
        await t.till.call('GET', `/v1/payments/${sale.reference}?version=nope`, undefined, {
          invalidRequest: true,
        })
      ).status,
    ).toBe(400);
    expect((await t.till.call('GET', '/v1/payments/pos1-20990101-zzzzzz')).status).toBe(404);
    expect((await t.till.call('GET', '/v1/orders/no-such-order')).status).toBe(404);
    const other = await t.pair(`Till other ${seq}`);
    expect((await other.call('GET', `/v1/payments/${sale.reference}`)).status).toBe(404);
    expect(
      (await other.call('POST', `/v1/payments/${sale.reference}/cancel`, { requestId: rid() })).status,
    ).toBe(404);
    expect((await other.call('GET', '/v1/payments')).body.payments).toEqual([]);
    await t.value('pos:payment:cancel', { reference: sale.reference });
  });

  it('a till that hangs up mid-sale reads the outcome later by its order id', async () => {
    await setPolicy('capture-now');
    const sale = await start();
    const hangUp = new AbortController();
    const waiting = t.till.call('GET', `/v1/payments/${sale.reference}?wait=30`, undefined, {
      signal: hangUp.signal,
    });
    await new Promise((r) => setTimeout(r, 50));
    hangUp.abort();
    await expect(waiting).rejects.toThrow();
    await approve(sale.reference);
    await t.reach(sale.reference, 'COMPLETED');
    const later = await t.till.call('GET', `/v1/orders/${sale.orderId}`);
    expect(later.body).toMatchObject({
      reference: sale.reference,
      payment: { status: 'COMPLETED', aggregate: { captured: 12_500 } },
    });
  });
});

describe('cancel, complete, release, refund', () => {
  it('cancels a waiting sale; a re-send gets the same outcome', async () => {
    const sale = await start();
    const body = { requestId: rid('cancel') };
    const res = await t.till.call('POST', `/v1/payments/${sale.reference}/cancel`, body);
    expect(res.status).toBe(200);
    expect(res.body.payment.status).toBe('CANCELLED');
    const again = await t.till.call('POST', `/v1/payments/${sale.reference}/cancel`, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.payment.status).toBe('CANCELLED');
    const late = await t.till.call('POST', `/v1/payments/${sale.reference}/cancel`, {
      requestId: rid('cancel'),
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_STATE');
    const cancels = (await auditFor(sale.reference)).filter((e) => e.action === 'cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]).toMatchObject({ actor: 'till:Till 1' });
  });

  it('a till-started sale cancelled from the cashier window: the till reads CANCELLED', async () => {
    const sale = await start();
    const waiting = t.till.call('GET', `/v1/payments/${sale.reference}?wait=20&version=${sale.version}`);
    await new Promise((r) => setTimeout(r, 50));
    await t.value('pos:payment:cancel', { reference: sale.reference });
    let seen = (await waiting).body as Sale;
    while (seen.payment.status !== 'CANCELLED') {
      seen = (await t.till.call('GET', `/v1/payments/${sale.reference}?wait=20&version=${seen.version}`))
        .body;
    }
    expect(seen.payment.status).toBe('CANCELLED');
    const cancel = (await auditFor(sale.reference)).find((e) => e.action === 'cancel');
    expect(cancel?.actor).not.toMatch(/^till:/);
  });

  it('completes a reservation partly, re-sends safely, and refuses a different body and too much', async () => {
    await setPolicy('reserve-only');
    const sale = await start();
    await approve(sale.reference);
    await t.reach(sale.reference, 'RESERVED');
    const tooMuch = await t.till.call('POST', `/v1/payments/${sale.reference}/complete`, {
      requestId: rid(),
      amount: 20_000,
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('AMOUNT_EXCEEDS_REMAINING');
    const body = { requestId: rid('complete'), amount: 10_000 };
    const done = await t.till.call('POST', `/v1/payments/${sale.reference}/complete`, body);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.payment.aggregate.captured).toBe(10_000);
    const again = await t.till.call('POST', `/v1/payments/${sale.reference}/complete`, body);
    expect(again.body.payment.aggregate.captured).toBe(10_000);
    const other = await t.till.call('POST', `/v1/payments/${sale.reference}/complete`, {
      ...body,
      amount: 500,
    });
    expect(other.body).toMatchObject({ code: 'CONFLICT', details: { field: 'requestId' } });
    const bad = await t.till.call(
      'POST',
      `/v1/payments/${sale.reference}/complete`,
      { requestId: 'short', amount: 1 },
      { invalidRequest: true },
    );
    expect(bad.body).toMatchObject({ code: 'VALIDATION', details: { field: 'requestId' } });
    const sneaky = await t.till.call(
      'POST',
      `/v1/payments/${sale.reference}/complete`,
      { requestId: rid(), reference: 'pos1-x-12345678' },
      { invalidRequest: true },
    );
    expect(sneaky.body).toMatchObject({ code: 'VALIDATION', details: { field: 'reference' } });
    const captures = (await t.value('pos:payment:get', { reference: sale.reference })).operations.filter(
      (o) => o.kind === 'capture',
    );
    expect(captures).toHaveLength(1);
  });

  it('releases a reservation with a manager’s approval (staff rules apply), not without', async () => {
    await setPolicy('reserve-only');
    const sale = await start();
    await approve(sale.reference);
    await t.reach(sale.reference, 'RESERVED');
    const refused = await t.till.call('POST', `/v1/payments/${sale.reference}/release`, { requestId: rid() });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', details: { approval: 'required' } });
    const released = await t.till.call('POST', `/v1/payments/${sale.reference}/release`, {
      requestId: rid(),
      approval: MANAGER,
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.payment.status).toBe('RELEASED');
    const entry = (await auditFor(sale.reference)).find((e) => e.action === 'release');
    expect(entry?.details).toMatchObject({ till: 'Till 1' });
  });

  it('refunds partly and fully with the refund dialog’s request-id rule, and lists today’s sales', async () => {
    await setPolicy('capture-now');
    const sale = await start();
    await approve(sale.reference);
    await t.reach(sale.reference, 'COMPLETED');
    const url = `/v1/payments/${sale.reference}/refunds`;
    const noPin = await t.till.call('POST', url, { requestId: rid(), amount: 2_500, reason: 'Broken cup' });
    expect(noPin.status).toBe(403);
    const body = { requestId: rid('refund'), amount: 2_500, reason: 'Broken cup', approval: MANAGER };
    const part = await t.till.call('POST', url, body);
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body.payment).toMatchObject({ shown: 'PARTLY_REFUNDED', aggregate: { refunded: 2_500 } });
    const again = await t.till.call('POST', url, body);
    expect(again.body.payment.aggregate.refunded).toBe(2_500);
    const other = await t.till.call('POST', url, { ...body, amount: 100 });
    expect(other.body).toMatchObject({ code: 'CONFLICT', details: { field: 'requestId' } });
    const over = await t.till.call('POST', url, {
      requestId: rid(),
      amount: 20_000,
      reason: 'x',
      approval: MANAGER,
    });
    expect(over.body.code).toBe('AMOUNT_EXCEEDS_REMAINING');
    const rest = await t.till.call('POST', url, {
      requestId: rid(),
      amount: 10_000,
      reason: 'Returned',
      approval: MANAGER,
    });
    expect(rest.body.payment).toMatchObject({ shown: 'REFUNDED', refundable: 0 });
    const refunds = (await t.value('pos:payment:get', { reference: sale.reference })).operations.filter(
      (o) => o.kind === 'refund',
    );
    expect(refunds).toHaveLength(2);
    const list = await t.till.call('GET', '/v1/payments');
    expect(list.body.payments.map((p: Sale) => p.reference)).toContain(sale.reference);
    expect(list.body.payments.every((p: Sale) => typeof p.orderId === 'string')).toBe(true);
    const bad = await t.till.call('GET', '/v1/payments?date=2026-02-30');
    expect(bad.body).toMatchObject({ code: 'VALIDATION', details: { field: 'date' } });
  });

  it('answers unknown routes and methods with problems', async () => {
    expect((await t.till.call('GET', '/v1/nothing')).status).toBe(404);
    const res = await t.till.call('DELETE', '/v1/payments');
    expect(res.status).toBe(405);
    expect(res.contentType).toBe('application/problem+json');
  });
});
