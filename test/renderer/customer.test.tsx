import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { routeFromHash } from '../../src/renderer/src/App';
import { CustomerDisplay } from '../../src/renderer/src/screens/CustomerDisplay';
import { paymentView } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

async function renderDisplay(info = {}) {
  const result = await setup(<CustomerDisplay />, info);
  unbind = result.unbind;
  return result;
}

describe('Customer display', () => {
  it('is the #customer route; anything else is the cashier', () => {
    expect(routeFromHash('#customer')).toBe('customer');
    expect(routeFromHash('#/customer')).toBe('customer');
    expect(routeFromHash('')).toBe('cashier');
    expect(routeFromHash('#history')).toBe('cashier');
  });

  it('welcomes, then shows amount, QR and scan guidance, then thanks', async () => {
    const { fake } = await renderDisplay();
    expect(screen.getByText('Welcome')).toBeInTheDocument();
    const payment = paymentView({ status: 'WAITING' });
    act(() => fake.emit.payment(payment));
    expect(screen.getByText(/NOK\s149\.50/)).toBeInTheDocument();
    expect(screen.getByText('Scan the code with your Vipps app')).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'QR code for the customer to scan' })).toBeInTheDocument();
    act(() => fake.emit.payment({ ...payment, status: 'CAPTURING' }));
    expect(screen.getByText('Approved — one moment…')).toBeInTheDocument();
    act(() => fake.emit.payment({ ...payment, status: 'COMPLETED' }));
    expect(screen.getByText('Thank you!')).toBeInTheDocument();
    expect(screen.queryByText('To pay')).toBeNull();
  });

  it('asks to approve in the app for a push payment, in the market language and brand', async () => {
    const { fake } = await renderDisplay({
      market: 'DK',
      brand: 'mobilepay',
      currency: 'DKK',
      language: 'da',
    });
    act(() => fake.emit.payment(paymentView({ flow: 'PUSH_PHONE', qr: null, currency: 'DKK' })));
    expect(screen.getByText('Åbn din MobilePay-app og godkend betalingen')).toBeInTheDocument();
    expect(screen.getByText(/149,50\s*kr\./)).toBeInTheDocument();
  });

  it('says the payment was not completed and no money was taken', async () => {
    const { fake } = await renderDisplay();
    const payment = paymentView();
    act(() => fake.emit.payment(payment));
    act(() => fake.emit.payment({ ...payment, status: 'REJECTED' }));
    expect(screen.getByText('The payment was not completed')).toBeInTheDocument();
    expect(screen.getByText(/No money was taken/)).toBeInTheDocument();
  });

  it('shows an image QR from Vipps as given, and says "one moment" while the outcome is checked', async () => {
    const { fake } = await renderDisplay();
    const image = 'data:image/svg+xml;base64,PHN2Zy8+';
    const payment = paymentView({ qr: { kind: 'image', value: image } });
    act(() => fake.emit.payment(payment));
    expect(screen.getByRole('img', { name: 'QR code for the customer to scan' })).toHaveAttribute(
      'src',
      image,
    );
    act(() => fake.emit.payment({ ...payment, status: 'UNKNOWN' }));
    expect(screen.getByText('One moment…')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'QR code for the customer to scan' })).toBeNull();
  });

  it('lets the customer switch language', async () => {
    const { fake } = await renderDisplay();
    act(() => fake.emit.payment(paymentView({ flow: 'PUSH_PHONE', qr: null })));
    await userEvent.click(screen.getByRole('button', { name: 'Suomi' }));
    expect(screen.getByText('Avaa Vipps-sovellus ja hyväksy maksu')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Suomi' })).toHaveAttribute('aria-pressed', 'true');
  });
});
