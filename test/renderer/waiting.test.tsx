import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaleStatus } from '../../src/preload/contract';
import { CashierApp } from '../../src/renderer/src/screens/CashierApp';
import { useSaleStore } from '../../src/renderer/src/stores/sale';
import { fail, ok, paymentView } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

async function renderWith(status: SaleStatus, patch = {}, info = {}) {
  const payment = paymentView({ status, ...patch });
  const result = await setup(<CashierApp />, info);
  unbind = result.unbind;
  act(() => useSaleStore.setState({ active: payment }));
  return { ...result, payment };
}

const WORDING: Record<SaleStatus, RegExp> = {
  CREATING: /Sending to Vipps/,
  WAITING: /Waiting for the customer/,
  CANCELLING: /Cancelling/,
  RESERVED: /Approved — amount reserved/,
  CAPTURING: /Approved — charging/,
  COMPLETED: /^Paid$/,
  REJECTED: /Declined by the customer/,
  EXPIRED: /Timed out/,
  CANCELLED: /^Cancelled$/,
  RELEASED: /Reservation released/,
  FAILED: /Payment could not start/,
  UNKNOWN: /Checking with Vipps — do not charge again/,
  DECISION_NEEDED: /Customer approved — choose what to do/,
};

describe('Waiting and final screens', () => {
  it.each(Object.entries(WORDING))(
    'shows %s with its own wording as the heading',
    async (status, wording) => {
      await renderWith(status as SaleStatus);
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(wording);
    },
  );

  it('says what happened to the money on final screens', async () => {
    await renderWith('COMPLETED');
    expect(screen.getByText(/NOK\s149\.50 has been charged\. Hand over the goods\./)).toBeInTheDocument();
  });

  it('says no money was taken when the customer declined', async () => {
    await renderWith('REJECTED');
    expect(
      screen.getByText(/No money was taken\. Ask the customer to pay another way\./),
    ).toBeInTheDocument();
  });

  it('announces state changes pushed from main in a live region', async () => {
    const { fake, payment } = await renderWith('WAITING');
    const live = screen.getByRole('heading', { level: 1 }).closest('[aria-live]');
    expect(live).toHaveAttribute('aria-live', 'assertive');
    act(() => fake.emit.payment({ ...payment, status: 'CAPTURING' }));
    expect(live).toHaveTextContent('Approved — charging');
    act(() => fake.emit.payment({ ...payment, status: 'COMPLETED' }));
    expect(live).toHaveTextContent('Paid');
  });

  it('ignores pushes for other payments while a sale is shown', async () => {
    const { fake } = await renderWith('WAITING');
    act(() => fake.emit.payment(paymentView({ reference: 'other-000002', status: 'REJECTED' })));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Waiting for the customer');
  });

  it('shows a countdown to expiry and the QR for the QR flow', async () => {
    await renderWith('WAITING', { expiresAt: new Date(Date.now() + 125_000).toISOString() });
    expect(screen.getByText(/Expires in 2:0[45]/)).toBeInTheDocument();
    const qr = await screen.findByRole('img', { name: 'QR code for the customer to scan' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(qr.getAttribute('src')!)).toContain('<svg');
  });

  it('keeps Enter from cancelling: while waiting the status has focus, not Cancel', async () => {
    const { fake } = await renderWith('WAITING');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(fake.callsTo('payment.cancel')).toEqual([]);
  });

  it('cancels with Esc while waiting', async () => {
    const { fake, payment } = await renderWith('WAITING');
    fake.respond('payment.cancel', () => ok({ ...payment, status: 'CANCELLING' }));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(fake.callsTo('payment.cancel')).toEqual([{ reference: payment.reference }]));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Cancelling');
  });

  it('offers no cancel and no new sale while the outcome is unknown', async () => {
    const { fake } = await renderWith('UNKNOWN');
    expect(screen.queryByRole('button', { name: /Cancel payment/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New sale' })).toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(fake.callsTo('payment.cancel')).toEqual([]);
  });

  it('lets the cashier complete or release when a decision is needed', async () => {
    const { fake, payment } = await renderWith('DECISION_NEEDED', {
      capturable: 14950,
      aggregate: { authorized: 14950, captured: 0, refunded: 0, cancelled: 0 },
    });
    fake.respond('payment.resolve', () => ok({ ...payment, status: 'CAPTURING' }));
    await userEvent.click(screen.getByRole('button', { name: /Complete sale \(charge NOK\s149\.50\)/ }));
    await waitFor(() =>
      expect(fake.callsTo('payment.resolve')).toEqual([{ reference: payment.reference, action: 'complete' }]),
    );
  });

  it('says why a decision is needed: approved while cancelling, or after the cashier gave up', async () => {
    await renderWith('DECISION_NEEDED', { capturable: 14950, attention: 'APPROVED_DURING_CANCEL' });
    expect(screen.getByText('Customer approved while the payment was being cancelled')).toBeInTheDocument();
  });

  it('does not charge or release a late approval on a stray Enter', async () => {
    const { fake } = await renderWith('DECISION_NEEDED', { capturable: 14950 });
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(fake.callsTo('payment.resolve')).toEqual([]);
  });

  it('releases a late approval on request', async () => {
    const { fake, payment } = await renderWith('DECISION_NEEDED', { capturable: 14950 });
    fake.respond('payment.resolve', () => ok({ ...payment, status: 'RELEASED' }));
    await userEvent.click(screen.getByRole('button', { name: /Release \(give back/ }));
    await waitFor(() =>
      expect(fake.callsTo('payment.resolve')).toEqual([{ reference: payment.reference, action: 'release' }]),
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Reservation released');
  });

  it('asks for a manager PIN when releasing reserved money needs approval', async () => {
    const { fake, payment } = await renderWith('DECISION_NEEDED', { capturable: 14950 });
    fake.respond('payment.resolve', (req) =>
      (req as { approval?: { pin: string } }).approval
        ? ok({ ...payment, status: 'RELEASED' })
        : fail('FORBIDDEN', { approval: 'required' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Release \(give back/ }));
    await userEvent.type(await screen.findByLabelText('Manager PIN'), '4321{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Reservation released'),
    );
    expect(fake.callsTo('payment.resolve')).toEqual([
      { reference: payment.reference, action: 'release' },
      { reference: payment.reference, action: 'release', approval: { pin: '4321' } },
    ]);
  });

  it('goes back to a new sale from a final screen with Enter (the focused button)', async () => {
    const { fake, payment } = await renderWith('COMPLETED');
    const next = screen.getByRole('button', { name: 'New sale' });
    expect(next).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('payment.dismiss')).toEqual([{ reference: payment.reference }]));
    expect(await screen.findByLabelText(/Amount/)).toBeInTheDocument();
  });

  it.each(['COMPLETED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'RELEASED', 'FAILED'] as const)(
    'digits typed on a final screen (%s) start the next sale’s amount',
    async (status) => {
      const { fake, payment } = await renderWith(status);
      let answer: (value: unknown) => void = () => {};
      fake.respond('payment.dismiss', () => new Promise((resolve) => (answer = resolve)) as never);
      // Typed faster than the finished sale is put away: none of them is lost.
      await userEvent.keyboard('24');
      expect(fake.callsTo('payment.dismiss')).toEqual([{ reference: payment.reference }]);
      await act(async () => answer(ok(null)));
      const amount = await screen.findByLabelText(/Amount/);
      expect(amount).toHaveValue('24');
      expect(amount).toHaveFocus();
      await userEvent.keyboard('9');
      expect(amount).toHaveValue('249');
      expect(fake.callsTo('payment.dismiss')).toHaveLength(1);
    },
  );

  it('a digit with Alt on a final screen is still a shortcut, not an amount', async () => {
    const { fake } = await renderWith('COMPLETED');
    await userEvent.keyboard('{Alt>}2{/Alt}');
    expect(fake.callsTo('payment.dismiss')).toEqual([]);
  });

  it('shows a failed cancel in cashier words and keeps the sale', async () => {
    const { fake } = await renderWith('WAITING');
    fake.respond('payment.cancel', () => fail('NETWORK', { traceId: 't-1' }, true));
    fireEvent.click(screen.getByRole('button', { name: /Cancel payment/ }));
    expect(await screen.findByText('No connection to Vipps MobilePay.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Waiting for the customer');
  });

  it('offers the simulated customer phone in training mode', async () => {
    const { fake, payment } = await renderWith('WAITING');
    expect(screen.getByText('Training — no real money moves')).toBeInTheDocument();
    fake.respond('training.customer', () => ok({ ...payment, status: 'CAPTURING' }));
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    await userEvent.click(screen.getByRole('button', { name: 'Let it expire' }));
    expect(fake.callsTo('training.customer')).toEqual([
      { reference: payment.reference, action: 'approve' },
      { reference: payment.reference, action: 'reject' },
      { reference: payment.reference, action: 'expire' },
    ]);
  });

  it('has no training banner or panel with real money', async () => {
    await renderWith('WAITING', {}, { training: false, environment: 'production' });
    expect(screen.queryByText('Training — no real money moves')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('picks up a sale started elsewhere on this counter when idle', async () => {
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    act(() => result.fake.emit.payment(paymentView({ reference: 'kasse-2-x', counterId: 'kasse-2' })));
    expect(screen.queryByRole('heading', { name: /Waiting/ })).toBeNull();
    act(() => result.fake.emit.payment(paymentView({ status: 'WAITING' })));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Waiting for the customer');
  });
});
