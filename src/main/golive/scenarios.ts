/**
 * Go-live evidence: the payments Vipps' checklist asks for — one reference ending in each of
 * AUTHORIZED, CAPTURED, REFUNDED and CANCELLED — made against the test environment (or training's
 * simulator) with force-approve standing in for the customer, then read back with GET and the event
 * log. Every money call goes through the payment engine like a sale's: the intent and its
 * Idempotency-Key are in the journal before the request, retries reuse the stored key, and a run
 * cut short by a crash is reconciled at the next start. Force-approve (the customer's part, not a
 * money call) is the only request made around the engine.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  Currency,
  GoLiveRow,
  GoLiveScenario,
  PaymentEventView,
  PaymentView,
} from '../../preload/contract';
import { PosFailure } from '../errors';
import type { PaymentsService } from '../payments/types';
import type { VippsClient } from '../vipps/types';

export const SCENARIOS: readonly GoLiveScenario[] = ['AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED'];

export interface GoLiveOptions {
  /** The engine that journals and sends every money call (recovered, so it accepts work). */
  payments: Pick<PaymentsService, 'goLive' | 'get'>;
  /** For force-approve only: the test user's approval, which exists in the test environment alone. */
  client: Pick<VippsClient, 'forceApprove'>;
  environment: 'training' | 'test';
  currency: Currency;
  /** The test user who "approves" (force-approve); digits with country code. */
  phone: string;
  /** Minor units per payment; default 1000 (10.00). */
  amount?: number;
  /** Reference prefix; a timestamp, a random tag and the scenario are added. */
  prefix?: string;
  now?: () => Date;
  /** Waiting for Vipps to show AUTHORIZED after force-approve. */
  pollMs?: number;
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export async function runScenarios(options: GoLiveOptions): Promise<GoLiveRow[]> {
  if ((options.environment as string) === 'production') {
    throw new PosFailure('FORBIDDEN', 'Go-live scenarios run in the test environment or training only.');
  }
  if (!/^\d{10,15}$/.test(options.phone)) {
    throw new PosFailure('VALIDATION', 'The test phone number must be 10–15 digits with the country code.', {
      details: { field: 'phone' },
    });
  }
  // A short random tag after the second: two runs in the same second (a double start, or tests on
  // one simulator) must not reuse a reference Vipps already holds.
  const tag = randomBytes(2).toString('hex');
  const base = `${options.prefix ?? 'golive'}-${stamp((options.now ?? (() => new Date()))())}-${tag}`;
  const rows: GoLiveRow[] = [];
  for (const scenario of SCENARIOS) {
    rows.push(await runOne(options, scenario, `${base}-${scenario.toLowerCase()}`));
  }
  return rows;
}

async function runOne(
  options: GoLiveOptions,
  scenario: GoLiveScenario,
  reference: string,
): Promise<GoLiveRow> {
  const { goLive } = options.payments;
  const amount = options.amount ?? 1000;
  let problem: string | null = null;
  try {
    await goLive.start({ scenario, reference, amount, currency: options.currency, phone: options.phone });
    await options.client.forceApprove(reference, { customer: { phoneNumber: options.phone } });
    await untilAuthorized(options, reference);
    if (scenario === 'CAPTURED' || scenario === 'REFUNDED') {
      await decided(options, await goLive.capture(reference, amount));
    }
    if (scenario === 'REFUNDED') await decided(options, await goLive.refund(reference, amount, randomUUID()));
    if (scenario === 'CANCELLED') await decided(options, await goLive.cancel(reference));
  } catch (error) {
    problem = (error as Error).message;
  }
  return readBack(options, scenario, reference, amount, problem);
}

async function untilAuthorized(options: GoLiveOptions, reference: string): Promise<void> {
  const sleep = options.sleep ?? wait;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (;;) {
    const payment = await refreshed(options, reference);
    if (payment.vippsState === 'AUTHORIZED') return;
    if (payment.vippsState !== 'CREATED' && payment.vippsState !== null)
      throw new Error(`The payment ended ${payment.vippsState} instead of AUTHORIZED.`);
    if (Date.now() > deadline)
      throw new Error('Vipps did not show the force-approved payment as AUTHORIZED in time.');
    await sleep(options.pollMs ?? 1000);
  }
}

/**
 * A lost answer leaves the operation's outcome unknown until the engine has asked Vipps (its event
 * log, then the same key again): the next step waits for that, never sends anything itself.
 */
async function decided(options: GoLiveOptions, view: PaymentView): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let current = view;
  while (current.status === 'UNKNOWN' || current.status === 'CAPTURING' || current.status === 'CANCELLING') {
    if (Date.now() > deadline) throw new Error('Vipps has not confirmed the last operation in time.');
    await (options.sleep ?? wait)(options.pollMs ?? 1000);
    current = await refreshed(options, view.reference);
  }
}

/** GET through the engine, which may hold the sale for a moment (settling an unknown outcome). */
async function refreshed(options: GoLiveOptions, reference: string): Promise<PaymentView> {
  for (let tries = 0; ; tries++) {
    try {
      return await options.payments.goLive.refresh(reference);
    } catch (error) {
      const busy = (error as PosFailure).code === 'OPERATION_IN_PROGRESS';
      if (!busy || tries >= 20) throw error;
      await (options.sleep ?? wait)(Math.min(options.pollMs ?? 1000, 50));
    }
  }
}

/** What Vipps says now (read into the journal): the evidence, whatever our own calls believed. */
async function readBack(
  options: GoLiveOptions,
  scenario: GoLiveScenario,
  reference: string,
  amount: number,
  earlier: string | null,
): Promise<GoLiveRow> {
  let payment: PaymentView | null = null;
  let events: PaymentEventView[] = [];
  let problem = earlier;
  try {
    payment = await refreshed(options, reference);
    events = (await options.payments.get(reference)).events;
  } catch (error) {
    problem ??= `Could not read the payment back: ${(error as Error).message}`;
  }
  const aggregate = payment?.vippsState ? { ...payment.aggregate } : null;
  const ended = aggregate && payment?.vippsState === 'AUTHORIZED' ? endedAs(aggregate, amount, events) : null;
  if (!problem && ended !== scenario) {
    problem = `Expected the payment to end ${scenario}; Vipps shows ${payment?.vippsState ?? 'nothing'} (${JSON.stringify(aggregate)}).`;
  }
  return {
    scenario,
    reference,
    state: payment?.vippsState ?? null,
    aggregate,
    events,
    ok: problem === null,
    problem,
  };
}

/** Which checklist column the payment belongs in, judged from Vipps' aggregate and event log. */
function endedAs(
  a: NonNullable<GoLiveRow['aggregate']>,
  amount: number,
  events: readonly PaymentEventView[],
): GoLiveScenario | null {
  const has = (name: PaymentEventView['name']) => events.some((e) => e.name === name && e.success);
  if (a.authorized !== amount) return null;
  if (a.refunded === amount && has('REFUNDED')) return 'REFUNDED';
  if (a.captured === amount && a.refunded === 0 && has('CAPTURED')) return 'CAPTURED';
  if (a.cancelled === amount && a.captured === 0 && has('CANCELLED')) return 'CANCELLED';
  if (a.captured === 0 && a.cancelled === 0 && a.refunded === 0) return 'AUTHORIZED';
  return null;
}
