/**
 * Go-live evidence payments are journaled like sales and listed in History (issue 10): each is
 * marked as a go-live test in the list and in the detail, which also says it is no shop sale.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentDetail, PaymentView } from '../../src/preload/contract';
import { HistoryScreen } from '../../src/renderer/src/screens/HistoryScreen';
import { completedPayment, ok } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

const sale = completedPayment({ reference: 'kasse-1-000001' });
const evidence = completedPayment({
  reference: 'golive-20261130-101500-captured',
  description: 'Go-live check CAPTURED',
  goLive: 'CAPTURED',
});

const detailOf = (payment: PaymentView): PaymentDetail => ({ payment, operations: [], events: [] });

async function renderHistory(language: 'en' | 'nb') {
  const result = await setup(<HistoryScreen />, { language });
  unbind = result.unbind;
  result.fake.respond('payment.search', () => ok({ items: [sale, evidence], nextCursor: null }));
  result.fake.respond('payment.get', (req) =>
    ok(detailOf((req as { reference: string }).reference === evidence.reference ? evidence : sale)),
  );
  return result;
}

describe('History marks go-live test payments', () => {
  it('in the list (only the go-live one) and in its detail, with why it is not a sale', async () => {
    await renderHistory('en');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]!).queryByText('Go-live test')).toBeNull();
    expect(within(rows[2]!).getByText('Go-live test')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: evidence.reference }));
    const heading = await screen.findByRole('heading', { name: /Payment golive-20261130-101500-captured/ });
    expect(within(heading).getByText('Go-live test')).toBeInTheDocument();
    expect(
      screen.getByText(/Test payment for the Vipps go-live checklist \(scenario CAPTURED\), not a shop sale/),
    ).toBeInTheDocument();
  });

  it('a shop sale carries no marker in its detail', async () => {
    await renderHistory('en');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: sale.reference }));
    await screen.findByRole('heading', { name: /Payment kasse-1-000001/ });
    expect(screen.queryByText('Go-live test')).toBeNull();
    expect(screen.queryByText(/go-live checklist/)).toBeNull();
  });

  it('is worded in Norwegian too', async () => {
    await renderHistory('nb');
    await userEvent.click(screen.getByRole('button', { name: 'Søk' }));
    const rows = await screen.findAllByRole('row');
    expect(within(rows[2]!).getByText('Go-live-test')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: evidence.reference }));
    expect(await screen.findByText(/Testbetaling for go-live-sjekklisten til Vipps/)).toBeInTheDocument();
  });
});
