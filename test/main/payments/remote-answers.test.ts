/**
 * How Vipps' answers land on a sale, and what the cashier is shown from it. Answers can arrive out
 * of order (a slow poll after a capture's answer), so an older answer never undoes a newer one; the
 * view's money figures never go negative; the detail view shows an operation's error as code and
 * message only.
 */
import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../../src/main/payments/store';
import { eventView, operationView, paymentView } from '../../../src/main/payments/views';
import type { ModificationResponse } from '../../../src/main/vipps/types';
import { operationRow, paymentRow } from '../journal/fixtures';

function answer(
  state: ModificationResponse['state'],
  aggregate: { authorized?: number; captured?: number; refunded?: number; cancelled?: number },
  pspReference = 'psp-2',
): ModificationResponse {
  const money = (value = 0) => ({ value, currency: 'NOK' as const });
  return {
    reference: 'lane1-20261125-101500-ab12',
    state,
    amount: money(10_000),
    pspReference,
    aggregate: {
      authorizedAmount: money(aggregate.authorized),
      capturedAmount: money(aggregate.captured),
      refundedAmount: money(aggregate.refunded),
      cancelledAmount: money(aggregate.cancelled),
    },
  };
}

describe('an answer from Vipps on a sale', () => {
  it('takes Vipps state, amounts and PSP reference', () => {
    const row = paymentRow({ vippsState: 'CREATED', pspReference: null });
    applyRemote(
      row,
      answer('AUTHORIZED', { authorized: 10_000, captured: 4000, refunded: 1000, cancelled: 500 }),
    );
    expect(row.vippsState).toBe('AUTHORIZED');
    expect(row.aggregate).toEqual({ authorized: 10_000, captured: 4000, refunded: 1000, cancelled: 500 });
    expect(row.pspReference).toBe('psp-2');
  });

  it('an older answer does not undo a newer one: no return to CREATED, no shrinking amounts', () => {
    const row = paymentRow({
      vippsState: 'AUTHORIZED',
      pspReference: 'psp-1',
      aggregate: { authorized: 10_000, captured: 10_000, refunded: 2000, cancelled: 0 },
    });
    // An answer without a PSP reference keeps the one the sale has.
    applyRemote(row, { ...answer('CREATED', {}), pspReference: undefined as never });
    expect(row.vippsState).toBe('AUTHORIZED');
    expect(row.aggregate).toEqual({ authorized: 10_000, captured: 10_000, refunded: 2000, cancelled: 0 });
    expect(row.pspReference).toBe('psp-1');
    applyRemote(
      row,
      answer('TERMINATED', { authorized: 10_000, captured: 10_000, refunded: 2000, cancelled: 300 }),
    );
    expect(row.vippsState).toBe('TERMINATED');
    expect(row.aggregate.cancelled).toBe(300);
  });

  it('a first answer may say CREATED, and a CREATED sale may become any state', () => {
    const fresh = paymentRow({ vippsState: null });
    applyRemote(fresh, answer('CREATED', {}));
    expect(fresh.vippsState).toBe('CREATED');
    applyRemote(fresh, answer('ABORTED', {}));
    expect(fresh.vippsState).toBe('ABORTED');
  });
});

describe('what the cashier is shown', () => {
  it('derives kept, capturable and refundable money, never below zero', () => {
    const partly = paymentView(
      paymentRow({
        status: 'COMPLETED',
        vippsState: 'AUTHORIZED',
        aggregate: { authorized: 10_000, captured: 6000, refunded: 1500, cancelled: 4000 },
      }),
    );
    expect(partly).toMatchObject({ kept: 4500, capturable: 0, refundable: 4500, shown: 'PARTLY_REFUNDED' });
    const reserved = paymentView(
      paymentRow({
        status: 'RESERVED',
        vippsState: 'AUTHORIZED',
        aggregate: { authorized: 10_000, captured: 2500, refunded: 0, cancelled: 1000 },
      }),
    );
    expect(reserved).toMatchObject({ kept: 2500, capturable: 6500, refundable: 2500, shown: 'RESERVED' });
    // Figures from a broken or stale aggregate are clamped, not shown as negative money.
    const odd = paymentView(
      paymentRow({ aggregate: { authorized: 1000, captured: 500, refunded: 900, cancelled: 2000 } }),
    );
    expect(odd).toMatchObject({ kept: 0, capturable: 0, refundable: 0 });
  });

  it('copies the sale and its brand, with the aggregate and origin as copies', () => {
    const origin = { counterId: 'lane2', description: null, flow: null, createdAt: null, adoptedAt: null };
    const row = paymentRow({ currency: 'DKK', origin });
    const view = paymentView(row);
    expect(view).toMatchObject({
      reference: row.reference,
      counterId: row.counterId,
      amount: row.amount,
      currency: 'DKK',
      brand: 'mobilepay',
      origin,
      goLive: row.goLive,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
    view.aggregate.captured = 999;
    expect(row.aggregate.captured).not.toBe(999);
    expect(view.origin).not.toBe(origin);
    expect('origin' in paymentView(paymentRow({ origin: null }))).toBe(false);
    expect(paymentView(paymentRow({ currency: 'NOK' })).brand).toBe('vipps');
  });

  it("an operation's error is shown as code and message, an event as Vipps logged it", () => {
    const failed = operationRow({
      status: 'failed',
      lastError: { code: 'CONFLICT', message: 'Vipps refused.', retryable: false },
    });
    expect(operationView(failed).lastError).toEqual({ code: 'CONFLICT', message: 'Vipps refused.' });
    expect(operationView(operationRow({ lastError: null })).lastError).toBeNull();
    const event = {
      reference: 'lane1-20261125-101500-ab12',
      name: 'CAPTURED' as const,
      amount: 500,
      currency: 'NOK' as const,
      timestamp: '2026-11-25T10:15:00Z',
      success: false,
      idempotencyKey: 'k-1',
      pspReference: 'psp-9',
    };
    expect(eventView(event)).toEqual({
      name: 'CAPTURED',
      amount: 500,
      currency: 'NOK',
      timestamp: '2026-11-25T10:15:00Z',
      success: false,
      idempotencyKey: 'k-1',
      pspReference: 'psp-9',
    });
  });
});
