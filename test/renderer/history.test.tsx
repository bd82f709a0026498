import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentDetail, SearchRequest } from '../../src/preload/contract';
import { HistoryScreen } from '../../src/renderer/src/screens/HistoryScreen';
import { useHistoryStore } from '../../src/renderer/src/stores/history';
import { completedPayment, ok, paymentView } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

const paid = completedPayment({ reference: 'kasse-1-000001', phoneMasked: '•••• 4567', flow: 'PUSH_PHONE' });
const declined = paymentView({ reference: 'kasse-1-000002', status: 'REJECTED', amount: 5000 });

function detailOf(payment = paid): PaymentDetail {
  return {
    payment,
    operations: [
      {
        id: 'op-1',
        kind: 'capture',
        amount: 14950,
        status: 'succeeded',
        attempts: 1,
        reason: null,
        lastError: null,
        createdAt: '2026-11-25T12:01:00.000Z',
        updatedAt: '2026-11-25T12:01:00.000Z',
      },
    ],
    events: [
      {
        name: 'AUTHORIZED',
        amount: 14950,
        currency: 'NOK',
        timestamp: '2026-11-25T12:00:30.000Z',
        success: true,
        idempotencyKey: null,
        pspReference: 'psp-1',
      },
      {
        name: 'CAPTURED',
        amount: 14950,
        currency: 'NOK',
        timestamp: '2026-11-25T12:01:00.000Z',
        success: true,
        idempotencyKey: 'k1',
        pspReference: 'psp-2',
      },
    ],
  };
}

async function renderHistory() {
  const result = await setup(<HistoryScreen />);
  unbind = result.unbind;
  result.fake.respond('payment.search', () => ok({ items: [paid, declined], nextCursor: null }));
  result.fake.respond('payment.get', () => ok(detailOf()));
  return result;
}

describe('History: refunded sales never read "Paid" (issue 10)', () => {
  const partly = completedPayment({
    reference: 'kasse-1-000003',
    aggregate: { authorized: 14950, captured: 14950, refunded: 4950, cancelled: 0 },
    refundable: 10000,
  });
  const refunded = completedPayment({
    reference: 'kasse-1-000004',
    aggregate: { authorized: 14950, captured: 14950, refunded: 14950, cancelled: 0 },
    refundable: 0,
  });

  it('shows partly refunded and refunded badges, and filters by them', async () => {
    const { fake } = await renderHistory();
    fake.respond('payment.search', () => ok({ items: [paid, partly, refunded], nextCursor: null }));
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]!).getByText('Paid')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Partly refunded')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('Refunded')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('State'), 'Refunded');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(fake.callsTo('payment.search').at(-1)).toMatchObject({ status: 'REFUNDED' }));
    await userEvent.selectOptions(screen.getByLabelText('State'), 'Partly refunded');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(fake.callsTo('payment.search').at(-1)).toMatchObject({ status: 'PARTLY_REFUNDED' }),
    );
  });

  it('names the refund state and what was kept in the detail header', async () => {
    const { fake } = await renderHistory();
    fake.respond('payment.search', () => ok({ items: [partly], nextCursor: null }));
    fake.respond('payment.get', () => ok(detailOf(partly)));
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000003' }));
    const heading = await screen.findByRole('heading', { name: /Payment kasse-1-000003/ });
    expect(within(heading).getByText('Partly refunded')).toBeInTheDocument();
    expect(screen.getByText(/Kept after refunds: NOK\s100\.00 of NOK\s149\.50/)).toBeInTheDocument();
  });

  it('names the brand the sale was made with, after the counter moved to MobilePay', async () => {
    const result = await setup(<HistoryScreen />, { market: 'DK', currency: 'DKK', brand: 'mobilepay' });
    unbind = result.unbind;
    result.fake.respond('payment.search', () => ok({ items: [paid], nextCursor: null }));
    result.fake.respond('payment.get', () => ok(detailOf(paid)));
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000001' }));
    expect(await screen.findByRole('heading', { name: 'Amounts (from Vipps)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Vipps event log' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Amounts/ }).nextElementSibling).toHaveTextContent(
      /NOK\s149\.50/,
    );
  });
});

