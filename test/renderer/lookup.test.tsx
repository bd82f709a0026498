/**
 * History finds another counter's sale at Vipps (issue 13): a whole reference that this journal
 * does not have is looked up; fragments and amounts stay local; Vipps' "no such sale" is said plainly.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupResult } from '../../src/preload/contract';
import { HistoryScreen } from '../../src/renderer/src/screens/HistoryScreen';
import { StaffScreen } from '../../src/renderer/src/screens/staff/StaffScreen';
import { resetStaffStore, session } from './staff/staff-fixtures';
import { completedPayment, ok } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

const REFERENCE = 'lane1-20261130-101500-k7qz';
const remote = completedPayment({
  reference: REFERENCE,
  counterId: 'lane1',
  amount: 49_900,
  aggregate: { authorized: 49_900, captured: 49_900, refunded: 0, cancelled: 0 },
  refundable: 49_900,
  origin: {
    counterId: 'lane1',
    description: 'Jakke',
    flow: null,
    createdAt: '2026-11-30T10:15:00.000Z',
    adoptedAt: null,
  },
});

async function searchFor(text: string, answer: LookupResult, language: 'en' | 'nb' = 'en') {
  const result = await setup(<HistoryScreen />, { language });
  unbind = result.unbind;
  result.fake.respond('payment.lookup', () => ok(answer));
  const field = screen.getByRole('textbox', {
    name: language === 'en' ? 'Reference or amount' : /Referanse/,
  });
  await userEvent.type(field, text);
  await userEvent.click(screen.getByRole('button', { name: language === 'en' ? 'Search' : 'Søk' }));
  return result.fake;
}

describe('History looks a whole reference up at Vipps', () => {
  it('shows another counter’s sale and opens it in the detail view with its origin and actions', async () => {
    const fake = await searchFor(REFERENCE, {
      found: 'vipps',
      detail: { payment: remote, operations: [], events: [] },
    });
    expect(await screen.findByText('Another counter’s sale, found at Vipps')).toBeInTheDocument();
    expect(fake.callsTo('payment.lookup')).toEqual([{ reference: REFERENCE }]);
    expect(screen.getByText(/Made at counter lane1\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open sale' }));
    expect(
      await screen.findByRole('heading', { name: new RegExp(`Payment ${REFERENCE}`) }),
    ).toBeInTheDocument();
    expect(screen.getByText(/takes it into this counter’s journal/)).toBeInTheDocument();
    expect(screen.getByText('Not known')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refund…' })).toBeEnabled();
  });

  it('says plainly when Vipps has no sale with that reference (and in Norwegian)', async () => {
    await searchFor(REFERENCE, { found: 'none', reference: REFERENCE }, 'nb');
    expect(
      await screen.findByText(new RegExp(`Ingen salg med referansen ${REFERENCE} hos Vipps`)),
    ).toBeInTheDocument();
  });

  it('fragments and amounts stay local; another shape of reference is looked up only when asked', async () => {
    let fake = await searchFor('lane1-2026', { found: 'none', reference: 'lane1-2026' });
    await waitFor(() => expect(screen.getByText('No payments match.')).toBeInTheDocument());
    expect(fake.callsTo('payment.lookup')).toEqual([]);
    unbind?.();
    cleanup();

    fake = await searchFor('14950000', { found: 'none', reference: '14950000' });
    await waitFor(() => expect(screen.getByText('No payments match.')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /Look up/ })).toBeNull();
    expect(fake.callsTo('payment.lookup')).toEqual([]);
    unbind?.();
    cleanup();

    fake = await searchFor('webshop-order-778812', { found: 'none', reference: 'webshop-order-778812' });
    const ask = await screen.findByRole('button', { name: 'Look up webshop-order-778812 at Vipps' });
    expect(fake.callsTo('payment.lookup')).toEqual([]);
    await userEvent.click(ask);
    expect(fake.callsTo('payment.lookup')).toEqual([{ reference: 'webshop-order-778812' }]);
    expect(await screen.findByText(/No sale with the reference webshop-order-778812/)).toBeInTheDocument();
  });
});

describe('the audit log says whose sale it was', () => {
  it('an adopted sale’s entries read as another counter’s sale', async () => {
    resetStaffStore();
    window.location.hash = '#/staff/audit';
    const manager = {
      id: 1,
      name: 'Kari',
      role: 'manager' as const,
      active: true,
      createdAt: '2026-11-25T08:00:00.000Z',
    };
    const entry = (id: number, action: string, details: Record<string, unknown>) => ({
      id,
      at: '2026-11-30T12:00:00.000Z',
      actor: 'Kari',
      action,
      reference: REFERENCE,
      amount: 49_900,
      currency: 'NOK' as const,
      details,
    });
    const result = await setup(<StaffScreen />, { language: 'en' }, (f) => {
      f.respond('staff.session', () => ok(session({ staff: manager })));
      f.respond('report.reservations', () => ok([]));
      f.respond('staff.audit', () =>
        ok({
          items: [
            entry(2, 'refund', { adoptedFrom: 'lane1', reason: 'Returned' }),
            entry(1, 'adopt', { adoptedFrom: 'lane1' }),
          ],
          nextBeforeId: null,
        }),
      );
    });
    unbind = result.unbind;
    const section = screen.getByRole('region', { name: 'Audit log' });
    await userEvent.click(within(section).getByRole('button', { name: 'Filter' }));
    const table = await within(section).findByRole('table');
    expect(table.textContent).toContain('Refund — Sale from counter lane1');
    expect(table.textContent).toContain('Took over another counter’s sale — Sale from counter lane1');
    window.location.hash = '';
  });
});
