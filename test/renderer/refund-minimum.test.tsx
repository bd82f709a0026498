/**
 * The refund dialog holds refunds to Vipps' minimum per currency — the one table main checks them
 * against (contract MINIMUM_AMOUNT) — so a refund main would refuse is never offered for confirmation.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentView } from '../../src/preload/contract';
import { RefundDialog } from '../../src/renderer/src/screens/RefundDialog';
import { completedPayment, ok } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

async function openDialog(payment: PaymentView) {
  const result = await setup(<RefundDialog payment={payment} onClose={vi.fn()} onDone={vi.fn()} />, {
    market: payment.currency === 'NOK' ? 'NO' : 'DK',
    currency: payment.currency,
    brand: payment.brand,
  });
  unbind = result.unbind;
  result.fake.respond('payment.refund', () => ok(payment));
  return result;
}

async function askPartial(amount: string) {
  await userEvent.click(screen.getByRole('radio', { name: 'Part of it' }));
  const field = screen.getByLabelText('Amount to refund');
  await userEvent.clear(field);
  await userEvent.type(field, amount);
  await userEvent.type(screen.getByLabelText('Reason (required)'), 'Deposit{Enter}');
}

const nok = completedPayment({ refundable: 14950 });

describe('Refund dialog: Vipps minimum', () => {
  it('refuses a partial NOK refund below NOK 1.00 and names the minimum', async () => {
    const { fake } = await openDialog(nok);
    await askPartial('0,50');
    expect(screen.getByText(/The smallest amount Vipps accepts is NOK\s1\.00/)).toBeInTheDocument();
    expect(screen.queryByText(/to the customer\?/)).toBeNull();
    expect(fake.callsTo('payment.refund')).toEqual([]);
  });

  it('offers NOK 1.00 exactly for confirmation', async () => {
    await openDialog(nok);
    await askPartial('1,00');
    expect(screen.getByText(/Refund NOK\s1\.00 to the customer\?/)).toBeInTheDocument();
  });

  it('takes DKK down to one øre, the Danish minimum', async () => {
    await openDialog(
      completedPayment({ currency: 'DKK', brand: 'mobilepay', amount: 5000, refundable: 5000 }),
    );
    await askPartial('0,01');
    expect(screen.getByText(/Refund DKK\s0\.01 to the customer\?/)).toBeInTheDocument();
  });

  it('does not offer a full refund of what is left when that is below the minimum', async () => {
    const { fake } = await openDialog(
      completedPayment({
        aggregate: { authorized: 14950, captured: 14950, refunded: 14900, cancelled: 0 },
        refundable: 50,
      }),
    );
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'The rest{Enter}');
    expect(screen.getByText(/The smallest amount Vipps accepts is NOK\s1\.00/)).toBeInTheDocument();
    expect(screen.queryByText(/to the customer\?/)).toBeNull();
    expect(fake.callsTo('payment.refund')).toEqual([]);
  });
});
