import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  GoLiveReport,
  GoLiveRequest,
  ReceiptView,
  RegisterWebhooksRequest,
  SelfTestReport,
  WebhookStatus,
} from '../../../src/preload/contract';
import { GoLivePanel } from '../../../src/renderer/src/screens/ops/GoLivePanel';
import { ReceiptStatus } from '../../../src/renderer/src/screens/ops/ReceiptStatus';
import { SelfTestPanel } from '../../../src/renderer/src/screens/ops/SelfTestPanel';
import { WebhooksPanel } from '../../../src/renderer/src/screens/ops/WebhooksPanel';
import { fail, ok } from '../support/fake-pos';
import { setup } from '../support/render';

let unbind: (() => void) | undefined;
afterEach(() => unbind?.());

const REF = 'kasse-1-20261125-000001';

function receipt(patch: Partial<ReceiptView> = {}): ReceiptView {
  return {
    reference: REF,
    status: 'failed',
    receiptNumber: 12,
    attempts: 0,
    nextAttemptAt: null,
    sentAt: null,
    lastError: { code: 'VALIDATION', message: 'Not sent: The name on line 1 is longer than 100 characters.' },
    note: null,
    notes: [],
    canRetry: true,
    ...patch,
  };
}

function selfTest(patch: Partial<SelfTestReport> = {}): SelfTestReport {
  return {
    environment: 'test',
    ranAt: '2026-11-25T08:00:00.000Z',
    outcome: 'failed',
    checks: [
      {
        id: 'reachability',
        outcome: 'ok',
        code: 'reachability-ok',
        params: { environment: 'test' },
        message: 'The Vipps MobilePay test environment answered.',
        fix: null,
      },
      {
        id: 'clock',
        outcome: 'failed',
        code: 'clock-ahead',
        params: { seconds: 600 },
        message: "This computer's clock is 600 seconds ahead of Vipps' clock.",
        fix: 'Turn on automatic time.',
      },
    ],
    ...patch,
  };
}

describe('receipt status on a sale', () => {
  it('says why the receipt was not sent and sends it again on request', async () => {
    const view = await setup(<ReceiptStatus payment={{ reference: REF, receipt: 'failed' }} />, {}, (f) => {
      f.respond('receipt.get', () => ok(receipt()));
      f.respond('receipt.retry', () =>
        ok(
          receipt({
            status: 'pending',
            canRetry: false,
            lastError: null,
            note: 'Sent as one line because the order lines could not be used.',
            notes: ['one-line'],
          }),
        ),
      );
    });
    unbind = view.unbind;
    expect(
      await screen.findByText('Why not sent: The sale’s lines cannot be sent as a receipt.'),
    ).toBeInTheDocument();
    // main's English stays for admins, folded under the technical details.
    expect(screen.getByText(/Not sent: The name on line 1/).closest('details')).not.toBeNull();
    expect(screen.getByText(/Receipt no\. 12/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send receipt again' }));
    expect(view.fake.callsTo('receipt.retry')).toEqual([{ reference: REF }]);
    expect(await screen.findByText('Sending')).toBeInTheDocument();
    expect(
      screen.getByText('Sent as one line because the sale’s lines could not be used.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/the order lines could not be used/).closest('details')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Send receipt again' })).toBeNull();
  });

  it('words why not sent in the UI language, whatever the code', async () => {
    const view = await setup(
      <ReceiptStatus payment={{ reference: REF, receipt: 'pending' }} />,
      { language: 'nb' },
      (f) =>
        f.respond('receipt.get', () =>
          ok(
            receipt({
              status: 'pending',
              lastError: { code: 'NETWORK', message: 'fetch failed: ECONNRESET' },
            }),
          ),
        ),
    );
    unbind = view.unbind;
    expect(
      await screen.findByText('Hvorfor ikke sendt: Ingen forbindelse til Vipps MobilePay.'),
    ).toBeInTheDocument();
    expect(screen.getByText('fetch failed: ECONNRESET').closest('details')).not.toBeNull();
  });
});

describe('self-test panel', () => {
  it('shows the start-up result with fixes, in the app language, and runs again', async () => {
    const view = await setup(<SelfTestPanel />, { language: 'nb' }, (f) => {
      f.respond('selftest.last', () => ok(selfTest()));
      f.respond('selftest.run', () =>
        ok(
          selfTest({
            outcome: 'ok',
            checks: [
              {
                id: 'clock',
                outcome: 'ok',
                code: 'clock-ok',
                params: { seconds: 1 },
                message: 'Clock agrees.',
                fix: null,
              },
            ],
          }),
        ),
      );
    });
    unbind = view.unbind;
    expect(await screen.findByText('Klokke')).toBeInTheDocument();
    expect(screen.getByText('Problem')).toBeInTheDocument();
    // Main's codes and parameters, worded in Norwegian; main's English never shows.
    expect(screen.getByText('Testmiljøet til Vipps MobilePay svarte.')).toBeInTheDocument();
    expect(
      screen.getByText('Klokken på denne datamaskinen går 600 sekunder foran klokken til Vipps MobilePay.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Dette gjør du: Slå på automatisk tid (nettverkstid) i datoinnstillingene til operativsystemet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Turn on automatic time|answered|seconds ahead/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Kjør selvtest' }));
    expect(
      await screen.findByText('Klokken på denne datamaskinen stemmer med Vipps MobilePay (innenfor 1 s).'),
    ).toBeInTheDocument();
    expect(view.fake.callsTo('selftest.run')).toHaveLength(1);
  });
});

