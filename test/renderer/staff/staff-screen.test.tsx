import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditQuery, DayReportRequest, ResolveRequest } from '../../../src/preload/contract';
import { routeFromHash } from '../../../src/renderer/src/App';
import { dayReportParams } from '../../../src/renderer/src/screens/staff/DayReportPage';
import { StaffScreen } from '../../../src/renderer/src/screens/staff/StaffScreen';
import type { StaffSection } from '../../../src/renderer/src/screens/staff/sections';
import { fail, ok } from '../support/fake-pos';
import { setup } from '../support/render';
import { auditPage, dayReport, MANAGER, reservation, resetStaffStore, session } from './staff-fixtures';

let unbind: (() => void) | undefined;
beforeEach(resetStaffStore);
afterEach(() => {
  unbind?.();
  vi.restoreAllMocks();
});

/** The staff screen opened at `#/staff/<section>`, as a bookmark or the side list would. */
async function open(
  prepare: Parameters<typeof setup>[2],
  section: StaffSection = 'report',
  info: Parameters<typeof setup>[1] = {},
) {
  window.location.hash = `#/staff/${section}`;
  const result = await setup(<StaffScreen />, info, prepare);
  unbind = result.unbind;
  return result.fake;
}

describe('staff screen', () => {
  it('signs in with a PIN, shows who is signed in, and signs out', async () => {
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('staff.signIn', (req) =>
        (req as { pin: string }).pin === '1234' ? ok(session({ staff: MANAGER })) : fail('FORBIDDEN'),
      );
      f.respond('staff.signOut', () => ok(session()));
      f.respond('report.reservations', () => ok([]));
    });
    expect(screen.getByText('Training: the training manager’s PIN is 1234.')).toBeInTheDocument();
    const signIn = screen.getByRole('button', { name: 'Sign in' });
    expect(signIn).toBeDisabled();
    await userEvent.type(screen.getAllByLabelText(/^PIN/)[0]!, '1234');
    await userEvent.click(signIn);
    await screen.findByText('Signed in: Kari (Manager)');
    expect(fake.callsTo('staff.signIn')).toEqual([{ pin: '1234' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByText('Nobody is signed in.');
  });

  it('says "wrong PIN" and when the lockout ends instead of the Vipps wording', async () => {
    let tries = 0;
    await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('report.reservations', () => ok([]));
      f.respond('staff.signIn', () =>
        ++tries === 1
          ? fail('FORBIDDEN', { field: 'pin' })
          : fail('RATE_LIMITED', { retryAt: '2026-11-25T10:00:30.000Z' }, true),
      );
    });
    const pin = screen.getAllByLabelText(/^PIN/)[0]!;
    await userEvent.type(pin, '0000{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong PIN.');
    await userEvent.type(screen.getAllByLabelText(/^PIN/)[0]!, '0001{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /Too many wrong PINs\. PINs are accepted again at .+\./,
      ),
    );
    expect(screen.queryByText('Too many requests to Vipps MobilePay right now.')).not.toBeInTheDocument();
  });

  it('offers to create the first manager when none exists', async () => {
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session({ bootstrapNeeded: true, trainingPin: null })));
      f.respond('staff.bootstrap', () => ok(session({ staff: MANAGER })));
      f.respond('report.reservations', () => ok([]));
    });
    await userEvent.type(screen.getByLabelText('Name'), 'Kari');
    await userEvent.type(screen.getAllByLabelText(/^PIN/)[0]!, '640213');
    await userEvent.click(screen.getByRole('button', { name: 'Create manager and sign in' }));
    await screen.findByText('Signed in: Kari (Manager)');
    expect(fake.callsTo('staff.bootstrap')).toEqual([{ name: 'Kari', pin: '640213' }]);
  });

  it('shows the day report with open items first, money per currency, refunds, and exports CSV as a download', async () => {
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('report.reservations', () => ok([]));
      f.respond('report.day', () => ok(dayReport()));
      f.respond('report.dayCsv', () =>
        ok({
          filename: 'day-report-kasse-1-2026-11-25.csv',
          bytes: 9,
          savedTo: null,
          cancelled: false,
          content: { mime: 'text/csv', base64: btoa('a,b\r\n1,2\r\n') },
        }),
      );
    });
    const section = screen.getByRole('region', { name: 'Day report' });
    await userEvent.clear(within(section).getByLabelText('Day'));
    await userEvent.type(within(section).getByLabelText('Day'), '2026-11-25');
    await userEvent.click(within(section).getByRole('button', { name: 'Show' }));
    const report = await screen.findByRole('article', { name: 'Day report 25/11/2026 — counter kasse-1' });
    expect(fake.callsTo('report.day')).toEqual([{ date: '2026-11-25' } satisfies DayReportRequest]);
    expect(within(report).getByText('Money reserved, not captured')).toBeInTheDocument();
    expect(within(report).getByText('Open items — look at these before closing the day')).toBeInTheDocument();
    const money = within(report).getByRole('row', { name: /^NOK\s/ });
    expect(money).toHaveTextContent(/NOK\s450\.00.*NOK\s50\.00.*NOK\s400\.00/);
    // Refunded sales are counted as refunded, with what the shop kept (issue 10).
    expect(
      within(report).getByRole('row', { name: /Partly refunded 1 NOK\s100\.00 NOK\s50\.00/ }),
    ).toBeInTheDocument();
    expect(within(report).getByRole('row', { name: /Paid 2 NOK\s350\.00 NOK\s350\.00/ })).toBeInTheDocument();
    expect(within(report).getByText('Broken mug')).toBeInTheDocument();

    const createUrl = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await userEvent.click(within(section).getByLabelText('All counters'));
    await userEvent.click(within(section).getByRole('button', { name: 'Export CSV' }));
    await screen.findByText('Downloaded day-report-kasse-1-2026-11-25.csv');
    expect(fake.callsTo('report.dayCsv')).toEqual([{ date: '2026-11-25', counterId: '*' }]);
    expect(createUrl).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);

    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await userEvent.click(within(section).getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('lists reserved payments by urgency and captures or releases through the payment channels', async () => {
    let list = [
      reservation('overdue', 'kasse-1-20261118-000001'),
      reservation('ok', 'kasse-1-20261125-000003'),
    ];
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('report.reservations', () => ok(list));
      f.respond('payment.resolve', (req) => {
        list = list.filter((r) => r.payment.reference !== (req as ResolveRequest).reference);
        return ok(list[0]?.payment ?? null);
      });
    }, 'reservations');
    const section = screen.getByRole('region', { name: 'Reserved payments' });
    const items = within(section).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Overdue');
    expect(items[0]).toHaveTextContent('Reserved 130 h ago');
    expect(items[1]).toHaveTextContent('In time');
    await userEvent.click(within(items[0]!).getByRole('button', { name: 'Capture' }));
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(1));
    await userEvent.click(within(section).getByRole('button', { name: 'Release' }));
    await within(section).findByText('No reserved payments waiting.');
    expect(fake.callsTo('payment.resolve')).toEqual([
      { reference: 'kasse-1-20261118-000001', action: 'complete' },
      { reference: 'kasse-1-20261125-000003', action: 'release' },
    ]);
  });

  it('asks for a manager PIN before releasing, asks again after a wrong one, and stops when the prompt is closed', async () => {
    const held = reservation('soon', 'kasse-1-20261123-000004');
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session()));
      f.respond('report.reservations', () => ok([held]));
      f.respond('payment.resolve', (req) => {
        const pin = (req as ResolveRequest).approval?.pin;
        if (pin === undefined) return fail('FORBIDDEN', { approval: 'required' });
        return fail('FORBIDDEN', { approval: 'rejected' });
      });
    }, 'reservations');
    const section = screen.getByRole('region', { name: 'Reserved payments' });
    await userEvent.click(within(section).getByRole('button', { name: 'Release' }));
    let dialog = await screen.findByRole('dialog');
    await userEvent.type(dialog.querySelector('input[type="password"]')!, '9999{Enter}');
    await waitFor(() => expect(fake.callsTo('payment.resolve')).toHaveLength(2));
    dialog = await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('payment.resolve')).toEqual([
      { reference: held.payment.reference, action: 'release' },
      { reference: held.payment.reference, action: 'release', approval: { pin: '9999' } },
    ]);
    // A refusal that only wanted a PIN is the prompt's business, not an error on the screen.
    expect(within(section).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(section).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows the audit log with filters and the approving manager, and asks for a PIN when not a manager', async () => {
    // The counter is in Denmark now; the NOK refund keeps its own currency (issue 10).
    const fake = await open(
      (f) => {
        f.respond('staff.session', () => ok(session()));
        f.respond('report.reservations', () => ok([]));
        f.respond('staff.audit', (req) =>
          (req as AuditQuery).approval ? ok(auditPage()) : fail('FORBIDDEN', { approval: 'required' }),
        );
      },
      'audit',
      { market: 'DK', currency: 'DKK', brand: 'mobilepay' },
    );
    const section = screen.getByRole('region', { name: 'Audit log' });
    expect(within(section).getByText('Only a manager can see the audit log.')).toBeInTheDocument();
    await userEvent.selectOptions(within(section).getByLabelText('Action'), 'Refund');
    await userEvent.click(within(section).getByRole('button', { name: 'Filter' }));
    // The shared approval prompt (lib/approval.tsx) asks for a manager's PIN and repeats the call.
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(dialog.querySelector('input[type="password"]')!, '1234{Enter}');
    const table = await within(section).findByRole('table');
    expect(
      within(table).getByRole('row', { name: /Ola ✓ Kari Refund kasse-1-20261125-000002 NOK\s50\.00/ }),
    ).toBeInTheDocument();
    expect(fake.callsTo('staff.audit')).toEqual([
      { action: 'refund' },
      { action: 'refund', approval: { pin: '1234' } },
    ]);
    await userEvent.click(within(section).getByRole('button', { name: 'Older entries' }));
    expect(fake.callsTo('staff.audit').at(-1)).toMatchObject({ action: 'refund', beforeId: 11 });
  });
});

