import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { MAX_AMOUNT } from '../../../src/main/ipc/schemas';
import { silentLogger } from '../../../src/main/log';
import type { PaymentsService } from '../../../src/main/payments/types';
import { CH, type Channel } from '../../../src/preload/contract';
import { createStubCore } from './stub-core';

const REF = 'pos1-20260101-000001';

/** For each channel: payloads that must be refused before any handler code runs. */
const INVALID: Record<Channel, unknown[]> = {
  [CH.appInfo]: [null, 'x', { extra: 1 }],
  [CH.paymentStart]: [
    {},
    { amount: 0, flow: 'QR' },
    { amount: -100, flow: 'QR' },
    { amount: 10.5, flow: 'QR' },
    { amount: MAX_AMOUNT + 1, flow: 'QR' },
    { amount: Number.MAX_SAFE_INTEGER + 2, flow: 'QR' },
    { amount: '1000', flow: 'QR' },
    { amount: 1000, flow: 'CARD' },
    { amount: 1000, flow: 'PUSH_PHONE' },
    { amount: 1000, flow: 'PUSH_PHONE', phone: '+47 912 34 567' },
    { amount: 1000, flow: 'QR', phone: '4791234567' },
    { amount: 1000, flow: 'PERSONAL_QR' },
    { amount: 1000, flow: 'QR', description: 'x'.repeat(101) },
    { amount: 1000, flow: 'QR', description: 'line\nbreak' },
    { amount: 1000, flow: 'QR', lines: [{ name: 'Coffee', unitPrice: 100, quantity: 0 }] },
    { amount: 1000, flow: 'QR', lines: [{ name: 'Coffee', unitPrice: 100, quantity: 1, sku: 'x' }] },
    { amount: 1000, flow: 'QR', merchant: 'other' },
  ],
  [CH.paymentActive]: [{ reference: REF }, []],
  [CH.paymentGet]: [{}, { reference: 'short' }, { reference: `${REF}/../x` }, { reference: 'a'.repeat(65) }],
  [CH.paymentLookup]: [
    {},
    { reference: 'short' },
    { reference: 'a'.repeat(65) },
    { reference: REF, text: 'x' },
  ],
  [CH.paymentCancel]: [{ reference: 42 }, { reference: REF, force: true }],
  [CH.paymentCapture]: [{ reference: REF, amount: 0 }, { reference: REF, amount: 1.5 }, { amount: 100 }],
  [CH.paymentRefund]: [
    { reference: REF, amount: 100, requestId: 'req-00000001' },
    { reference: REF, amount: 100, reason: '   ', requestId: 'req-00000001' },
    { reference: REF, amount: 100, reason: 'damaged', requestId: 'x' },
    { reference: REF, amount: -1, reason: 'damaged', requestId: 'req-00000001' },
    { reference: REF, amount: 100, reason: 'r'.repeat(201), requestId: 'req-00000001' },
  ],
  [CH.paymentResolve]: [{ reference: REF }, { reference: REF, action: 'refund' }],
  [CH.paymentDismiss]: [{ reference: '' }, null],
  [CH.paymentSearch]: [
    { limit: 0 },
    { limit: 1000 },
    { from: '01.01.2026' },
    { phoneLast4: '12345' },
    { status: 'PAID' },
    { text: 'x'.repeat(101) },
  ],
  [CH.paymentAttention]: [{ all: true }],
  [CH.settingsGet]: [{ includeSecrets: true }],
  [CH.settingsSave]: [
    { environment: 'staging' },
    { market: 'SE' },
    { merchantSerialNumber: '12' },
    { merchantSerialNumber: '1234567' },
    { counterId: 'till 1' },
    { counterId: 'x'.repeat(17) },
    { clientSecret: 's'.repeat(501) },
    { clientId: 'id\u0000' },
    { apiBaseUrl: 'https://evil.example' },
  ],
  [CH.settingsTestConnection]: [{ environment: 'production' }],
  [CH.trainingCustomer]: [
    { reference: REF },
    { reference: REF, action: 'pay' },
    { reference: REF, action: 'approve', amount: 1 },
  ],
  [CH.receiptGet]: [{}, { reference: REF, force: true }],
  [CH.receiptRetry]: [{ reference: 'x' }],
  [CH.selftestLast]: [{ checks: ['clock'] }],
  [CH.selftestRun]: [null],
  [CH.goliveRun]: [{ environment: 'production' }],
  [CH.webhooksStatus]: [{ url: 'https://relay.example' }],
  [CH.webhooksRegister]: [
    {},
    { url: 'http://relay.example/hook' },
    { url: 'not a url' },
    { url: 'https://u:p@relay.example' },
  ],
  [CH.webhooksUnregister]: [{ id: 'x' }],
  [CH.staffSession]: [{ pin: '1234' }],
  [CH.staffSignIn]: [{}, { pin: '12' }, { pin: '123456789' }, { pin: 1234 }, { pin: '12a4' }],
  [CH.staffSignOut]: [{ everyone: true }, { reason: 'idle' }],
  [CH.staffActivity]: [{ keys: 3 }],
  [CH.staffBootstrap]: [{ name: 'Kari' }, { name: '', pin: '1234' }, { name: 'x'.repeat(41), pin: '1234' }],
  [CH.staffList]: [{ approval: { pin: '1' } }, { approval: '1234' }],
  [CH.staffSave]: [
    { role: 'owner' },
    { id: -1 },
    { id: 1.5 },
    { pin: 'abcd' },
    { approval: { pin: '1234', as: 'x' } },
  ],
  [CH.staffPolicySave]: [
    {},
    { policy: { refund: 'nobody' } },
    { policy: { delete: 'anyone' } },
    { policy: {}, idleMinutes: 0 },
    { policy: {}, idleMinutes: 121 },
    { policy: {}, idleMinutes: 2.5 },
  ],
  [CH.staffAudit]: [
    { limit: 0 },
    { limit: 501 },
    { from: 'yesterday' },
    { beforeId: 0 },
    { action: 'DROP TABLE' },
  ],
  [CH.reportDay]: [{}, { date: '25.11.2026' }, { date: '2026-11-25', counterId: 'till 1' }],
  [CH.reportDayCsv]: [{ date: '2026-11-25', format: 'xlsx' }],
  [CH.reportReservations]: [{ olderThan: 7 }],
  [CH.supportBundle]: [{ reference: '../../etc' }, { includeSecrets: true }],
  [CH.tillStatus]: [null, { extra: 1 }],
  [CH.tillConfigure]: [
    {},
    { enabled: 'yes' },
    { enabled: true, bind: 'internet' },
    { enabled: true, port: 80 },
  ],
  [CH.tillPair]: [{ approval: { pin: 'x' } }, { code: '12345678' }],
  [CH.tillRevoke]: [{}, { id: 0 }, { id: 1.5 }, { id: '1' }],
  [CH.settlementDay]: [{}, { ledgerDate: '25.11.2026' }, { ledgerDate: '2026-11-25', ledgerId: '../x' }],
  [CH.settlementDayCsv]: [{ ledgerDate: '2026-11-25', format: 'xlsx' }, { ledgerDate: 20261125 }],
  [CH.settlementSync]: [{ now: true }, null],
};