describe('go-live panel', () => {
  const report: GoLiveReport = {
    environment: 'test',
    ranAt: '2026-11-25T08:00:00.000Z',
    ok: true,
    rows: (['AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED'] as const).map((scenario) => ({
      scenario,
      reference: `golive-20261125-080000-${scenario.toLowerCase()}`,
      state: 'AUTHORIZED',
      aggregate: null,
      events: [],
      ok: true,
      problem: null,
    })),
    text: 'Vipps MobilePay go-live evidence\n…',
  };

  it('in the test environment sends the test user’s phone and shows the table and text', async () => {
    const view = await setup(<GoLivePanel environment="test" />, { environment: 'test' }, (f) => {
      f.respond('golive.run', () => ok(report));
    });
    unbind = view.unbind;
    await userEvent.type(screen.getByLabelText('Test user’s phone number'), '4791234567');
    await userEvent.click(screen.getByRole('button', { name: 'Run go-live scenarios' }));
    expect(await screen.findByText('All four ended as the checklist asks.')).toBeInTheDocument();
    expect(view.fake.callsTo('golive.run')).toEqual([{ phone: '4791234567' }]);
    expect(screen.getByText('golive-20261125-080000-cancelled')).toBeInTheDocument();
    expect(screen.getByTestId('golive-text').textContent).toMatch(/go-live evidence/);
  });

  it('asks for a manager PIN when main says so, and runs the same scenarios with it', async () => {
    const view = await setup(<GoLivePanel environment="test" />, { environment: 'test' }, (f) => {
      f.respond('golive.run', (req) =>
        (req as GoLiveRequest).approval?.pin === '4321'
          ? ok(report)
          : fail('FORBIDDEN', { approval: 'required' }),
      );
    });
    unbind = view.unbind;
    await userEvent.type(screen.getByLabelText('Test user’s phone number'), '4791234567');
    await userEvent.click(screen.getByRole('button', { name: 'Run go-live scenarios' }));
    await userEvent.type(await screen.findByLabelText('Manager PIN'), '4321{Enter}');
    expect(await screen.findByText('All four ended as the checklist asks.')).toBeInTheDocument();
    expect(view.fake.callsTo('golive.run')).toEqual([
      { phone: '4791234567' },
      { phone: '4791234567', approval: { pin: '4321' } },
    ]);
  });

  it("names what the manager approves, and words each row in the UI language (main's English under technical details)", async () => {
    const failed: GoLiveReport = {
      ...report,
      ok: false,
      rows: report.rows.map((row, i) =>
        i === 0
          ? { ...row, ok: false, problem: 'Expected the payment to end AUTHORIZED; Vipps shows nothing.' }
          : row,
      ),
    };
    const view = await setup(
      <GoLivePanel environment="test" />,
      { environment: 'test', language: 'nb' },
      (f) => {
        f.respond('golive.run', (req) =>
          (req as GoLiveRequest).approval ? ok(failed) : fail('FORBIDDEN', { approval: 'required' }),
        );
      },
    );
    unbind = view.unbind;
    await userEvent.click(screen.getByRole('button', { name: 'Kjør scenarioene' }));
    expect(
      await screen.findByRole('dialog', { name: 'Godkjenn go-live-testbetalingene' }),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Leders PIN'), '4321{Enter}');
    const rows = await screen.findAllByRole('row');
    const firstResult = rows[1]!.querySelectorAll('td')[3]!;
    expect(firstResult.querySelector('summary')?.textContent).toBe('Tekniske detaljer');
    expect(firstResult.firstChild?.textContent).toBe('Endte ikke slik sjekklisten krever');
    expect(rows[2]!.querySelectorAll('td')[3]!.textContent).toBe('Slik sjekklisten krever');
  });

  it('is not offered in production', async () => {
    const view = await setup(<GoLivePanel environment="production" />, { environment: 'production' });
    unbind = view.unbind;
    expect(screen.getByText(/Not available in production/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run go-live scenarios' })).toBeNull();
  });
});

describe('webhooks panel', () => {
  const none: WebhookStatus = {
    available: true,
    url: null,
    registered: [],
    polling: true,
    explanation: 'This counter app checks each payment with Vipps by polling.',
  };

  it('explains polling and registers a relay', async () => {
    const view = await setup(<WebhooksPanel />, {}, (f) => {
      f.respond('webhooks.status', () => ok(none));
      f.respond('webhooks.register', (req) =>
        (req as { url: string }).url.startsWith('https://')
          ? ok({ ...none, url: 'https://relay.example.no/vipps', registered: [{ id: 'w1', events: [] }] })
          : fail('VALIDATION'),
      );
    });
    unbind = view.unbind;
    expect(
      await screen.findByText(/checks each payment with Vipps MobilePay by polling/),
    ).toBeInTheDocument();
    expect(screen.getByText('Payments are checked by polling. This stays on.')).toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Public relay address (https)'),
      'https://relay.example.no/vipps',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Register webhooks' }));
    expect(await screen.findByText('Registered for https://relay.example.no/vipps')).toBeInTheDocument();
    expect(view.fake.callsTo('webhooks.register')).toEqual([{ url: 'https://relay.example.no/vipps' }]);
  });

  it("explains polling and a registered relay in the UI language, not main's English", async () => {
    const view = await setup(<WebhooksPanel />, { language: 'da' }, (f) =>
      f.respond('webhooks.status', () => ok({ ...none, url: 'https://relay.example.dk/vipps' })),
    );
    unbind = view.unbind;
    expect(
      await screen.findByText(
        /^Vipps MobilePay sender alle ePayment-hændelser til https:\/\/relay\.example\.dk\/vipps;/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/This counter app/)).toBeNull();
  });

  it('asks for a manager PIN before registering, and sends the PIN with the same address', async () => {
    const view = await setup(<WebhooksPanel />, {}, (f) => {
      f.respond('webhooks.status', () => ok(none));
      f.respond('webhooks.register', (req) =>
        (req as RegisterWebhooksRequest).approval?.pin === '4321'
          ? ok({ ...none, url: 'https://relay.example.no/vipps', registered: [{ id: 'w1', events: [] }] })
          : fail('FORBIDDEN', { approval: 'required' }),
      );
    });
    unbind = view.unbind;
    await userEvent.type(
      await screen.findByLabelText('Public relay address (https)'),
      'https://relay.example.no/vipps',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Register webhooks' }));
    await userEvent.type(await screen.findByLabelText('Manager PIN'), '4321{Enter}');
    expect(await screen.findByText('Registered for https://relay.example.no/vipps')).toBeInTheDocument();
    expect(view.fake.callsTo('webhooks.register')).toEqual([
      { url: 'https://relay.example.no/vipps' },
      { url: 'https://relay.example.no/vipps', approval: { pin: '4321' } },
    ]);
  });

  it('keeps the registration and says quietly "not approved" when the PIN prompt is cancelled', async () => {
    const registered = {
      ...none,
      url: 'https://relay.example.no/vipps',
      registered: [{ id: 'w1', events: [] }],
    };
    const view = await setup(<WebhooksPanel />, {}, (f) => {
      f.respond('webhooks.status', () => ok(registered));
      f.respond('webhooks.unregister', () => fail('FORBIDDEN', { approval: 'required' }));
    });
    unbind = view.unbind;
    await userEvent.click(await screen.findByRole('button', { name: 'Remove webhooks' }));
    await screen.findByLabelText('Manager PIN');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Not approved by a manager. Nothing was done.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Registered for https://relay.example.no/vipps')).toBeInTheDocument();
    expect(view.fake.callsTo('webhooks.unregister')).toEqual([{}]);
  });
});

describe('self-test wording', () => {
  it('has words for every code main can send, in every language', async () => {
    const { SELFTEST_CODES } = await import('../../../src/preload/contract');
    const { i18next, initI18n, LANGUAGES } = await import('../../../src/renderer/src/i18n');
    initI18n('en');
    for (const lng of LANGUAGES) {
      for (const code of SELFTEST_CODES) {
        expect(
          i18next.exists(`ops.selftest.msg.${code}`, { lng, fallbackLng: false }),
          `${lng} ${code}`,
        ).toBe(true);
      }
    }
  });
});
