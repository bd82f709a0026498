/**
 * The self-test as the app runs it (a real core in training mode, real journal file): the run at
 * start must not read every page of the journal — seconds on a big journal, in the main process —
 * while the self-test someone asks for does. Watched through a spy on SQLite's pragma call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it, vi } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger } from '../../../src/main/log';
import { selfTestExtension } from '../../../src/main/selftest/extension';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import type { SelfTestReport } from '../../../src/preload/contract';

let core: Core | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const fullChecks = (pragma: { mock: { calls: unknown[][] } }) =>
  pragma.mock.calls.filter(([source]) => String(source).trim().startsWith('quick_check')).length;

it('runs the journal structure check at start and the full page check only on demand', async () => {
  const pragma = vi.spyOn(Database.prototype, 'pragma');
  dataDir = mkdtempSync(join(tmpdir(), 'pos-selftest-start-'));
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    app: { name: 'vipps-counter', version: '1.2.3' },
    extensions: [selfTestExtension()],
  });
  await core.ready();
  const handlers = createHandlers(core);
  const call = async (channel: 'pos:selftest:last' | 'pos:selftest:run') => {
    const result = (await invokeHandler(
      handlers,
      channel,
      {},
      createLogger(() => {}),
    )) as {
      ok: boolean;
      value: SelfTestReport | null;
    };
    expect(result.ok).toBe(true);
    return result.value;
  };
  const journalOf = (report: SelfTestReport | null) => report?.checks.find((c) => c.id === 'journal');

  let atStart: SelfTestReport | null = null;
  for (let i = 0; i < 200 && atStart === null; i++) {
    atStart = await call('pos:selftest:last');
    if (atStart === null) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(journalOf(atStart)).toMatchObject({
    outcome: 'ok',
    message: expect.stringContaining('checked at start: structure; full check: run the self-test'),
  });
  expect(fullChecks(pragma)).toBe(0);

  const onDemand = await call('pos:selftest:run');
  expect(journalOf(onDemand)).toMatchObject({
    outcome: 'ok',
    message: 'The payment journal is healthy (full check of every page).',
  });
  expect(fullChecks(pragma)).toBe(1);
});
