import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { PosFailure } from '../../../src/main/errors';
import type { CoreExtension, RuntimeContext } from '../../../src/main/ipc/extension';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { installedExtensions } from '../../../src/main/ipc/installed-extensions';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(extensions: CoreExtension[]): Promise<Core> {
  core = await startCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pos-ext-')),
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    logger: silentLogger,
    extensions,
  });
  await core.ready();
  return core;
}

describe('core extensions', () => {
  it('answer their channels through the same schemas, and may guard a shell channel', async () => {
    const contexts: RuntimeContext[] = [];
    let stopped = 0;
    const staff: CoreExtension = {
      name: 'staff',
      async start(ctx) {
        contexts.push(ctx);
        return {
          handlers: {
            'pos:staff:sign-in': (req) => ({
              staff: { id: 1, name: `pin ${req.pin.length}`, role: 'manager', active: true, createdAt: '' },
              bootstrapNeeded: false,
              trainingPin: null,
              policy: {
                refund: 'manager',
                release: 'manager',
                settings: 'manager',
                report: 'anyone',
                support: 'anyone',
              },
            }),
            'pos:payment:refund': (req) => {
              if (!req.approval)
                throw new PosFailure('FORBIDDEN', 'A manager PIN is needed.', {
                  details: { approval: 'required' },
                });
              return ctx.paymentsForChange().refund(req);
            },
          },
          stop: async () => {
            stopped++;
          },
        };
      },
    };
    const c = await start([staff]);
    const handlers = createHandlers(c);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]).toMatchObject({ environment: 'training' });

    expect(await invokeHandler(handlers, 'pos:staff:sign-in', { pin: '1234' }, silentLogger)).toMatchObject({
      ok: true,
      value: { staff: { name: 'pin 4' } },
    });
    expect(await invokeHandler(handlers, 'pos:staff:sign-in', { pin: 'x' }, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const refund = {
      reference: 'pos1-20260101-000001',
      amount: 100,
      reason: 'Damaged',
      requestId: 'req-00000001',
    };
    expect(await invokeHandler(handlers, 'pos:payment:refund', refund, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'required' } },
    });

    // A new setup restarts the extension with a new context; the old one is stopped first.
    await c.saveSettings({ environment: 'test' });
    expect(stopped).toBe(1);
    expect(contexts).toHaveLength(1);
  });

  it('a channel nobody implements answers INTERNAL in plain words', async () => {
    const handlers = createHandlers(await start([]));
    expect(await invokeHandler(handlers, 'pos:selftest:run', {}, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'This function is not available in this version of the app.' },
    });
  });

  it('the app ships with the permission gate (staff), so permissioned requests never run unchecked', async () => {
    const gates = installedExtensions().filter((e) => e.gate);
    expect(gates.map((e) => e.name)).toEqual(['staff']);
    const refund = { reference: 'pos1-20260101-000001', amount: 1, reason: 'r', requestId: 'req-00000001' };
    const noSale = async () => undefined;
    expect(await gates[0]!.gate!.needsPermission('pos:payment:refund', refund, noSale)).toBe(true);
    expect(
      await gates[0]!.gate!.needsPermission('pos:payment:start', { amount: 1, flow: 'QR' }, noSale),
    ).toBe(false);
    expect(
      await gates[0]!.gate!.needsPermission('pos:payment:cancel', { reference: refund.reference }, noSale),
    ).toBe(false);
    expect(
      await gates[0]!.gate!.needsPermission(
        'pos:payment:cancel',
        { reference: refund.reference },
        async () => 'RESERVED' as const,
      ),
    ).toBe(true);
  });

  it('an extension that fails to start is left out; payments still work', async () => {
    const broken: CoreExtension = {
      name: 'broken',
      start: async () => {
        throw new Error('no disk');
      },
    };
    const c = await start([broken]);
    expect((await c.paymentsForChange().start({ amount: 100, flow: 'QR' })).status).toBe('WAITING');
  });
});
