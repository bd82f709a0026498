/**
 * Shared set-up for the settlement tests: a simulator on a frozen clock with its settlement ledger,
 * the app's Vipps and Report clients pointed at it, and a way to make real captured (and refunded)
 * sales through the ePayment API, as a counter would.
 */
import { randomUUID } from 'node:crypto';
import type { Journal, OperationRow } from '../../src/main/journal';
import {
  createSimClock,
  type SettlementOptions,
  type Simulator,
  startSimulator,
} from '../../src/main/simulator';
import {
  createReportClient,
  createVippsClient,
  type ReportClient,
  type VippsClient,
} from '../../src/main/vipps';

export const SYSTEM = {
  systemName: 'vipps-counter',
  systemVersion: '0.1.0',
  pluginName: 'vipps-counter-settlement',
  pluginVersion: '0.1.0',
};

export const ZONE = 'Europe/Oslo';
/** Monday 2 March 2026, 10:00 in Oslo. */
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const HOUR = 3_600_000;

export interface SettlementRig {
  sim: Simulator;
  vipps: VippsClient;
  report: ReportClient;
  close(): Promise<void>;
}

export async function startSettlementRig(
  settlement: SettlementOptions = {},
  extra: { faultSeed?: number; at?: number } = {},
): Promise<SettlementRig> {
  const sim = await startSimulator({
    clock: createSimClock({ frozenAt: extra.at ?? T0 }),
    expirySweepMs: 0,
    rateLimits: false,
    currencies: ['NOK'],
    settlement: { timeZone: ZONE, ...settlement },
    ...(extra.faultSeed !== undefined ? { faultSeed: extra.faultSeed } : {}),
  });
  const fast = { sleep: async () => {}, random: () => 0 };
  const vipps = createVippsClient({
    baseUrl: sim.url,
    credentials: sim.credentials,
    system: SYSTEM,
    perReferenceLimits: false,
    ...fast,
  });
  const report = createReportClient({
    baseUrl: sim.url,
    credentials: sim.credentials,
    system: SYSTEM,
    ...fast,
  });
  return { sim, vipps, report, close: () => sim.close() };
}

let counter = 0;
export function reference(prefix = 'pos1'): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
}

/** A sale approved by the customer and captured (fully, or `capture` of it). Returns its reference. */
export async function capturedSale(
  rig: SettlementRig,
  amount: number,
  options: { capture?: number; refund?: number; reference?: string } = {},
): Promise<string> {
  const ref = options.reference ?? reference();
  await rig.vipps.createPayment(
    {
      amount: { value: amount, currency: 'NOK' },
      paymentMethod: { type: 'WALLET' },
      customer: { phoneNumber: '4791234567' },
      reference: ref,
      userFlow: 'PUSH_MESSAGE',
      paymentDescription: 'Settlement test',
    },
    randomUUID(),
  );
  rig.sim.customer.approve(ref);
  await rig.vipps.capturePayment(ref, { value: options.capture ?? amount, currency: 'NOK' }, randomUUID());
  if (options.refund)
    await rig.vipps.refundPayment(ref, { value: options.refund, currency: 'NOK' }, randomUUID());
  return ref;
}

/**
 * Writes a sale the simulator holds into a journal the way the engine leaves it: the payment row,
 * its create and succeeded capture/refund intents (each with the Idempotency-Key Vipps saw, stamped
 * when Vipps confirmed it) and Vipps' event log with each movement's pspReference.
 */
export function journalSale(journal: Journal, sim: Simulator, reference: string, counterId: string): void {
  const p = sim.payments.get(reference);
  if (!p) throw new Error(`the simulator has no sale ${reference}`);
  const at = (t: number) => new Date(t).toISOString();
  const { captured, refunded, authorized, cancelled } = p.aggregate;
  journal.transaction(() => {
    journal.payments.insert({
      reference,
      counterId,
      amount: p.amount.value,
      currency: p.amount.currency,
      flow: 'PUSH_PHONE',
      description: 'Settlement test',
      phoneMasked: '•••• 4567',
      phoneLast4: '4567',
      lines: [],
      vatRate: 2500,
      status: 'COMPLETED',
      vippsState: p.state,
      pspReference: p.pspReference,
      aggregate: { authorized, captured, refunded, cancelled },
      qr: null,
      expiresAt: at(p.expiresAt),
      attention: null,
      receipt: 'none',
      cancelRequested: false,
      givenUp: false,
      dismissed: true,
      origin: null,
      goLive: null,
      createdAt: at(p.createdAt),
      updatedAt: at(p.events.at(-1)?.at ?? p.createdAt),
    });
    const op = (kind: OperationRow['kind'], amount: number, key: string, when: number): OperationRow => ({
      id: randomUUID(),
      reference,
      kind,
      idempotencyKey: key,
      amount,
      requestId: kind === 'refund' ? `rf-${randomUUID().slice(0, 18)}` : null,
      requestBody: null,
      status: 'succeeded',
      attempts: 1,
      reason: null,
      lastError: null,
      createdAt: at(when),
      updatedAt: at(when),
    });
    journal.operations.insert(op('create', p.amount.value, randomUUID(), p.createdAt));
    for (const e of p.events) {
      if ((e.name === 'CAPTURED' || e.name === 'REFUNDED') && e.idempotencyKey) {
        journal.operations.insert(
          op(e.name === 'CAPTURED' ? 'capture' : 'refund', e.amount, e.idempotencyKey, e.at),
        );
      }
    }
    journal.events.store(
      p.events.map((e) => ({
        reference,
        name: e.name,
        amount: e.amount,
        currency: p.amount.currency,
        timestamp: at(e.at),
        success: e.success,
        idempotencyKey: e.idempotencyKey,
        pspReference: e.pspReference,
      })),
      at(sim.clock.now()),
    );
  });
}
