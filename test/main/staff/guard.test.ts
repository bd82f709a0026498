/**
 * The staff extension checks permissions as the one guard around every call (ipc/extension.ts),
 * not by answering the shell's channels itself: a new engineer following pos:payment:refund from
 * ipc/handlers.ts lands on the code that runs, and other rooms' channels pass the same check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import type { CoreExtension, RunningExtension } from '../../../src/main/ipc/extension';
import { createHandlers, SHELL_CHANNELS } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { silentLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type Simulator, startSimulator } from '../../../src/main/simulator';
import { type Actor, currentActor } from '../../../src/main/staff/actor';
import { staffExtension } from '../../../src/main/staff/extension';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import { webhooksExtension } from '../../../src/main/webhooks/extension';
import type { AuditPage, Channel } from '../../../src/preload/contract';

let core: Core | undefined;
let dataDir: string | undefined;
let sim: Simulator | undefined;
afterEach(async () => {
  await core?.close();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  core = dataDir = sim = undefined;
});

describe('staff guard', () => {
  it('answers no shell channel and guards every call, also those another extension answers', async () => {
    const started: RunningExtension[] = [];
    const staff = staffExtension();
    const watched: CoreExtension = {
      ...staff,
      start: async (ctx) => {
        const running = await staff.start(ctx);
        started.push(running);
        return running;
      },
    };
    const actors: (Actor | undefined)[] = [];
    const received: unknown[] = [];
    const other: CoreExtension = {
      name: 'other',
      start: async () => ({
        handlers: {
          'pos:staff:session': () => {
            throw new Error('the staff extension answers its own channel first');
          },
          'pos:selftest:run': (req) => {
            actors.push(currentActor());
            received.push(req);
            return { ok: true, environment: 'training', steps: [], startedAt: '', finishedAt: '' } as never;
          },
        },
        stop: async () => {},
      }),
    };
    dataDir = mkdtempSync(join(tmpdir(), 'pos-staff-guard-'));
    core = await startCore({
      dataDir,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
      logger: silentLogger,
      extensions: [watched, other],
    });
    await core.ready();
    expect(started).toHaveLength(1);
    const own = Object.keys(started[0]!.handlers) as Channel[];
    expect(own.filter((channel) => SHELL_CHANNELS.includes(channel))).toEqual([]);
    expect(started[0]!.guard).toBeTypeOf('function');

    const handlers = createHandlers(core);
    const call = (channel: Channel, req: unknown) => invokeHandler(handlers, channel, req, silentLogger);
    expect(await call('pos:staff:session', {})).toMatchObject({ ok: true });
    expect(await call('pos:selftest:run', {})).toMatchObject({ ok: true });
    const signedIn = await call('pos:staff:sign-in', { pin: TRAINING_MANAGER.pin });
    expect(signedIn).toMatchObject({ ok: true });
    expect(await call('pos:selftest:run', {})).toMatchObject({ ok: true });
    expect(actors.map((actor) => actor?.name)).toEqual(['counter', TRAINING_MANAGER.name]);
    expect(received).toEqual([{}, {}]);
  });

  it("asks a manager before webhooks change the merchant's Vipps configuration; nothing reaches Vipps without", async () => {
    // The simulator's Webhooks API stands in for Vipps' (test environment, its credentials).
    sim = await startSimulator({ expirySweepMs: 0 });
    dataDir = mkdtempSync(join(tmpdir(), 'pos-staff-guard-'));
    core = await startCore({
      dataDir,
      secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: true }),
      logger: silentLogger,
      baseUrlOverride: sim.url,
      extensions: [staffExtension(), webhooksExtension()],
    });
    await core.saveSettings({ environment: 'test', ...sim.credentials });
    await core.ready();
    const handlers = createHandlers(core);
    const call = (channel: Channel, req: unknown) => invokeHandler(handlers, channel, req, silentLogger);
    expect(await call('pos:staff:bootstrap', { name: 'Kari', pin: '2468' })).toMatchObject({ ok: true });
    expect(await call('pos:staff:save', { name: 'Ola', role: 'cashier', pin: '1357' })).toMatchObject({
      ok: true,
    });
    expect(await call('pos:staff:sign-in', { pin: '1357' })).toMatchObject({ ok: true });
    const toVipps = () => sim!.requests.list().filter((r) => r.path.startsWith('/webhooks/'));
    const calls = (operation: 'registerWebhook' | 'deleteWebhook') => sim!.requests.count(operation);

    const register = { url: 'https://relay.example.no/vipps' };
    expect(await call('pos:webhooks:register', register)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'required' } },
    });
    expect(await call('pos:webhooks:register', { ...register, approval: { pin: '1357' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'rejected' } },
    });
    expect(toVipps()).toEqual([]);
    const audited = async (action: string) => {
      const page = await call('pos:staff:audit', { approval: { pin: '2468' } });
      if (!page.ok) throw new Error(page.error.message);
      return (page.value as AuditPage).items.filter((e) => e.action === action);
    };
    // Refused attempts change nothing at Vipps, so they are not recorded as registrations.
    expect(await audited('webhooks-register')).toEqual([]);

    expect(await call('pos:webhooks:register', { ...register, approval: { pin: '2468' } })).toMatchObject({
      ok: true,
      value: { url: 'https://relay.example.no/vipps' },
    });
    expect(calls('registerWebhook')).toBe(1);
    expect(sim.webhooks.registrations()).toEqual([expect.objectContaining({ url: register.url })]);
    // Recorded once it succeeded, naming the signed-in cashier and the manager who approved.
    expect(await audited('webhooks-register')).toEqual([
      expect.objectContaining({
        actor: expect.stringContaining('Ola'),
        details: expect.objectContaining({
          url: register.url,
          approvedBy: expect.objectContaining({ name: 'Kari' }),
        }),
      }),
    ]);

    expect(await call('pos:webhooks:unregister', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { approval: 'required' } },
    });
    expect(calls('deleteWebhook')).toBe(0);
    expect(await call('pos:webhooks:unregister', { approval: { pin: '2468' } })).toMatchObject({
      ok: true,
      value: { url: null },
    });
    expect(calls('deleteWebhook')).toBe(1);
    expect(sim.webhooks.registrations()).toEqual([]);
    expect(await audited('webhooks-unregister')).toHaveLength(1);
  });
});
