/**
 * Issue 11 §2 in the cashier window: the header always says who is signed in (name and role),
 * F8 signs out from any screen, input keeps the session alive, and the header follows main when
 * the session ends.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { StaffBadge } from '../../../src/renderer/src/components/StaffBadge';
import { ok } from '../support/fake-pos';
import { setup } from '../support/render';
import { MANAGER, resetStaffStore, session } from './staff-fixtures';

let unbind: (() => void) | undefined;
beforeEach(resetStaffStore);
afterEach(() => {
  unbind?.();
  vi.useRealTimers();
});

it('shows name and role in the header and signs out with one key', async () => {
  const opened = vi.fn();
  const result = await setup(<StaffBadge onOpenStaff={opened} />, {}, (f) => {
    f.respond('staff.session', () => ok(session({ staff: MANAGER, expiresAt: '2099-01-01T00:00:00.000Z' })));
    f.respond('staff.signOut', () => ok(session()));
    f.respond('staff.activity', () => ok(session({ staff: MANAGER, expiresAt: '2099-01-01T00:00:00.000Z' })));
  });
  unbind = result.unbind;
  expect(await screen.findByText('Signed in: Kari (Manager)')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Sign out (F8)' })).toHaveAttribute('aria-keyshortcuts', 'F8');

  await userEvent.keyboard('{F8}');
  expect(await screen.findByRole('button', { name: 'Not signed in' })).toBeInTheDocument();
  expect(result.fake.callsTo('staff.signOut')).toEqual([{}]);
  // Input before the sign-out was reported to main (throttled), never after.
  expect(result.fake.callsTo('staff.activity').length).toBe(1);
  await userEvent.click(screen.getByRole('button', { name: 'Not signed in' }));
  expect(opened).toHaveBeenCalled();
});

it('asks main again when the session is due to end, and shows that nobody is signed in', async () => {
  let ended = false;
  const expiresAt = new Date(Date.now() + 1_000).toISOString();
  const result = await setup(<StaffBadge onOpenStaff={() => {}} />, {}, (f) => {
    f.respond('staff.session', () => ok(ended ? session() : session({ staff: MANAGER, expiresAt })));
  });
  unbind = result.unbind;
  expect(await screen.findByText('Signed in: Kari (Manager)')).toBeInTheDocument();
  ended = true;
  await act(() => new Promise((r) => setTimeout(r, 1_700)));
  expect(await screen.findByRole('button', { name: 'Not signed in' })).toBeInTheDocument();
});

it('lets a manager set the idle minutes under Who may do what', async () => {
  const { PolicyPanel } = await import('../../../src/renderer/src/screens/staff/PolicyPanel');
  const result = await setup(<PolicyPanel />, {}, (f) => {
    f.respond('staff.savePolicy', (req) =>
      ok(session({ staff: MANAGER, idleMinutes: (req as { idleMinutes: number }).idleMinutes })),
    );
  });
  unbind = result.unbind;
  const { useStaffStore } = await import('../../../src/renderer/src/stores/staff');
  act(() => useStaffStore.setState({ session: session({ staff: MANAGER }) }));
  const field = await screen.findByLabelText('Sign staff out after this many minutes without input');
  expect(field).toHaveValue(5);
  await userEvent.clear(field);
  await userEvent.type(field, '2');
  await userEvent.click(screen.getByRole('button', { name: 'Save permissions' }));
  expect(result.fake.callsTo('staff.savePolicy')).toEqual([{ policy: session().policy, idleMinutes: 2 }]);
});
