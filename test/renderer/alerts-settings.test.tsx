import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveSettingsRequest } from '../../src/preload/contract';
import { CashierApp } from '../../src/renderer/src/screens/CashierApp';
import { SettingsScreen } from '../../src/renderer/src/screens/SettingsScreen';
import { useAppStore } from '../../src/renderer/src/stores/app';
import { fail, ok, paymentView, settingsView } from './support/fake-pos';
import { setup } from './support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

describe('Alerts', () => {
  it('lists payments needing attention and late approvals, and opens them in history', async () => {
    const late = paymentView({
      reference: 'kasse-1-000009',
      status: 'DECISION_NEEDED',
      attention: 'LATE_APPROVAL',
    });
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    result.fake.respond('payment.attention', () => ok([late]));
    act(() =>
      result.fake.emit.alert({
        kind: 'LATE_APPROVAL',
        reference: late.reference,
        message: 'Approved after cancel',
      }),
    );
    // The alert and the attention entry are the same payment: counted once.
    await waitFor(() => expect(screen.getByRole('button', { name: /Alerts/ })).toHaveTextContent('1'));
    act(() => result.fake.emit.alert({ kind: 'ATTENTION', message: 'Receipt could not be sent' }));
    await waitFor(() => expect(screen.getByRole('button', { name: /Alerts/ })).toHaveTextContent('2'));
    await userEvent.click(screen.getByRole('button', { name: /Alerts/ }));
    expect(await screen.findByText('Customer approved after the cashier gave up')).toBeInTheDocument();
    expect(screen.getByText('Late approval')).toBeInTheDocument();
    result.fake.respond('payment.get', () => ok({ payment: late, operations: [], events: [] }));
    await userEvent.click(screen.getAllByRole('button', { name: 'Open' })[0]!);
    expect(await screen.findByRole('heading', { name: /Payment kasse-1-000009/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete sale' })).toBeInTheDocument();
  });

  it('tells staff an update is ready and when it installs, in their words', async () => {
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    result.fake.respond('payment.attention', () => ok([]));
    act(() =>
      result.fake.emit.alert({ kind: 'UPDATE_READY', version: '0.3.0', message: 'Update 0.3.0 is ready' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Alerts/ }));
    expect(await screen.findByText('Update ready')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Version 0.3.0 is downloaded. It installs the next time the app is closed with no sale open.',
      ),
    ).toBeInTheDocument();
  });

  it("words alerts from main's codes in the UI language (Danish), never main's English", async () => {
    const result = await setup(<CashierApp />, { language: 'da', market: 'DK', brand: 'mobilepay' });
    unbind = result.unbind;
    act(() => {
      result.fake.emit.alert({
        kind: 'ATTENTION',
        reference: 'kasse-1-000010',
        code: 'RESERVATION_SOON',
        params: { days: 7, until: '2026-12-02T10:00:00.000Z' },
        message:
          'Reserved money on kasse-1-000010 must be captured or released before 2026-12-02T10:00:00.000Z.',
      });
      result.fake.emit.alert({
        kind: 'ATTENTION',
        code: 'SELFTEST_FAILED',
        params: { checks: 'clock,disk' },
        message: "Self-test: This computer's clock is 600 seconds ahead of Vipps' clock.",
      });
    });
    await userEvent.click(screen.getByRole('button', { name: /Advarsler|Varsler|Alerts/ }));
    expect(
      await screen.findByText('Disse reserverede penge skal hæves eller frigives før 02.12.2026.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Selvtesten fandt et problem: .+, .+\. Se Indstillinger → Selvtest\.$/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Reserved money|Self-test:/)).toBeNull();
  });

  it('keeps a late approval in a banner on every screen until it is opened', async () => {
    const late = paymentView({
      reference: 'kasse-1-000010',
      status: 'DECISION_NEEDED',
      attention: 'LATE_APPROVAL',
    });
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    result.fake.respond('payment.get', () => ok({ payment: late, operations: [], events: [] }));
    act(() => result.fake.emit.alert({ kind: 'LATE_APPROVAL', reference: late.reference, message: 'late' }));
    const banner = screen.getByText(/Late approval: kasse-1-000010/).closest('[role="alert"]') as HTMLElement;
    expect(banner).toHaveTextContent('Customer approved after the cashier gave up');
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByText(/Late approval: kasse-1-000010/)).toBeInTheDocument();
    await userEvent.click(within(banner).getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('heading', { name: /Payment kasse-1-000010/ })).toBeInTheDocument();
    expect(screen.queryByText(/Late approval: kasse-1-000010/)).toBeNull();
  });

  it('shows a blocking banner while offline and removes it when back', async () => {
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    act(() => result.fake.emit.connectivity({ online: false }));
    expect(screen.getByText(/No connection to Vipps\. New payments are blocked/)).toBeInTheDocument();
    act(() => result.fake.emit.connectivity({ online: true }));
    expect(screen.queryByText(/No connection to Vipps/)).toBeNull();
  });

  it('uses MobilePay brand in Denmark and Finland', async () => {
    const result = await setup(<CashierApp />, {
      market: 'FI',
      brand: 'mobilepay',
      currency: 'EUR',
      language: 'fi',
    });
    unbind = result.unbind;
    expect(screen.getByRole('img', { name: 'MobilePay' })).toHaveAttribute('data-brand', 'mobilepay');
    act(() => result.fake.emit.connectivity({ online: false }));
    expect(screen.getByText(/Ei yhteyttä palveluun MobilePay/)).toBeInTheDocument();
  });

  it('switches the language of the window', async () => {
    const result = await setup(<CashierApp />);
    unbind = result.unbind;
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'nb');
    expect(screen.getByRole('button', { name: 'Start betaling' })).toBeInTheDocument();
    expect(useAppStore.getState().language).toBe('nb');
  });
});

describe('Settings', () => {
  it('shows secrets only as stored / not stored and never prefills them', async () => {
    const result = await setup(<SettingsScreen />);
    unbind = result.unbind;
    const secret = await screen.findByLabelText(/Client secret/);
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('type', 'password');
    expect(screen.getByText('stored')).toBeInTheDocument();
    expect(screen.getByText('not stored')).toBeInTheDocument();
  });

  it('saves changed fields and sends a secret only when typed', async () => {
    const result = await setup(<SettingsScreen />);
    unbind = result.unbind;
    await userEvent.selectOptions(await screen.findByLabelText('Market'), 'DK');
    await userEvent.type(screen.getByLabelText(/Subscription key/), 'sub-key-1');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(result.fake.callsTo('settings.save')).toHaveLength(1));
    const req = result.fake.callsTo('settings.save')[0] as SaveSettingsRequest;
    expect(req.market).toBe('DK');
    expect(req.subscriptionKey).toBe('sub-key-1');
    expect('clientSecret' in req).toBe(false);
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });

  it('sets the shop name and the default VAT rate; a new market offers its own rates', async () => {
    const result = await setup(<SettingsScreen />);
    unbind = result.unbind;
    await userEvent.type(await screen.findByLabelText('Shop name'), 'Bakeriet');
    const rate = screen.getByLabelText('Standard VAT rate for items');
    expect([...rate.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '25%',
      '15%',
      '12%',
      '0%',
    ]);
    await userEvent.selectOptions(rate, '1500');
    await userEvent.selectOptions(screen.getByLabelText('Market'), 'FI');
    // Choosing Finland proposes Finnish, so the proposed rates read the Finnish way.
    expect([...rate.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '25,5\u00a0%',
      '13,5\u00a0%',
      '10\u00a0%',
      '0\u00a0%',
    ]);
    expect(rate).toHaveValue('2550');
    await userEvent.selectOptions(rate, '1350');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(result.fake.callsTo('settings.save')).toHaveLength(1));
    expect(result.fake.callsTo('settings.save')[0]).toMatchObject({
      shopName: 'Bakeriet',
      market: 'FI',
      vatRate: 1350,
    });
  });

  it('asks for a manager PIN when main wants approval, and saves with it', async () => {
    const result = await setup(<SettingsScreen />, {}, (fake) =>
      fake.respond('settings.save', (req) =>
        (req as SaveSettingsRequest).approval
          ? ok(settingsView({ market: 'DK' }))
          : fail('FORBIDDEN', { approval: 'required' }),
      ),
    );
    unbind = result.unbind;
    await userEvent.selectOptions(await screen.findByLabelText('Market'), 'DK');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.type(await screen.findByLabelText('Manager PIN'), '1234{Enter}');
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const saves = result.fake.callsTo('settings.save') as SaveSettingsRequest[];
    expect(saves.map((s) => s.approval?.pin)).toEqual([undefined, '1234']);
    expect(saves[1]?.market).toBe('DK');
  });

  it('removes a stored secret by sending an empty value, and never sends what was not touched', async () => {
    const result = await setup(<SettingsScreen />);
    unbind = result.unbind;
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(result.fake.callsTo('settings.save')).toHaveLength(1));
    const req = result.fake.callsTo('settings.save')[0] as SaveSettingsRequest;
    expect(req.clientSecret).toBe('');
    expect('subscriptionKey' in req).toBe(false);
  });

  it('tests the connection and shows the plain-words answer', async () => {
    const result = await setup(<SettingsScreen />);
    unbind = result.unbind;
    result.fake.respond('settings.testConnection', () =>
      ok({ ok: false, message: 'Client secret was rejected', code: 'AUTH' as const }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/check the keys in Settings/)).toBeInTheDocument();
  });

  it("words the connection test in the UI language from its code, not main's English", async () => {
    const result = await setup(<SettingsScreen />, { language: 'nb' });
    unbind = result.unbind;
    result.fake.respond('settings.testConnection', () =>
      ok({ ok: false, message: 'Client secret was rejected', code: 'AUTH' as const }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Test forbindelsen' }));
    const answer = await screen.findByText(/godtok ikke butikkens nøkler/);
    expect(answer.textContent).not.toMatch(/rejected/);
    result.fake.respond('settings.testConnection', () =>
      ok({ ok: true, message: 'Connected to the simulator.' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Test forbindelsen' }));
    expect(await screen.findByText('Tilkobling OK: Opplæring (simulert).')).toBeInTheDocument();
  });

  it("proposes the market's language, keeps a language picked by hand, and restores the saved one", async () => {
    const result = await setup(<SettingsScreen />);
    unbind = result.unbind;
    const market = await screen.findByLabelText('Market');
    const language = screen.getByLabelText('Language') as HTMLSelectElement;
    const saved = language.value;
    await userEvent.selectOptions(market, 'DK');
    expect(language).toHaveValue('da');
    await userEvent.selectOptions(market, 'FI');
    expect(language).toHaveValue('fi');
    await userEvent.selectOptions(market, 'NO');
    expect(language).toHaveValue(saved);
    await userEvent.selectOptions(language, 'en');
    await userEvent.selectOptions(market, 'DK');
    expect(language).toHaveValue('en');
  });

  it('says when real credentials are missing and why saved settings were not used', async () => {
    const result = await setup(<SettingsScreen />, {}, (fake) =>
      fake.respond('settings.get', () =>
        ok(
          settingsView({
            environment: 'test',
            configured: false,
            problem: {
              code: 'invalid-fields',
              fields: ['environment', 'extra'],
              detail: 'Saved settings were not used because the settings file has invalid or unknown fields.',
            },
          }),
        ),
      ),
    );
    unbind = result.unbind;
    expect(await screen.findByText('Vipps MobilePay is not set up yet. Open Settings.')).toBeInTheDocument();
    expect(
      screen.getByText('The saved settings were not used: these fields are not valid: environment, extra.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Training mode is on. The file is kept until the settings are saved again.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/has invalid or unknown fields/).closest('details')).not.toBeNull();
  });

  it('warns when secrets cannot be encrypted', async () => {
    const result = await setup(<SettingsScreen />, {}, (fake) =>
      fake.respond('settings.get', () => ok(settingsView({ encryptionAvailable: false }))),
    );
    unbind = result.unbind;
    expect(await screen.findByText(/cannot encrypt secrets/)).toBeInTheDocument();
  });

  it('says plainly when secrets are stored unencrypted (the web host), never that they are encrypted', async () => {
    const result = await setup(<SettingsScreen />, {}, (fake) =>
      fake.respond('settings.get', () =>
        ok(settingsView({ encryptionAvailable: true, secretStorage: 'plaintext' })),
      ),
    );
    unbind = result.unbind;
    expect(await screen.findByText(/secrets are stored UNENCRYPTED/)).toBeInTheDocument();
  });
});
