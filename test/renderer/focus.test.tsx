import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentDetail, PaymentView } from '../../src/preload/contract';
import { CashierApp } from '../../src/renderer/src/screens/CashierApp';
import { HistoryScreen } from '../../src/renderer/src/screens/HistoryScreen';
import { SettingsScreen } from '../../src/renderer/src/screens/SettingsScreen';
import { StaffScreen } from '../../src/renderer/src/screens/staff/StaffScreen';
import { useSaleStore } from '../../src/renderer/src/stores/sale';
import { MANAGER, resetStaffStore, session } from './staff/staff-fixtures';
import { completedPayment, fail, ok, paymentView, settingsView } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
beforeEach(resetStaffStore);
afterEach(() => {
  unbind?.();
  window.location.hash = '';
});

const partly = completedPayment({
  reference: 'kasse-1-000007',
  aggregate: { authorized: 24900, captured: 24900, refunded: 4900, cancelled: 0 },
  amount: 24900,
  refundable: 20000,
});

const detailOf = (payment: PaymentView): PaymentDetail => ({ payment, operations: [], events: [] });

async function openDetail() {
  const result = await setup(<HistoryScreen />, {}, (f) => {
    f.respond('payment.search', () => ok({ items: [partly], nextCursor: null }));
    f.respond('payment.get', () => ok(detailOf(partly)));
  });
  unbind = result.unbind;
  await userEvent.click(await screen.findByRole('button', { name: partly.reference }));
  return result;
}

