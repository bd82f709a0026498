/**
 * The real core in training mode (in-process simulator, real SQLite journal, real engine) with the
 * staff extension, driven through the same handler map Electron IPC and the web host use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, type CoreEvent, startCore } from '../../../src/main/core';
import type { CoreExtension } from '../../../src/main/ipc/extension';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { createLogger } from '../../../src/main/log';
import { createPlaintextDevSecretBox } from '../../../src/main/settings/secret-box';
import { type StaffExtensionOptions, staffExtension } from '../../../src/main/staff/extension';
import type { Channel, ChannelMap, PaymentView, Result, SaleStatus } from '../../../src/preload/contract';

export interface StaffCore {
  core: Core;
  dataDir: string;
  logLines: string[];
  call<C extends Channel>(channel: C, req: unknown): Promise<Result<ChannelMap[C]['res']>>;
  value<C extends Channel>(channel: C, req: unknown): Promise<ChannelMap[C]['res']>;
  /** Starts a QR sale and lets the training customer approve it; resolves when it reaches `status`. */
  paidSale(amount: number, status?: SaleStatus): Promise<PaymentView>;
  close(): Promise<void>;
}

export interface StaffCoreOptions extends StaffExtensionOptions {
  /** Reuse a data folder (a restart); it is then left for the caller to remove. */
  dataDir?: string;
  /** An external simulator: training then keeps one journal file across restarts. */
  baseUrlOverride?: string;
  /** More extensions after staff (the till API's tests add it). */
  extraExtensions?: readonly CoreExtension[];
}

export async function startStaffCore(options: StaffCoreOptions = {}): Promise<StaffCore> {
  const { dataDir: reuse, baseUrlOverride, extraExtensions = [], ...extension } = options;
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'pos-staff-'));
  const logLines: string[] = [];
  const core = await startCore({
    dataDir,
    ...(baseUrlOverride ? { baseUrlOverride } : {}),
    secretBox: createPlaintextDevSecretBox({ allowPlaintextSecrets: false }),
    polling: { firstDelayMs: 5, intervalMs: 10, reconcileDelayMs: 10, maxIntervalMs: 50 },
    logger: createLogger((line) => logLines.push(line), 'test', 'debug'),
    app: { name: 'vipps-counter', version: '1.2.3' },
    extensions: [staffExtension(extension), ...extraExtensions],
  });
  await core.ready();
  const handlers = createHandlers(core);
  const call = async <C extends Channel>(channel: C, req: unknown) =>
    (await invokeHandler(
      handlers,
      channel,
      req,
      createLogger(() => {}),
    )) as Result<ChannelMap[C]['res']>;
  const value = async <C extends Channel>(channel: C, req: unknown) => {
    const result = await call(channel, req);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const waitFor = (reference: string, status: SaleStatus) =>
    new Promise<PaymentView>((resolve) => {
      const check = async () => {
        const detail = await value('pos:payment:get', { reference });
        return detail.payment.status === status ? detail.payment : null;
      };
      const off = core.onEvent((event: CoreEvent) => {
        if (event.channel === 'pos:event:payment' && event.payload.reference === reference) {
          if (event.payload.status === status) {
            off();
            resolve(event.payload);
          }
        }
      });
      void check().then((done) => {
        if (done) {
          off();
          resolve(done);
        }
      });
    });
  return {
    core,
    dataDir,
    logLines,
    call,
    value,
    async paidSale(amount, status = 'COMPLETED') {
      const sale = await value('pos:payment:start', { amount, flow: 'QR' });
      const done = waitFor(sale.reference, status);
      await value('pos:training:customer', { reference: sale.reference, action: 'approve' });
      const final = await done;
      // A final sale is put away so the counter can start the next one; reserved money stays.
      if (status === 'COMPLETED') await value('pos:payment:dismiss', { reference: sale.reference });
      return final;
    },
    async close() {
      await core.close();
      if (!reuse) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
