import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettlementDayView, SettlementRequest } from '../../../src/preload/contract';
import { yesterday } from '../../../src/renderer/src/screens/staff/SettlementView';
import { StaffScreen } from '../../../src/renderer/src/screens/staff/StaffScreen';
import { useSettlementStore } from '../../../src/renderer/src/stores/settlement';
import { fail, ok } from '../support/fake-pos';
import { setup } from '../support/render';
import { resetStaffStore, session } from './staff-fixtures';

let unbind: (() => void) | undefined;
beforeEach(() => {
  resetStaffStore();
  useSettlementStore.setState({ view: null, busy: false, error: null });
});
afterEach(() => unbind?.());

function settlementView(patch: Partial<SettlementDayView> = {}): SettlementDayView {
  return {
    availability: 'training',
    ledgers: [{ ledgerId: '302321', currency: 'NOK' }],
    ledgerId: '302321',
    ledgerDate: '2026-03-02',
    currency: 'NOK',
    closed: true,
    funds: [
      {
        pspReference: '3000000001',
        reference: 'pos1-20260302-aaaa',
        entryType: 'capture',
        amount: 10_000,
        time: '2026-03-02T09:00:00.000Z',
        recipientHandle: 'api:123456',
        match: 'matched',
        counterId: 'lane1',
      },
      {
        pspReference: '3000000002',
        reference: 'pos2-20260302-bbbb',
        entryType: 'capture',
        amount: 5_000,
        time: '2026-03-02T10:00:00.000Z',
        recipientHandle: 'api:123456',
        match: 'other-counter',
        counterId: null,
      },
      {
        pspReference: '8000000001',
        reference: null,
        entryType: 'fees-retained',
        amount: -263,
        time: '2026-03-02T23:00:00.000Z',
        recipientHandle: 'api:123456',
        match: null,
        counterId: null,
      },
    ],
    fees: [],
    unsettled: [
      {
        reference: 'pos1-20260302-cccc',
        kind: 'refund',
        amount: 500,
        at: '2026-03-02T11:00:00.000Z',
        state: 'overdue',
        bookedOn: null,
      },
    ],
    totals: {
      opening: 0,
      closing: 14_737,
      captures: 15_000,
      refunds: 0,
      feesRetained: -263,
      feesCharged: 263,
      payout: 0,
      other: 0,
      matchedLedger: 10_000,
      matchedJournal: 10_000,
      elsewhere: 5_000,
    },
    checks: [
      { name: 'balance', ok: true, expected: 14_737, actual: 14_737 },
      { name: 'journal', ok: false, expected: 0, actual: 1 },
    ],
    agrees: false,
    graceHours: 48,
    sync: {
      running: true,
      lastSuccessAt: null,
      lastErrorCode: null,
      failures: 0,
      entries: 3,
      nextRunAt: null,
    },
    generatedAt: '2026-03-03T08:00:00.000Z',
    ...patch,
  };
}

async function open(prepare: Parameters<typeof setup>[2], info: Parameters<typeof setup>[1] = {}) {
  window.location.hash = '#/staff/settlement';
  const result = await setup(<StaffScreen />, info, prepare);
  unbind = result.unbind;
  return result.fake;
}

describe('settlement section', () => {
  it('is reachable by its address and the side list, and shows a ledger date with what differs', async () => {
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('settlement.day', () => ok(settlementView()));
    });
    const heading = screen.getByRole('heading', { level: 2, name: 'Settlement' });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Settlement' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText(/Training: the settlement comes from the practice Vipps/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    await screen.findByText('Something does not agree: see the checks below.');
    expect(fake.callsTo('settlement.day')).toEqual([{ ledgerDate: yesterday() }]);
    const rows = screen.getAllByRole('row').map((r) => r.textContent);
    expect(rows.some((r) => r?.includes('pos1-20260302-aaaa') && r.includes('Yes (lane1)'))).toBe(true);
    expect(rows.some((r) => r?.includes('pos2-20260302-bbbb') && r.includes('Another counter'))).toBe(true);
    expect(screen.getByText('Missing from the ledger:')).toBeInTheDocument();
    const checks = screen.getByRole('heading', { name: 'Checks' }).parentElement as HTMLElement;
    expect(within(checks).getByText(/journal movements overdue in the ledger/).textContent).toContain(
      'expected 0, found 1',
    );
  });

  it('says plainly in the test environment that Vipps has no Report API there, and asks nothing', async () => {
    const fake = await open(
      (f) => {
        f.respond('staff.session', () => ok(session()));
      },
      { environment: 'test', training: false },
    );
    expect(screen.getByText(/Vipps has no Report API in the test environment/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    expect(fake.callsTo('settlement.day')).toEqual([]);
  });

  it('exports CSV and fetches from Vipps on request, showing main’s errors in the cashier wording', async () => {
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('settlement.sync', () => fail('NETWORK'));
      f.respond('settlement.dayCsv', () =>
        ok({
          filename: 'settlement-302321-2026-03-02.csv',
          bytes: 10,
          savedTo: '/tmp/s.csv',
          cancelled: false,
          content: null,
        }),
      );
    });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await screen.findByText(/\/tmp\/s\.csv/);
    expect(fake.callsTo('settlement.dayCsv') as SettlementRequest[]).toEqual([{ ledgerDate: yesterday() }]);
    await userEvent.click(screen.getByRole('button', { name: 'Fetch from Vipps now' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});