describe('focus after a view changes (never the page body)', () => {
  it('opening a payment puts focus on its heading; back puts it on its row', async () => {
    await openDetail();
    expect(await screen.findByRole('heading', { level: 1, name: /kasse-1-000007/ })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(await screen.findByRole('button', { name: partly.reference })).toHaveFocus();
  });

  it('closing the refund dialog puts focus back on "Refund…", or the heading when nothing is left', async () => {
    const { fake } = await openDetail();
    await userEvent.click(await screen.findByRole('button', { name: 'Refund…' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Refund…' })).toHaveFocus();

    const refunded = { ...partly, refundable: 0, aggregate: { ...partly.aggregate, refunded: 24900 } };
    fake.respond('payment.refund', () => ok(refunded));
    fake.respond('payment.get', () => ok(detailOf(refunded)));
    await userEvent.click(screen.getByRole('button', { name: 'Refund…' }));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Returned{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Refund…' })).toBeNull());
    expect(screen.getByRole('heading', { level: 1, name: /kasse-1-000007/ })).toHaveFocus();
  });

  it('signing in (Enter in the PIN field) puts focus on the section heading', async () => {
    window.location.hash = '#/staff/support';
    const result = await setup(<StaffScreen />, {}, (f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('staff.signIn', () => ok(session({ staff: MANAGER })));
      f.respond('report.reservations', () => ok([]));
    });
    unbind = result.unbind;
    await userEvent.type(screen.getAllByLabelText(/^PIN/)[0]!, '1234{Enter}');
    await screen.findByText('Signed in: Kari (Manager)');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Support' })).toHaveFocus());
  });

  it('saving settings puts focus on "Saved" (the form is renewed with the saved values)', async () => {
    const result = await setup(<SettingsScreen />, {}, (f) => {
      f.respond('settings.save', () => ok(settingsView({ shopName: 'Kiosken' })));
    });
    unbind = result.unbind;
    await userEvent.type(await screen.findByLabelText(/Shop name/), 'Kiosken');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toHaveFocus();
  });

  it('approving in the training panel keeps focus on the panel until the waiting screen moves it', async () => {
    const waiting = paymentView({ status: 'WAITING' });
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    act(() => useSaleStore.setState({ active: waiting }));
    let answer: (value: unknown) => void = () => {};
    result.fake.respond('training.customer', () => new Promise((resolve) => (answer = resolve)) as never);
    const approve = screen.getByRole('button', { name: 'Approve' });
    await userEvent.click(approve);
    // A disabled button would throw the focus to the page body while the answer is on its way.
    expect(approve).not.toBeDisabled();
    expect(approve).toHaveAttribute('aria-disabled', 'true');
    expect(approve).toHaveFocus();
    await userEvent.click(approve);
    expect(result.fake.callsTo('training.customer')).toHaveLength(1);
    await act(async () => answer(ok({ ...waiting, status: 'CAPTURING' })));
    act(() => useSaleStore.setState({ active: { ...waiting, status: 'COMPLETED' } }));
    expect(screen.getByRole('button', { name: 'New sale' })).toHaveFocus();
  });
});

describe('manager PIN prompt', () => {
  async function refundNeedingManager() {
    const result = await openDetail();
    result.fake.respond('payment.refund', (req) =>
      (req as { approval?: { pin: string } }).approval?.pin === '4321'
        ? ok(partly)
        : fail('FORBIDDEN', { approval: 'required' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Refund…' }));
    await userEvent.type(screen.getByLabelText('Reason (required)'), 'Broken{Enter}');
    await userEvent.click(screen.getByRole('button', { name: /Yes, refund/ }));
    await screen.findByLabelText('Manager PIN');
    return result;
  }

  it('names the action and the amount it approves', async () => {
    await refundNeedingManager();
    expect(screen.getByRole('dialog', { name: /^Approve refund of NOK\s200\.00$/ })).toBeInTheDocument();
  });

  it('keeps Tab and Shift+Tab inside itself', async () => {
    await refundNeedingManager();
    const pin = screen.getByLabelText('Manager PIN');
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(pin).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(cancel).toHaveFocus();
    await userEvent.tab();
    expect(pin).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveFocus();
    await userEvent.tab();
    expect(cancel).toHaveFocus();
    await userEvent.tab();
    expect(pin).toHaveFocus();
  });

  it('Esc closes it quietly as "not approved": no red error, the question again, nothing sent', async () => {
    const { fake } = await refundNeedingManager();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByLabelText('Manager PIN')).toBeNull();
    expect(screen.getByText('Not approved by a manager. Nothing was done.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('You are not allowed to do this.')).toBeNull();
    // Still in the refund dialog, on its question (never on the button that moves money).
    expect(screen.getByText(/Refund NOK\s200\.00 to the customer\?/)).toHaveFocus();
    expect(fake.callsTo('payment.refund')).toHaveLength(1);
  });

  it('Enter on an empty PIN says why and keeps focus on the PIN', async () => {
    const { fake } = await refundNeedingManager();
    await userEvent.keyboard('{Enter}');
    const pin = screen.getByLabelText('Manager PIN');
    expect(screen.getByText('Type the manager’s PIN first.')).toBeInTheDocument();
    expect(pin).toHaveFocus();
    expect(pin).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(pin, '12{Enter}');
    expect(screen.getByText('A PIN has 4 to 8 digits.')).toBeInTheDocument();
    expect(fake.callsTo('payment.refund')).toHaveLength(1);
  });
});

describe('releasing a reservation from the payment', () => {
  it('a prompt closed with Esc says "not approved" quietly and gives focus to the heading', async () => {
    const reserved = paymentView({
      reference: 'kasse-1-000008',
      status: 'RESERVED',
      vippsState: 'AUTHORIZED',
      aggregate: { authorized: 24900, captured: 0, refunded: 0, cancelled: 0 },
      amount: 24900,
      capturable: 24900,
      refundable: 0,
    });
    const result = await setup(<HistoryScreen />, {}, (f) => {
      f.respond('payment.search', () => ok({ items: [reserved], nextCursor: null }));
      f.respond('payment.get', () => ok(detailOf(reserved)));
      f.respond('payment.cancel', () => fail('FORBIDDEN', { approval: 'required' }));
    });
    unbind = result.unbind;
    await userEvent.click(await screen.findByRole('button', { name: reserved.reference }));
    await userEvent.click(await screen.findByRole('button', { name: /Release reservation/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(
      await screen.findByRole('dialog', { name: /^Approve releasing NOK\s249\.00$/ }),
    ).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(await screen.findByText('Not approved by a manager. Nothing was done.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: /kasse-1-000008/ })).toHaveFocus();
  });
});

describe('refund dialog', () => {
  it('keeps Tab and Shift+Tab inside itself', async () => {
    await openDetail();
    await userEvent.click(await screen.findByRole('button', { name: 'Refund…' }));
    const dialog = screen.getByRole('dialog');
    const close = screen.getByRole('button', { name: 'Close' });
    close.focus();
    await userEvent.tab();
    expect(screen.getByRole('radio', { name: /Full refund/ })).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(close).toHaveFocus();
    for (let i = 0; i < 8; i++) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});
