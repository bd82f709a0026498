/**
 * Go-live evidence: the payments Vipps' checklist asks for — one reference ending in each of
 * AUTHORIZED, CAPTURED, REFUNDED and CANCELLED — made against the test environment (or training's
 * simulator) with force-approve standing in for the customer, then read back with GET and the event
 * log. It uses the app's own Vipps client, with a fresh Idempotency-Key per operation.
 */
import { randomUUID } from 'node:crypto';
import type { Currency, GoLiveRow, GoLiveScenario, PaymentEventView } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { GetPaymentResponse, VippsClient } from '../vipps/types';

export const SCENARIOS: readonly GoLiveScenario[] = ['AUTHORIZED', 'CAPTURED', 'REFUNDED', 'CANCELLED'];

export interface GoLiveOptions {
  client: VippsClient;
  environment: 'training' | 'test';
  currency: Currency;
  /** The test user who "approves" (force-approve); digits with country code. */
  phone: string;
  /** Minor units per payment; default 1000 (10.00). */
  amount?: number;
  /** Reference prefix; a timestamp and the scenario are added. */
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
  const base = `${options.prefix ?? 'golive'}-${stamp((options.now ?? (() => new Date()))())}`;
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
  const { client } = options;
  const amount = { value: options.amount ?? 1000, currency: options.currency };
  let problem: string | null = null;
  try {
    await client.createPayment(
      {
        amount,
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'PUSH_MESSAGE',
        customer: { phoneNumber: options.phone },
        customerInteraction: 'CUSTOMER_PRESENT',
        paymentDescription: `Go-live check ${scenario}`,
      },
      randomUUID(),
    );
    await client.forceApprove(reference, { customer: { phoneNumber: options.phone } });
    await untilAuthorized(options, reference);
    if (scenario === 'CAPTURED' || scenario === 'REFUNDED')
      await client.capturePayment(reference, amount, randomUUID());
    if (scenario === 'REFUNDED') await client.refundPayment(reference, amount, randomUUID());
    if (scenario === 'CANCELLED') await client.cancelPayment(reference, randomUUID());
  } catch (error) {
    problem = (error as Error).message;
  }
  return readBack(options, scenario, reference, amount.value, problem);
}

async function untilAuthorized(options: GoLiveOptions, reference: string): Promise<void> {
  const sleep = options.sleep ?? wait;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (;;) {
    const payment = await options.client.getPayment(reference);
    if (payment.state === 'AUTHORIZED') return;
    if (payment.state !== 'CREATED')
      throw new Error(`The payment ended ${payment.state} instead of AUTHORIZED.`);
    if (Date.now() > deadline)
      throw new Error('Vipps did not show the force-approved payment as AUTHORIZED in time.');
    await sleep(options.pollMs ?? 1000);
  }
}

/** What Vipps says now: the evidence, whatever our own calls believed. */
async function readBack(
  options: GoLiveOptions,
  scenario: GoLiveScenario,
  reference: string,
  amount: number,
  earlier: string | null,
): Promise<GoLiveRow> {
  let payment: GetPaymentResponse | null = null;
  let events: PaymentEventView[] = [];
  let problem = earlier;
  try {
    payment = await options.client.getPayment(reference);
    events = (await options.client.getEvents(reference)).map((e) => ({
      name: e.name,
      amount: e.amount.value,
      currency: e.amount.currency,
      timestamp: e.timestamp,
      success: e.success,
      idempotencyKey: e.idempotencyKey,
      pspReference: e.pspReference,
    }));
  } catch (error) {
    problem ??= `Could not read the payment back: ${(error as Error).message}`;
  }
  const aggregate = payment
    ? {
        authorized: payment.aggregate.authorizedAmount.value,
        captured: payment.aggregate.capturedAmount.value,
        refunded: payment.aggregate.refundedAmount.value,
        cancelled: payment.aggregate.cancelledAmount.value,
      }
    : null;
  const ended = aggregate && payment?.state === 'AUTHORIZED' ? endedAs(aggregate, amount, events) : null;
  if (!problem && ended !== scenario) {
    problem = `Expected the payment to end ${scenario}; Vipps shows ${payment?.state ?? 'nothing'} (${JSON.stringify(aggregate)}).`;
  }
  return {
    scenario,
    reference,
    state: payment?.state ?? null,
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
