import { afterEach, describe, expect, it } from 'vitest';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const PHONE = '4791234567';

async function completedSale(amount = 14950): Promise<string> {
  const { reference } = await h.engine.start({ amount, flow: 'PUSH_PHONE', phone: PHONE });
  h.sim.customer.approve(reference);
  await h.waitFor(reference, (p) => p.status === 'COMPLETED');
  return reference;
}

describe('approve during cancel', () => {
  it('is never reported as cancelled: the cashier is asked, and complete captures it', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    const v = await h.engine.cancel(reference);
    expect(v.status).toBe('DECISION_NEEDED');
    expect(v.attention).toBe('APPROVED_DURING_CANCEL');
    expect(v.capturable).toBe(5000);
    expect(h.payments.filter((p) => p.reference === reference).map((p) => p.status)).not.toContain(
      'CANCELLED',
    );
    expect(h.alerts).toContainEqual(expect.objectContaining({ reference, kind: 'ATTENTION' }));
    // cancelTransactionOnly kept the reservation; no auto-capture happened behind the cashier's back.
    expect(h.sim.ledger.forReference(reference).map((e) => e.kind)).toEqual(['authorize']);
    expect(
      h.journal.operations.forReference(reference).find((o) => o.kind === 'cancel')?.lastError?.code,
    ).toBe('CONFLICT');

    const done = await h.engine.resolve({ reference, action: 'complete' });
    expect(done.status).toBe('COMPLETED');
    expect(h.sim.ledger.forReference(reference).map((e) => [e.kind, e.amount])).toEqual([
      ['authorize', 5000],
      ['capture', 5000],
    ]);
  });

  it('release gives the money back: RELEASED', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.engine.cancel(reference);
    const v = await h.engine.resolve({ reference, action: 'release' });
    expect(v.status).toBe('RELEASED');
    expect(h.sim.ledger.total('cancel', reference)).toBe(5000);
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
  });
});

describe('approval after the cashier gave up', () => {
  it('keeps watching after dismiss and raises a late-approval alert instead of capturing', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 7000, flow: 'PUSH_PHONE', phone: PHONE });
    h.engine.dismiss(reference);
    expect(h.engine.active()).toBeNull();
    expect(h.journal.audit.forReference(reference).map((a) => a.action)).toEqual(['start', 'give-up']);
    // The next customer can be served meanwhile.
    const next = await h.engine.start({ amount: 1000, flow: 'QR' });

    h.sim.customer.approve(reference);
    const v = await h.waitFor(reference, (p) => p.status === 'DECISION_NEEDED');
    expect(v.attention).toBe('LATE_APPROVAL');
    expect(h.alerts).toContainEqual(expect.objectContaining({ kind: 'LATE_APPROVAL', reference }));
    expect(h.engine.attention().map((p) => p.reference)).toContain(reference);
    expect(h.sim.ledger.total('capture', reference)).toBe(0);
    expect(h.engine.active()?.reference).toBe(next.reference);

    const released = await h.engine.resolve({ reference, action: 'release' });
    expect(released.status).toBe('RELEASED');
    expect(released.attention).toBeNull();
  });

  it('a sale left after expiry just ends EXPIRED', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 7000, flow: 'QR' });
    h.engine.dismiss(reference);
    h.sim.customer.expire(reference);
    const v = await h.waitFor(reference, (p) => p.status === 'EXPIRED');
    expect(v.attention).toBeNull();
  });
});

describe('refunds', () => {
  it('several partial refunds up to the captured amount, then nothing more', async () => {
    h = await startEngineHarness();
    const reference = await completedSale(14950);
    const a = await h.engine.refund({
      reference,
      amount: 4950,
      reason: 'Broken jar',
      requestId: 'refund-aaaa-0001',
    });
    expect(a).toMatchObject({ status: 'COMPLETED', refundable: 10000 });
    const b = await h.engine.refund({
      reference,
      amount: 10000,
      reason: 'Returned',
      requestId: 'refund-aaaa-0002',
    });
    expect(b.refundable).toBe(0);
    expect(b.aggregate.refunded).toBe(14950);
    const before = h.sim.requests.count('refundPayment');
    await expect(
      h.engine.refund({ reference, amount: 100, reason: 'Again', requestId: 'refund-aaaa-0003' }),
    ).rejects.toMatchObject({ code: 'AMOUNT_EXCEEDS_REMAINING' });
    expect(h.sim.requests.count('refundPayment')).toBe(before);
    expect(h.journal.operations.byRequestId(reference, 'refund-aaaa-0003')).toBeUndefined();
    expect(h.sim.ledger.total('refund', reference)).toBe(14950);
    const detail = await h.engine.get(reference);
    expect(detail.events.filter((e) => e.name === 'REFUNDED').map((e) => e.amount)).toEqual([4950, 10000]);
  });

  it('refuses a refund over what remains before calling Vipps', async () => {
    h = await startEngineHarness();
    const reference = await completedSale(5000);
    await h.engine.refund({ reference, amount: 3000, reason: 'Part', requestId: 'refund-bbbb-0001' });
    const before = h.sim.requests.count('refundPayment');
    await expect(
      h.engine.refund({ reference, amount: 2001, reason: 'Too much', requestId: 'refund-bbbb-0002' }),
    ).rejects.toMatchObject({ code: 'AMOUNT_EXCEEDS_REMAINING', details: { reference, field: 'amount' } });
    expect(h.sim.requests.count('refundPayment')).toBe(before);
    expect(h.sim.ledger.total('refund', reference)).toBe(3000);
  });

  it('two refunds started at once (two windows): one runs, the other is told to wait', async () => {
    h = await startEngineHarness();
    const reference = await completedSale(10000);
    const results = await Promise.allSettled([
      h.engine.refund({ reference, amount: 6000, reason: 'Window A', requestId: 'refund-cccc-000a' }),
      h.engine.refund({ reference, amount: 6000, reason: 'Window B', requestId: 'refund-cccc-000b' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    expect(h.sim.ledger.total('refund', reference)).toBe(6000);
  });

  it('a double click with the same requestId refunds once, now and later', async () => {
    h = await startEngineHarness();
    const reference = await completedSale(10000);
    const req = { reference, amount: 2500, reason: 'Double click', requestId: 'refund-dddd-0001' };
    const results = await Promise.allSettled([h.engine.refund(req), h.engine.refund(req)]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    }
    const again = await h.engine.refund(req);
    expect(again.aggregate.refunded).toBe(2500);
    expect(h.sim.ledger.total('refund', reference)).toBe(2500);
    expect(h.journal.operations.forReference(reference).filter((o) => o.kind === 'refund')).toHaveLength(1);
    await expect(h.engine.refund({ ...req, amount: 2600 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to refund a sale that was never captured', async () => {
    h = await startEngineHarness({ settings: { capturePolicy: 'reserve-only' } });
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    h.sim.customer.approve(reference);
    await h.waitFor(reference, (p) => p.status === 'RESERVED');
    await expect(
      h.engine.refund({ reference, amount: 1000, reason: 'No', requestId: 'refund-eeee-0001' }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(h.sim.requests.count('refundPayment')).toBe(0);
  });
});

describe('double actions', () => {
  it('a second cancel while the first runs is refused, and Vipps gets one cancel', async () => {
    h = await startEngineHarness();
    const { reference } = await h.engine.start({ amount: 5000, flow: 'PUSH_PHONE', phone: PHONE });
    const results = await Promise.allSettled([h.engine.cancel(reference), h.engine.cancel(reference)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(h.sim.requests.count('cancelPayment')).toBe(1);
    expect(h.view(reference).status).toBe('CANCELLED');
  });
});
