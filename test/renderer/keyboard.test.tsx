import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CashierApp } from '../../src/renderer/src/screens/CashierApp';
import { useAppStore } from '../../src/renderer/src/stores/app';
import { ok } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => {
  unbind?.();
  window.location.hash = '';
});

describe('top navigation by keyboard', () => {
  it('opens each view with Alt+1 … Alt+5 and shows the shortcut on each tab', async () => {
    const result = await setup(<CashierApp />, { language: 'nb' });
    unbind = result.unbind;
    const history = screen.getByRole('button', { name: 'Historikk' });
    expect(history).toHaveAttribute('aria-keyshortcuts', 'Alt+2');
    expect(history).toHaveAttribute('title', 'Snarvei: Alt+2');
    expect(history.querySelector('.tab-key')).toHaveTextContent('2');
    await userEvent.keyboard('{Alt>}2{/Alt}');
    expect(useAppStore.getState().view).toBe('history');
    await userEvent.keyboard('{Alt>}5{/Alt}');
    expect(useAppStore.getState().view).toBe('staff');
    await userEvent.keyboard('{Alt>}1{/Alt}');
    expect(useAppStore.getState().view).toBe('sale');
    // Without Alt a digit is just a digit.
    await userEvent.keyboard('3');
    expect(useAppStore.getState().view).toBe('sale');
  });

  it('opens the staff area on the section in the address, and drops the address when leaving', async () => {
    window.location.hash = '#/staff/audit';
    const result = await setup(<CashierApp />, {}, (f) => {
      f.respond('staff.session', () =>
        ok({
          staff: null,
          bootstrapNeeded: false,
          trainingPin: '1234',
          policy: {
            refund: 'manager',
            release: 'manager',
            settings: 'manager',
            report: 'anyone',
            support: 'anyone',
          },
        }),
      );
      f.respond('report.reservations', () => ok([]));
    });
    unbind = result.unbind;
    await waitFor(() => expect(useAppStore.getState().view).toBe('staff'));
    expect(await screen.findByRole('heading', { level: 2, name: 'Audit log' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Sale' }));
    expect(window.location.hash).toBe('#/');
    await act(async () => {
      window.location.hash = '#/staff/support';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(useAppStore.getState().view).toBe('staff');
    expect(await screen.findByRole('heading', { level: 2, name: 'Support' })).toHaveFocus();
  });
});
