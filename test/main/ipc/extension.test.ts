import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { PosFailure } from '../../../src/main/errors';
import { type CoreExtension, type RuntimeContext, withoutApproval } from '../../../src/main/ipc/extension';
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
  it('answer their channels through the same schemas; one guard sees every call, shell and extension channels alike', async () => {
    const contexts: RuntimeContext[] = [];
    const seen: { channel: string; req: unknown }[] = [];
    const passedOn: unknown[] = [];
    let stopped = 0;
    const staff: CoreExtension = {
      name: 'staff',
      async start(ctx) {
        contexts.push(ctx);
        return {
          handlers: {
            'pos:staff:sign-in': (req) => {
              passedOn.push(req);
              return {
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
                idleMinutes: 5,
                expiresAt: null,
              };
            },
          },
          guard: async (channel, req, next) => {
            seen.push({ channel, req });
            if (channel === 'pos:payment:refund' && !(req as { approval?: unknown }).approval) {
              throw new PosFailure('FORBIDDEN', 'A manager PIN is needed.', {
                details: { approval: 'required' },
              });
            }
            return next(req);
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
    expect(passedOn).toEqual([{ pin: '1234' }]);
    // The schema runs before the guard: invalid input never reaches it.
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
    expect(await invokeHandler(handlers, 'pos:payment:active', {}, silentLogger)).toMatchObject({ ok: true });
    expect(seen.map((call) => call.channel)).toEqual([
      'pos:staff:sign-in',
      'pos:payment:refund',
      'pos:payment:active',
    ]);

    // A new setup restarts the extension with a new context; the old one is stopped first.
    await c.saveSettings({ environment: 'test' });
    expect(stopped).toBe(1);
    expect(contexts).toHaveLength(1);
  });

  it('the guard decides what the implementation gets; a channel nobody implements still passes the guard first', async () => {
    const received: unknown[] = [];
    const guarded: CoreExtension = {
      name: 'guarded',
      start: async () => ({
        handlers: {
          'pos:staff:audit': (req) => {
            received.push(req);
            return { items: [], nextBeforeId: null };
          },
        },
        guard: async (channel, req, next) => {
          if (channel === 'pos:selftest:run') throw new PosFailure('FORBIDDEN', 'Not for you.');
          return next(withoutApproval(req));
        },
        stop: async () => {},
      }),
    };
    const handlers = createHandlers(await start([guarded]));
    expect(
      await invokeHandler(handlers, 'pos:staff:audit', { limit: 5, approval: { pin: '1234' } }, silentLogger),
    ).toMatchObject({ ok: true });
    expect(received).toEqual([{ limit: 5 }]);
    expect(await invokeHandler(handlers, 'pos:selftest:run', {}, silentLogger)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Not for you.' },
    });
  });

  it('at most one guard: a second one fails the setup (and the started extensions are stopped)', async () => {
    let stopped = 0;
    const guarding = (name: string): CoreExtension => ({
      name,
      start: async () => ({
        handlers: {},
        guard: (_channel, req, next) => next(req),
        stop: async () => {
          stopped++;
        },
      }),
    });
    const c = await start([guarding('one'), guarding('two')]);
    expect(stopped).toBe(2);
    expect(() => c.payments()).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('with no running guard, a gate refuses what it covers; with no running setup nothing is refused', async () => {
    const gated: CoreExtension = {
      name: 'gated',
      gate: {
        needsPermission: async (channel) =>
          channel === 'pos:settings:save' || channel === 'pos:payment:refund',
        unavailable: 'The checks are not running.',
      },
      start: async () => {
        throw new Error('no disk');
      },
    };
    const c = await start([gated]);
    const handlers = createHandlers(c);
    const refund = { reference: 'pos1-20260101-000001', amount: 1, reason: 'r', requestId: 'req-00000001' };
    for (const [channel, req] of [
      ['pos:payment:refund', refund],
      ['pos:settings:save', { language: 'en' }],
    ] as const) {
      expect(await invokeHandler(handlers, channel, req, silentLogger)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'The checks are not running.', retryable: false },
      });
    }
    expect(await invokeHandler(handlers, 'pos:payment:active', {}, silentLogger)).toMatchObject({ ok: true });

    // Production without credentials: no setup runs, so settings stay open (also with a stray approval).
    await c.saveSettings({ environment: 'production' });
    expect(() => c.payments()).toThrow(expect.objectContaining({ code: 'NOT_CONFIGURED' }));
    expect(
      await invokeHandler(
        handlers,
        'pos:settings:save',
        { language: 'en', approval: { pin: '1234' } },
        silentLogger,
      ),
    ).toMatchObject({ ok: true, value: { language: 'en' } });
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
    // A sale this journal does not have is another counter's, adopted only when approved: its cancel
    // can only be a release (payments/lookup.ts).
    expect(
      await gates[0]!.gate!.needsPermission('pos:payment:cancel', { reference: refund.reference }, noSale),
    ).toBe(true);
    expect(
      await gates[0]!.gate!.needsPermission(
        'pos:payment:cancel',
        { reference: refund.reference },
        async () => 'WAITING' as const,
      ),
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
