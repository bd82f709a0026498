import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TillConfigureRequest, TillStatus } from '../../../src/preload/contract';
import { TillPanel } from '../../../src/renderer/src/screens/till/TillPanel';
import { ok } from '../support/fake-pos';
import { setup } from '../support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

const off: TillStatus = {
  enabled: false,
  bind: 'loopback',
  url: null,
  fingerprint: null,
  problem: null,
  tills: [],
  pairingExpiresAt: null,
};

describe('Settings → Till integration', () => {
  it('turns the API on, shows where tills connect, makes a one-time code', async () => {
    let status = off;
    const view = await setup(<TillPanel />, {}, (f) => {
      f.respond('till.status', () => ok(status));
      f.respond('till.configure', (req) => {
        const { enabled, bind } = req as TillConfigureRequest;
        status = {
          ...status,
          enabled,
          bind: bind ?? 'loopback',
          url: enabled ? 'http://127.0.0.1:7610' : null,
        };
        return ok(status);
      });
      f.respond('till.pair', () => ok({ code: '48151623', expiresAt: '2026-11-30T10:10:00.000Z' }));
      f.respond('till.revoke', () => ok({ ...status, tills: [] }));
    });
    unbind = view.unbind;
    expect(await screen.findByText('Off: no till can reach this counter.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(
      await screen.findByText('On: tills reach the counter at http://127.0.0.1:7610.'),
    ).toBeInTheDocument();
    expect(view.fake.callsTo('till.configure')).toEqual([{ enabled: true, bind: 'loopback' }]);
    await userEvent.click(screen.getByRole('button', { name: 'New pairing code' }));
    expect(await screen.findByText('48151623')).toBeInTheDocument();
  });

  it('lists paired tills and revokes one', async () => {
    const status: TillStatus = {
      ...off,
      enabled: true,
      url: 'http://127.0.0.1:7610',
      tills: [{ id: 3, name: 'Front till', createdAt: '2026-11-30T09:00:00.000Z', lastUsedAt: null }],
    };
    const again = await setup(<TillPanel />, {}, (f) => {
      f.respond('till.status', () => ok(status));
      f.respond('till.revoke', () => ok({ ...status, tills: [] }));
    });
    unbind = again.unbind;
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Front till' }));
    expect(again.fake.callsTo('till.revoke')).toEqual([{ id: 3 }]);
    expect(await screen.findByText('No till is paired.')).toBeInTheDocument();
  });

  it('offers the shop network as a separate choice and shows the fingerprint to pin', async () => {
    const lan: TillStatus = {
      ...off,
      enabled: true,
      bind: 'lan',
      url: 'https://localhost:7610',
      fingerprint: 'AB:CD:EF',
    };
    const view = await setup(<TillPanel />, {}, (f) => f.respond('till.status', () => ok(lan)));
    unbind = view.unbind;
    expect(await screen.findByText('AB:CD:EF')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /The shop network/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'This computer only' })).not.toBeChecked();
  });
});