let handled: string[];
beforeEach(() => {
  handled = [];
});

function recordingCore() {
  const record = (name: string) => () => {
    handled.push(name);
    return null as never;
  };
  const payments = new Proxy({} as PaymentsService, { get: (_t, name) => record(String(name)) });
  return createStubCore({
    info: record('info'),
    payments: () => payments,
    paymentsForChange: () => payments,
    settingsView: record('settingsView'),
    saveSettings: record('saveSettings'),
    testConnection: record('testConnection'),
    trainingCustomer: record('trainingCustomer'),
  });
}

describe('request validation', () => {
  const handlers = createHandlers(recordingCore());

  for (const channel of Object.values(CH)) {
    it(`${channel} rejects invalid payloads with VALIDATION and runs nothing`, async () => {
      for (const payload of INVALID[channel]) {
        const result = await invokeHandler(handlers, channel, payload, silentLogger);
        expect(result, JSON.stringify(payload)).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION', retryable: false },
        });
        if (!result.ok) expect(result.error.details?.issues?.length).toBeGreaterThan(0);
      }
      expect(handled).toEqual([]);
    });
  }

  it('accepts well-formed requests', async () => {
    const valid: Array<[Channel, unknown]> = [
      [
        CH.paymentStart,
        { amount: 14950, flow: 'PUSH_PHONE', phone: '4791234567', description: 'Coffee and bun' },
      ],
      [
        CH.paymentStart,
        {
          amount: MAX_AMOUNT,
          flow: 'QR',
          lines: [{ name: 'TV', unitPrice: MAX_AMOUNT, quantity: 1, taxRate: 2500 }],
        },
      ],
      [
        CH.paymentStart,
        { amount: 1, flow: 'PERSONAL_QR', personalQr: 'https://qr.vipps.no/28/2/01/031/4791234567?v=1' },
      ],
      [CH.paymentCapture, { reference: REF }],
      [
        CH.paymentRefund,
        { reference: REF, amount: 100, reason: 'Damaged', requestId: '3f1c2a7e-1111-4e2b-9d7c-000000000001' },
      ],
      [CH.paymentSearch, { text: '149,50', from: '2026-01-01', to: '2026-01-31', limit: 50 }],
      [CH.settingsSave, { environment: 'test', merchantSerialNumber: '123456', clientSecret: '' }],
      [CH.trainingCustomer, { reference: REF, action: 'expire' }],
      [CH.paymentCancel, { reference: REF, approval: { pin: '1234' } }],
    ];
    for (const [channel, payload] of valid) {
      expect(await invokeHandler(handlers, channel, payload, silentLogger), channel).toMatchObject({
        ok: true,
      });
    }
    expect(handled).toEqual([
      'start',
      'start',
      'start',
      'capture',
      'refund',
      'search',
      'saveSettings',
      'trainingCustomer',
      'cancel',
    ]);
  });

  it('answers NOT_FOUND for a channel that is not in the contract', async () => {
    for (const channel of ['pos:payment:delete', 'toString', '__proto__', 'constructor']) {
      expect(await invokeHandler(handlers, channel, {}, silentLogger)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
  });
});
