import { beforeEach, describe, expect, it } from 'vitest';
import { PosFailure } from '../../../src/main/errors';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { registerIpc } from '../../../src/main/ipc/register';
import { createSenderCheck, type SenderEvent } from '../../../src/main/ipc/sender';
import { createLogger } from '../../../src/main/log';
import { CH, type Channel, type Result } from '../../../src/preload/contract';
import { electronFake } from '../../setup/electron-mock';
import { createStubCore } from './stub-core';

const APP_URL = 'pos://app/index.html';
const OUR_WEB_CONTENTS = 7;

let logLines: string[];
const logger = () => createLogger((line) => logLines.push(line), 'test', 'debug');

function ourEvent(url = APP_URL): SenderEvent {
  return { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url, parent: null } };
}

const CUSTOMER_DISPLAY = 8;
const trusted = createSenderCheck({
  roleOf: (id) => (id === OUR_WEB_CONTENTS ? 'cashier' : id === CUSTOMER_DISPLAY ? 'customer' : null),
  appEntry: () => APP_URL,
});

async function call(
  channel: Channel,
  payload: unknown,
  event: SenderEvent = ourEvent(),
): Promise<Result<unknown>> {
  const handler = electronFake.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`${channel} is not registered`);
  return (await handler(event, payload)) as Result<unknown>;
}

beforeEach(() => {
  electronFake.reset();
  logLines = [];
});

describe('registerIpc', () => {
  it('registers every channel of the contract, and only those', () => {
    registerIpc(electronFake.ipcMain, createHandlers(createStubCore()), trusted, logger());
    expect([...electronFake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CH).sort());
  });

  it('unregisters everything it registered', () => {
    const off = registerIpc(electronFake.ipcMain, createHandlers(createStubCore()), trusted, logger());
    off();
    expect(electronFake.ipcMain.handlers.size).toBe(0);
  });

  it('returns the handler value in an ok envelope', async () => {
    const view = { environment: 'training' } as never;
    registerIpc(
      electronFake.ipcMain,
      createHandlers(createStubCore({ settingsView: () => view })),
      trusted,
      logger(),
    );
    expect(await call(CH.settingsGet, {})).toEqual({ ok: true, value: view });
  });

  describe('refuses senders that are not our page', () => {
    let reached: boolean;
    beforeEach(() => {
      reached = false;
      const core = createStubCore({
        settingsView: () => {
          reached = true;
          return {} as never;
        },
      });
      registerIpc(electronFake.ipcMain, createHandlers(core), trusted, logger());
    });

    it.each([
      [
        'an iframe inside our window',
        { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url: APP_URL, parent: {} } },
      ],
      ['a window that is not ours', { sender: { id: 99 }, senderFrame: { url: APP_URL, parent: null } }],
      ['our window navigated elsewhere', ourEvent('https://evil.example/index.html')],
      ['another local file', ourEvent('file:///tmp/evil/index.html')],
      [
        'our built page opened as a file',
        ourEvent('file:///opt/pos/resources/app.asar/out/renderer/index.html'),
      ],
      ['another host on our scheme', ourEvent('pos://evil/index.html')],
      ['our host on another scheme', ourEvent('https://app/index.html')],
      ['a destroyed frame', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: null }],
    ] as Array<[string, SenderEvent]>)('%s', async (_name, event) => {
      const result = await call(CH.settingsGet, {}, event);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(reached).toBe(false);
    });

    it('accepts our page with a hash (the customer display)', async () => {
      expect(await call(CH.settingsGet, {}, ourEvent(`${APP_URL}#customer`))).toMatchObject({ ok: true });
      expect(reached).toBe(true);
    });
  });

  it('accepts our scheme and host whatever Chromium does to the path and the host case', () => {
    const from = (url: string) =>
      trusted({ sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url, parent: null } }, CH.appInfo);
    for (const url of [
      'pos://app/index.html',
      'pos://APP/index.html#customer',
      'pos://app/index%2Ehtml',
      'pos://app/',
    ]) {
      expect(from(url), url).toBe(true);
    }
    // A file URL is never ours, however its drive letter or escaping looks.
    for (const url of [
      'file:///C:/Program%20Files/Vipps%3B%20Counter/resources/app.asar/out/renderer/index.html',
      'file:///c:/Program Files/Vipps; Counter/resources/app.asar/out/renderer/index.html',
    ]) {
      expect(from(url), url).toBe(false);
    }
  });

  it('accepts the dev server by origin in development', () => {
    const dev = createSenderCheck({ roleOf: () => 'cashier', appEntry: () => 'http://localhost:5173' });
    const from = (url: string) => dev({ sender: { id: 1 }, senderFrame: { url, parent: null } }, CH.appInfo);
    expect(from('http://localhost:5173/#customer')).toBe(true);
    expect(from('http://localhost:5174/')).toBe(false);
    expect(from('http://localhost.evil.example:5173/')).toBe(false);
  });

  it('the customer display may only read', async () => {
    registerIpc(
      electronFake.ipcMain,
      createHandlers(createStubCore({ settingsView: () => ({}) as never })),
      trusted,
      logger(),
    );
    const display = (url = `${APP_URL}#customer`): SenderEvent => ({
      sender: { id: CUSTOMER_DISPLAY },
      senderFrame: { url, parent: null },
    });
    expect(await call(CH.settingsGet, {}, display())).toMatchObject({ ok: true });
    for (const [channel, payload] of [
      [CH.paymentStart, { amount: 1000, flow: 'QR' }],
      [
        CH.paymentRefund,
        { reference: 'pos1-20260101-000001', amount: 1, reason: 'x', requestId: 'req-00000001' },
      ],
      [CH.settingsSave, { environment: 'production' }],
      [CH.trainingCustomer, { reference: 'pos1-20260101-000001', action: 'approve' }],
      [CH.staffSignIn, { pin: '1234' }],
    ] as Array<[Channel, unknown]>) {
      expect(await call(channel, payload, display()), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('accepts exactly one argument', async () => {
    registerIpc(electronFake.ipcMain, createHandlers(createStubCore()), trusted, logger());
    const handler = electronFake.ipcMain.handlers.get(CH.paymentActive)!;
    expect(await handler(ourEvent())).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handler(ourEvent(), {}, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('passes a PosFailure through with its code, retryability and details', async () => {
    const core = createStubCore({
      paymentsForChange: () => {
        throw new PosFailure('ACTIVE_PAYMENT_EXISTS', 'Another sale is active on this counter.', {
          retryable: false,
          details: { reference: 'pos1-abc-000001' },
        });
      },
    });
    registerIpc(electronFake.ipcMain, createHandlers(core), trusted, logger());
    expect(await call(CH.paymentStart, { amount: 1000, flow: 'QR' })).toEqual({
      ok: false,
      error: {
        code: 'ACTIVE_PAYMENT_EXISTS',
        message: 'Another sale is active on this counter.',
        retryable: false,
        details: { reference: 'pos1-abc-000001' },
      },
    });
  });

  it('turns any other error into INTERNAL without its message, and logs it redacted', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.c2ln';
    const core = createStubCore({
      testConnection: async () => {
        throw new TypeError(`request failed: Authorization: Bearer ${token} client_secret=hunter2`);
      },
    });
    registerIpc(electronFake.ipcMain, createHandlers(core), trusted, logger());
    const result = await call(CH.settingsTestConnection, {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String), retryable: false },
    });
    const text = JSON.stringify(result);
    expect(text).not.toContain(token);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('request failed');
    expect(logLines.join('\n')).toContain('unexpected error in handler');
    expect(logLines.join('\n')).not.toContain(token);
  });
});