describe('permission policy', () => {
  it('lets a manager set an action to anyone and sends only the map', async () => {
    const fake = await open((f) => {
      f.respond('staff.session', () => ok(session({ staff: MANAGER })));
      f.respond('report.reservations', () => ok([]));
      f.respond('staff.savePolicy', (req) =>
        ok(
          session({ staff: MANAGER, policy: { ...session().policy, ...(req as { policy: object }).policy } }),
        ),
      );
    }, 'policy');
    const form = screen.getByRole('region', { name: 'Who may do what' });
    const save = within(form).getByRole('button', { name: 'Save permissions' });
    expect(save).toBeDisabled();
    expect(within(form).getByLabelText('Refunds')).toHaveValue('manager');
    await userEvent.selectOptions(within(form).getByLabelText('Refunds'), 'anyone');
    await userEvent.click(save);
    await waitFor(() => expect(within(form).getByLabelText('Refunds')).toHaveValue('anyone'));
    expect(fake.callsTo('staff.savePolicy')).toEqual([
      {
        policy: {
          refund: 'anyone',
          release: 'manager',
          settings: 'manager',
          report: 'anyone',
          support: 'anyone',
        },
      },
    ]);
  });
});

describe('printable day report route', () => {
  it('is its own route and reads the day and counter from the hash', () => {
    expect(routeFromHash('#/day-report?date=2026-11-25&counter=*')).toBe('day-report');
    expect(routeFromHash('#/customer')).toBe('customer');
    expect(dayReportParams('#/day-report?date=2026-11-25&counter=*')).toEqual({
      date: '2026-11-25',
      counter: '*',
    });
    expect(dayReportParams('#/day-report?date=25.11.2026').date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
