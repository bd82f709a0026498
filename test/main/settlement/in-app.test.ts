/**
 * The settlement section as the app runs it: a real core in training mode (in-process simulator,
 * real journal file) with the staff and settlement extensions, called through the same handler map,
 * schemas and staff guard as the windows use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../../src/main/core';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { settlementExtension } from '../../../src/main/settlement/extension';
import { ledgerDateOf, localTimeZone } from '../../../src/main/settlement/ledger-day';
import { staffExtension } from '../../../src/main/staff/extension';
import type { Channel, ChannelMap, Result } from '../../../src/preload/contract';

let core: Core;
let dataDir: string;
let call: <C extends Channel>(channel: C, req: unknown) => Promise<Result<ChannelMap[C]['res']>>;

async function value<C extends Channel>(channel: C, req: unknown): Promise<ChannelMap[C]['res']> {
  const result = await call(channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-settlement-'));
  core = await startCore({
    dataDir,
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
    app: { name: 'vipps-counter', version: '1.2.3' },
    extensions: [staffExtension(), settlementExtension()],
  });
  await core.ready();
  const handlers = createHandlers(core);
  call = async (channel, req) =>
    (await invokeHandler(
      handlers,
      channel,
      req,
      createLogger(() => {}),
    )) as never;
});
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('settlement in the running app (training)', () => {
  it('a practice sale appears in today’s ledger date, matched to this counter', async () => {
    const sale = await value('pos:payment:start', { amount: 4_500, flow: 'QR' });
    await value('pos:training:customer', { reference: sale.reference, action: 'approve' });
    for (let i = 0; i < 200; i++) {
      const view = await value('pos:payment:get', { reference: sale.reference });
      if (view.payment.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const sync = await value('pos:settlement:sync', {});
    expect(sync.lastSuccessAt).not.toBeNull();
    const today = ledgerDateOf(Date.now(), { timeZone: localTimeZone(), cutoffHour: 0 });
    const day = await value('pos:settlement:day', { ledgerDate: today });
    expect(day).toMatchObject({ availability: 'training', closed: false, agrees: false, currency: 'NOK' });
    expect(day.funds).toEqual([
      expect.objectContaining({
        reference: sale.reference,
        entryType: 'capture',
        amount: 4_500,
        match: 'matched',
      }),
    ]);
    expect(day.unsettled).toEqual([]);
    const csv = await value('pos:settlement:day-csv', { ledgerDate: today });
    expect(Buffer.from(csv.content?.base64 ?? '', 'base64').toString('utf8')).toContain(
      `funds,capture,${sale.reference}`,
    );
  });

  it('refuses bad input at the boundary with VALIDATION and an unknown ledger with NOT_FOUND', async () => {
    const bad = await call('pos:settlement:day', { ledgerDate: '30.11.2026' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await call('pos:settlement:day', { ledgerDate: '2026-11-30', ledgerId: '999' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
