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
import { type Actor, currentActor } from '../../../src/main/staff/actor';
import { staffExtension } from '../../../src/main/staff/extension';
import { TRAINING_MANAGER } from '../../../src/main/staff/service';
import type { Channel } from '../../../src/preload/contract';

let core: Core | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  core = dataDir = undefined;
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
});