describe('History', () => {
  it('says how an amount search works, next to the search field', async () => {
    await renderHistory();
    expect(screen.getByLabelText('Reference or amount')).toHaveAccessibleDescription(
      'An amount finds the sales it starts: 249 finds 249.00–249.99, 249.5 finds 249.50–249.59, 249.50 finds exactly 249.50.',
    );
  });

  it('searches by reference text, state, dates and last phone digits', async () => {
    const { fake } = await renderHistory();
    await userEvent.type(screen.getByLabelText('Reference or amount'), '149,50');
    await userEvent.selectOptions(screen.getByLabelText('State'), 'COMPLETED');
    await userEvent.type(screen.getByLabelText('From'), '1.11.2026');
    await userEvent.type(screen.getByLabelText('To'), '25/11/2026');
    await userEvent.type(screen.getByLabelText('Phone, last digits'), '45a67{Enter}');
    await waitFor(() => expect(fake.callsTo('payment.search').length).toBeGreaterThanOrEqual(2));
    const last = fake.callsTo('payment.search').at(-1) as SearchRequest;
    expect(last).toEqual({
      limit: 50,
      text: '149,50',
      status: 'COMPLETED',
      from: '2026-11-01',
      to: '2026-11-25',
      phoneLast4: '4567',
    });
  });

  it('reads and shows dates in the UI language’s format, not the browser’s date control', async () => {
    await setup(<HistoryScreen />, { language: 'nb' }).then((r) => {
      unbind = r.unbind;
    });
    const from = screen.getByLabelText('Fra');
    expect(from).not.toHaveAttribute('type', 'date');
    expect(from).toHaveAttribute('placeholder', 'dd.mm.åååå');
    await userEvent.type(from, '2026-11-01');
    await userEvent.tab();
    expect(from).toHaveValue('01.11.2026');
    expect(useHistoryStore.getState().query.from).toBe('2026-11-01');
  });

  it('says how far a text search reaches until a From date is picked', async () => {
    await renderHistory();
    const hint = /newest 20,000 sales unless you pick a From date/;
    expect(screen.queryByText(hint)).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Reference or amount'), '4567');
    expect(screen.getByText(hint)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('From'), '2026-11-01');
    expect(screen.queryByText(hint)).not.toBeInTheDocument();
  });

  it('lists payments with state badges', async () => {
    await renderHistory();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]!).getByText('Paid')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('•••• 4567')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Declined')).toBeInTheDocument();
  });

  it('opens a detail with Vipps amounts, the event log, operations and receipt state', async () => {
    await renderHistory();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000001' }));
    expect(await screen.findByRole('heading', { name: /Payment kasse-1-000001/ })).toBeInTheDocument();
    const amounts = screen.getByRole('heading', { name: /Amounts/ }).nextElementSibling as HTMLElement;
    expect(amounts).toHaveTextContent(/Reserved\s*NOK\s149\.50/);
    expect(amounts).toHaveTextContent(/Can still be refunded\s*NOK\s149\.50/);
    expect(screen.getByText('Approved')).toBeInTheDocument();
    expect(screen.getAllByText('Charged').length).toBeGreaterThan(0);
    expect(screen.getByText('Done')).toBeInTheDocument();
    expect(screen.getByText('None')).toBeInTheDocument();
  });

  it('offers only refund for a completed payment', async () => {
    await renderHistory();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000001' }));
    await screen.findByRole('heading', { name: /Payment/ });
    expect(screen.getByRole('button', { name: 'Refund…' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Charge the rest/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Release reservation/ })).toBeNull();
  });

  it('offers charge-the-rest and release for a reservation, each after a confirmation', async () => {
    const { fake } = await renderHistory();
    const reserved = paymentView({
      reference: 'kasse-1-000003',
      status: 'RESERVED',
      capturable: 14950,
      aggregate: { authorized: 14950, captured: 0, refunded: 0, cancelled: 0 },
    });
    fake.respond('payment.get', () => ok(detailOf(reserved)));
    fake.respond('payment.capture', () =>
      ok({ ...reserved, status: 'COMPLETED', capturable: 0, refundable: 14950 }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000001' }));
    await screen.findByRole('heading', { name: /Payment kasse-1-000003/ });
    expect(screen.queryByRole('button', { name: 'Refund…' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Charge the rest \(NOK\s149\.50\)/ }));
    expect(screen.getByText(/Charge NOK\s149\.50 now\?/)).toBeInTheDocument();
    expect(fake.callsTo('payment.capture')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(fake.callsTo('payment.capture')).toEqual([{ reference: 'kasse-1-000003' }]));
  });

  it('pages with the cursor from main and appends the next page', async () => {
    const { fake } = await renderHistory();
    fake.respond('payment.search', (req) =>
      (req as SearchRequest).cursor === 'c-2'
        ? ok({ items: [declined], nextCursor: null })
        : ok({ items: [paid], nextCursor: 'c-2' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('button', { name: 'kasse-1-000002' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'kasse-1-000001' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect((fake.callsTo('payment.search').at(-1) as SearchRequest).cursor).toBe('c-2');
  });

  it('offers nothing for a declined payment', async () => {
    const { fake } = await renderHistory();
    fake.respond('payment.get', () => ok({ payment: declined, operations: [], events: [] }));
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000002' }));
    expect(await screen.findByText('Nothing can be done with this payment now.')).toBeInTheDocument();
  });

  it('updates an open detail when main pushes a change', async () => {
    const { fake } = await renderHistory();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'kasse-1-000001' }));
    await screen.findByRole('heading', { name: /Payment/ });
    act(() =>
      fake.emit.payment({ ...paid, refundable: 0, aggregate: { ...paid.aggregate, refunded: 14950 } }),
    );
    expect(screen.queryByRole('button', { name: 'Refund…' })).toBeNull();
  });
});
