/**
 * A counter app reduced to its engine, run as a separate process by the crash tests. It opens the
 * journal file, talks to the parent's simulator over loopback, runs one scenario, and kills itself
 * with SIGKILL at the chosen step (`<kind>:before` = intent committed, request not sent;
 * `<kind>:after` = Vipps answered, outcome not written) — the power-cut cases.
 *
 * SCENARIO=golive runs the go-live evidence scenarios (src/main/golive) through the same engine.
 *
 * env: JOURNAL_FILE, SIM_URL, SCENARIO (create | capture | cancel | refund | golive | adopt-refund,
 * which refunds another counter's sale REFERENCE), CRASH_AT.
 */

import { runGoLive } from '../../src/main/golive';
import type { OperationRow } from '../../src/main/journal';
import { openJournal } from '../../src/main/journal';
import { createPaymentsEngine } from '../../src/main/payments/engine';
import { createVippsClient } from '../../src/main/vipps/client';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const crashAt = env('CRASH_AT');
const scenario = env('SCENARIO');
const journal = openJournal(env('JOURNAL_FILE'));
const vipps = createVippsClient({
  baseUrl: env('SIM_URL'),
  credentials: {
    clientId: 'training-client-id',
    clientSecret: 'training-client-secret',
    subscriptionKey: 'training-subscription-key',
    merchantSerialNumber: '123456',
  },
  system: {
    systemName: 'vipps-counter',
    systemVersion: '0.1.0',
    pluginName: 'crash-child',
    pluginVersion: '1',
  },
  retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxTotalMs: 5000 },
});

function crashIf(step: 'before' | 'after', op: OperationRow): void {
  if (`${op.kind}:${step}` === crashAt) {
    process.stdout.write(`crash ${crashAt} ${op.reference}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

const engine = createPaymentsEngine({
  journal,
  vipps,
  settings: () => ({
    counterId: 'lane7',
    currency: 'NOK',
    capturePolicy: 'capture-now',
    description: 'Kjøp i butikk',
    vatRate: 2500,
  }),
  polling: { firstDelayMs: 10, intervalMs: 10, maxIntervalMs: 100, reconcileDelayMs: 10 },
  hooks: {
    beforeSend: (op) => crashIf('before', op),
    afterSend: (op) => crashIf('after', op),
  },
});

async function until(reference: string, status: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (journal.payments.get(reference)?.status === status) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${reference} never reached ${status}`);
}

async function main(): Promise<void> {
  await engine.recover();
  if (scenario === 'adopt-refund') {
    // Another counter's sale (REFERENCE), adopted into this journal by the refund.
    await engine.refund({
      reference: env('REFERENCE'),
      amount: 2000,
      reason: 'Returned at another counter',
      requestId: 'refund-adopt-0001',
    });
    process.stdout.write(`finished without crashing at ${crashAt}\n`);
    await engine.stop();
    journal.close();
    return;
  }
  if (scenario === 'golive') {
    const report = await runGoLive({
      payments: engine,
      client: vipps,
      environment: 'training',
      merchantSerialNumber: '123456',
      currency: 'NOK',
      phone: '4791234567',
      pollMs: 10,
    });
    process.stdout.write(`golive ok=${report.ok}\nfinished without crashing at ${crashAt}\n`);
    await engine.stop();
    journal.close();
    return;
  }
  const sale = await engine.start({ amount: 12_000, flow: 'PUSH_PHONE', phone: '4791234567' });
  if (scenario === 'cancel') {
    await engine.cancel(sale.reference);
  } else if (scenario !== 'create') {
    await vipps.forceApprove(sale.reference, { customer: { phoneNumber: '4791234567' } });
    await until(sale.reference, 'COMPLETED');
    if (scenario === 'refund') {
      await engine.refund({
        reference: sale.reference,
        amount: 2000,
        reason: 'Crash test',
        requestId: 'refund-crash-0001',
      });
    }
  }
  process.stdout.write(`finished without crashing at ${crashAt}\n`);
  await engine.stop();
  journal.close();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
