import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SaleScreen } from '../../src/renderer/src/screens/SaleScreen';
import { fail } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

async function renderSale(info = {}) {
  const result = await setup(<SaleScreen />, info);
  unbind = result.unbind;
  return result;
}

describe('Sale screen', () => {
  it('starts a QR payment with exact minor units when Enter is pressed in the amount field', async () => {
    const { fake } = await renderSale();
    const amount = screen.getByLabelText(/Amount/);
    expect(amount).toHaveFocus();
    await userEvent.type(amount, '149,50{Enter}');
    await waitFor(() => expect(fake.callsTo('payment.start')).toEqual([{ amount: 14950, flow: 'QR' }]));
  });

  it('builds the amount with the on-screen keypad', async () => {
    const { fake } = await renderSale();
    for (const key of ['1', '4', '9', ',', '5', '0']) {
      await userEvent.click(screen.getByRole('button', { name: key === ',' ? 'Decimal comma' : key }));
    }
    await userEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    await userEvent.click(screen.getByRole('button', { name: '0' }));
    expect(screen.getByLabelText(/Amount/)).toHaveValue('149,50');
    await userEvent.click(screen.getByRole('button', { name: 'Start payment' }));
    await waitFor(() => expect(fake.callsTo('payment.start')).toEqual([{ amount: 14950, flow: 'QR' }]));
  });

  it('shows the amount in the market currency as it is typed', async () => {
    await renderSale({ market: 'DK', currency: 'DKK', brand: 'mobilepay', language: 'da' });
    await userEvent.type(screen.getByLabelText(/Beløb/), '1249,5');
    expect(screen.getByText(/1\.249,50\s*kr\./)).toBeInTheDocument();
  });

  it('refuses a bad amount with a reason and sends nothing', async () => {
    const { fake } = await renderSale();
    await userEvent.type(screen.getByLabelText(/Amount/), '12,345{Enter}');
    expect(screen.getByText(/at most two decimals/)).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/Amount/));
    await userEvent.type(screen.getByLabelText(/Amount/), '0,50{Enter}');
    // The minimum is named in the market's currency (issue 10).
    expect(screen.getByText(/The smallest amount Vipps accepts is NOK\s1\.00\./)).toBeInTheDocument();
    expect(fake.callsTo('payment.start')).toEqual([]);
  });

  it('words main’s minimum-amount refusal with the minimum in its currency', async () => {
    const { fake } = await renderSale({ market: 'DK', currency: 'DKK', brand: 'mobilepay', language: 'da' });
    fake.respond('payment.start', () =>
      fail('VALIDATION', { field: 'amount', minimum: 100, currency: 'DKK' }),
    );
    await userEvent.type(screen.getByLabelText(/Beløb/), '5{Enter}');
    expect(
      await screen.findByText(/Det mindste beløb, MobilePay accepterer, er 1,00\s*kr\./),
    ).toBeInTheDocument();
  });

  it('gives each item line a VAT rate of the market; the shop rate is left to main', async () => {
    const { fake } = await renderSale({ market: 'FI', currency: 'EUR', brand: 'mobilepay', vatRate: 2550 });
    await userEvent.type(screen.getByLabelText(/Amount/), '7');
    await userEvent.click(screen.getByRole('button', { name: /Add item/ }));
    await userEvent.click(screen.getByRole('button', { name: /Add item/ }));
    const rates = screen.getByLabelText('VAT 1');
    expect([...rates.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'VAT 25.5%',
      'VAT 13.5%',
      'VAT 10%',
      'VAT 0%',
    ]);
    expect(rates).toHaveValue('2550');
    await userEvent.type(screen.getByLabelText('Item 1'), 'Bread');
    await userEvent.type(screen.getByLabelText('Unit price 1'), '4');
    await userEvent.selectOptions(rates, '1350');
    await userEvent.type(screen.getByLabelText('Item 2'), 'Soap');
    await userEvent.type(screen.getByLabelText('Unit price 2'), '3{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('payment.start')).toEqual([
        {
          amount: 700,
          flow: 'QR',
          lines: [
            { name: 'Bread', quantity: 1, unitPrice: 400, taxRate: 1350 },
            { name: 'Soap', quantity: 1, unitPrice: 300 },
          ],
        },
      ]),
    );
  });

  it('sends to a phone only with a valid number, as digits with the country code', async () => {
    const { fake } = await renderSale();
    await userEvent.type(screen.getByLabelText(/Amount/), '200');
    await userEvent.click(screen.getByRole('radio', { name: /Send to phone/ }));
    const phone = screen.getByLabelText('Mobile number');
    await userEvent.type(phone, '912 34 56{Enter}');
    expect(screen.getByText('Not a valid mobile number for Norge.')).toBeInTheDocument();
    expect(fake.callsTo('payment.start')).toEqual([]);
    await userEvent.type(phone, '7');
    expect(screen.getByText('Will send to +4791234567')).toBeInTheDocument();
    await userEvent.type(phone, '{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('payment.start')).toEqual([
        { amount: 20000, flow: 'PUSH_PHONE', phone: '4791234567' },
      ]),
    );
  });

  it('validates the phone for the chosen country (Finland, +358)', async () => {
    const { fake } = await renderSale({ market: 'FI', currency: 'EUR', brand: 'mobilepay', language: 'en' });
    await userEvent.type(screen.getByLabelText(/Amount/), '5');
    await userEvent.click(screen.getByRole('radio', { name: /Send to phone/ }));
    expect(screen.getByLabelText('Country')).toHaveValue('FI');
    await userEvent.type(screen.getByLabelText('Mobile number'), '040 123 4567{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('payment.start')).toEqual([
        { amount: 500, flow: 'PUSH_PHONE', phone: '358401234567' },
      ]),
    );
  });

  it("sends the scanner's complete text as personalQr, unparsed", async () => {
    const { fake } = await renderSale();
    await userEvent.type(screen.getByLabelText(/Amount/), '99');
    await userEvent.click(screen.getByRole('radio', { name: /Scan customer/ }));
    const scan = screen.getByLabelText('Scanned code');
    // The wedge scanner types the code and presses Enter, like a very fast keyboard.
    const code = 'https://qr.vipps.no/p/AbC-123_xyz?x=1';
    await userEvent.type(scan, `${code}{Enter}`);
    await waitFor(() =>
      expect(fake.callsTo('payment.start')).toEqual([
        { amount: 9900, flow: 'PERSONAL_QR', personalQr: code },
      ]),
    );
  });

  it('moves to the scan field instead of starting when Enter comes before the scan', async () => {
    const { fake } = await renderSale();
    await userEvent.click(screen.getByRole('radio', { name: /Scan customer/ }));
    await userEvent.type(screen.getByLabelText(/Amount/), '99{Enter}');
    expect(screen.getByLabelText('Scanned code')).toHaveFocus();
    expect(fake.callsTo('payment.start')).toEqual([]);
  });

  it('puts focus in the number field when "Send to phone" is chosen, and goes back there on Enter with no number', async () => {
    const { fake } = await renderSale();
    await userEvent.type(screen.getByLabelText(/Amount/), '200');
    await userEvent.click(screen.getByRole('radio', { name: /Send to phone/ }));
    const phone = screen.getByLabelText('Mobile number');
    expect(phone).toHaveFocus();
    // Enter from the amount with the number still empty: no start, focus and message on the number.
    await userEvent.click(screen.getByLabelText(/Amount/));
    await userEvent.keyboard('{Enter}');
    expect(phone).toHaveFocus();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Not a valid mobile number for Norge.')).toBeInTheDocument();
    expect(fake.callsTo('payment.start')).toEqual([]);
  });

  it('keeps the on-screen keypad out of the Tab order (physical keys type already)', async () => {
    await renderSale();
    for (const name of ['1', '0', '00', 'Decimal comma', 'Delete last digit', 'Clear']) {
      expect(screen.getByRole('button', { name })).toHaveAttribute('tabindex', '-1');
    }
    const amount = screen.getByLabelText(/Amount/);
    amount.focus();
    await userEvent.tab();
    expect(document.activeElement?.closest('.keypad')).toBeNull();
  });

  it('sends description and item lines, and refuses lines that do not add up', async () => {
    const { fake } = await renderSale();
    await userEvent.type(screen.getByLabelText(/Amount/), '60');
    await userEvent.type(screen.getByLabelText('Description (optional)'), 'Kaffe');
    await userEvent.click(screen.getByRole('button', { name: /Add item/ }));
    await userEvent.type(screen.getByLabelText('Item 1'), 'Latte');
    await userEvent.clear(screen.getByLabelText('Qty 1'));
    await userEvent.type(screen.getByLabelText('Qty 1'), '2');
    await userEvent.type(screen.getByLabelText('Unit price 1'), '25');
    expect(screen.getByText(/not the amount/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start payment' }));
    expect(fake.callsTo('payment.start')).toEqual([]);
    await userEvent.clear(screen.getByLabelText('Unit price 1'));
    await userEvent.type(screen.getByLabelText('Unit price 1'), '30{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('payment.start')).toEqual([
        {
          amount: 6000,
          flow: 'QR',
          description: 'Kaffe',
          lines: [{ name: 'Latte', quantity: 2, unitPrice: 3000 }],
        },
      ]),
    );
  });

  it('clears the form with Esc', async () => {
    await renderSale();
    const amount = screen.getByLabelText(/Amount/);
    await userEvent.type(amount, '123{Escape}');
    expect(amount).toHaveValue('');
    expect(amount).toHaveFocus();
  });

  it('blocks new payments while Vipps cannot be reached', async () => {
    const { fake } = await renderSale();
    act(() => fake.emit.connectivity({ online: false, reason: 'DNS lookup failed' }));
    await userEvent.type(screen.getByLabelText(/Amount/), '100{Enter}');
    expect(screen.getByText('New payments are blocked: no connection.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start payment' })).toBeDisabled();
    expect(fake.callsTo('payment.start')).toEqual([]);
  });

  it('explains a refusal from main in cashier words and keeps the form', async () => {
    const { fake } = await renderSale();
    fake.respond('payment.start', () => fail('ACTIVE_PAYMENT_EXISTS'));
    await userEvent.type(screen.getByLabelText(/Amount/), '100{Enter}');
    expect(
      await screen.findByText('Another payment is already running on this counter.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Amount/)).toHaveValue('100');
  });

  it('does not start twice when Enter is pressed twice quickly', async () => {
    const { fake } = await renderSale();
    let release: () => void = () => {};
    fake.respond(
      'payment.start',
      () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, value: null as never });
        }),
    );
    await userEvent.type(screen.getByLabelText(/Amount/), '100{Enter}{Enter}');
    expect(fake.callsTo('payment.start')).toHaveLength(1);
    await act(async () => release());
  });
});
