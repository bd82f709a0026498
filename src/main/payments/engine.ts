/**
 * createPaymentsEngine: the only code that moves money. It journals every intent before calling
 * Vipps (see execute.ts), follows each sale until Vipps decides it, and reconciles whatever the
 * journal does not know yet — after a lost answer or at start-up.
 */
import { FINAL_SALE_STATUSES, type PaymentDetail } from '../../preload/contract';
import { silentLogger } from '../log';
import { cancelPayment } from './cancel';
import { autoCapture, capturePayment } from './capture';
import type { EngineContext } from './context';
import { syncEventLog } from './event-log';
import { fail } from './failure';
import { goLivePayments } from './golive';
import { catchUpWithVipps, lookupPayment, withAdoption } from './lookup';
import { DEFAULT_POLLING, type EngineDeps, REAL_TIMERS } from './options';
import { isParkable, park } from './park';
import { createPoller } from './poller';
import { createReconciler } from './reconcile';
import { recover } from './recovery';
import { refundPayment } from './refund';
import { resolvePayment } from './resolve';
import { searchPayments } from './search';
import { startPayment } from './start';
import { isFinal } from './status';
import { loadPayment, updatePayment } from './store';
import { summarize } from './summary';
import type { PaymentsEvents, PaymentsService } from './types';
import { checkReference } from './validate';
import { eventView, operationView, paymentView } from './views';

export type { EngineDeps, EngineHooks, EngineScheduler, EngineSettings, PollingOptions } from './options';

const STOP_GRACE_MS = 5000;

export function createPaymentsEngine(deps: EngineDeps): PaymentsService {
  const listeners: { [K in keyof PaymentsEvents]: Set<PaymentsEvents[K]> } = {
    payment: new Set(),
    alert: new Set(),
    connectivity: new Set(),
  };
  const now = deps.clock ?? (() => new Date());
  const ctx: EngineContext = {
    journal: deps.journal,
    vipps: deps.vipps,
    settings: deps.settings,
    now,
    iso: () => now().toISOString(),
    polling: { ...DEFAULT_POLLING, ...deps.polling },
    log: (deps.logger ?? silentLogger).child('payments'),
    hooks: deps.hooks ?? {},
    emit: (event, payload) => {
      for (const listener of listeners[event]) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (error) {
          ctx.log.error('event listener failed', { event, error: (error as Error).message });
        }
      }
    },
    locks: new Map(),
    inFlight: new Set(),
    sending: new Set(),
    scheduler: deps.scheduler ?? REAL_TIMERS,
    timers: new Set(),
    stopped: false,
    phase: 'idle',
    watch: () => {},
    reconcileLater: () => {},
    afterAuthorized: () => {},
  };
  const poller = createPoller(ctx);
  const reconciler = createReconciler(ctx);
  ctx.watch = poller.watch;
  ctx.reconcileLater = reconciler.later;
  ctx.afterAuthorized = (reference) => autoCapture(ctx, reference);

  return {
    recover: () => recover(ctx, FINAL_SALE_STATUSES),
    start: (req) => startPayment(ctx, req),
    active: () => {
      const row = ctx.journal.payments.activeForCounter(ctx.settings().counterId);
      return row ? paymentView(row) : null;
    },
    get: (reference) => detail(ctx, reference),
    lookup: (reference) => lookupPayment(ctx, reference, (ref) => detail(ctx, ref)),
    // Another counter's sale is adopted into this journal first (lookup.ts), then acted on as ours.
    cancel: (reference) => withAdoption(ctx, reference, () => cancelPayment(ctx, reference)),
    capture: (req) => withAdoption(ctx, req?.reference, () => capturePayment(ctx, req)),
    refund: (req) => withAdoption(ctx, req?.reference, () => refundPayment(ctx, req)),
    resolve: (req) => withAdoption(ctx, req?.reference, () => resolvePayment(ctx, req)),
    goLive: goLivePayments(ctx),
    dismiss: (reference) => dismiss(ctx, reference),
    search: (req) => searchPayments(ctx, req),
    summary: (req) => summarize(ctx, req),
    attention: () => ctx.journal.payments.withAttention().map(paymentView),
    on: (event, listener) => {
      listeners[event].add(listener as never);
      return () => listeners[event].delete(listener as never);
    },
    stop: async () => {
      // From here later() schedules nothing, so the pending timers are the last ones.
      ctx.stopped = true;
      for (const timer of ctx.timers) ctx.scheduler.clear(timer);
      // Requests already on the wire get a bounded chance to write their outcome; whatever is still
      // open after that is settled by recovery on the next start.
      if (ctx.sending.size === 0) return;
      let grace: unknown;
      await Promise.race([
        Promise.allSettled([...ctx.sending]),
        new Promise((resolve) => {
          grace = ctx.scheduler.set(() => resolve(undefined), STOP_GRACE_MS);
        }),
      ]);
      ctx.scheduler.clear(grace);
    },
  };
}

async function detail(ctx: EngineContext, reference: string): Promise<PaymentDetail> {
  checkReference(reference);
  loadPayment(ctx, reference);
  await catchUpWithVipps(ctx, reference, await syncEventLog(ctx, reference));
  return {
    payment: paymentView(loadPayment(ctx, reference)),
    operations: ctx.journal.operations.forReference(reference).map(operationView),
    events: ctx.journal.events.forReference(reference).map(eventView),
  };
}

/**
 * Frees the counter. A finished sale is simply put away. A sale still waiting for the customer
 * may be left too (the cashier gave up): it stays watched until Vipps decides, and an approval
 * after that raises a late-approval alert. Reserved money is parked (see park.ts). A running
 * operation cannot be left.
 */
function dismiss(ctx: EngineContext, reference: string): void {
  checkReference(reference);
  const row = loadPayment(ctx, reference);
  if (row.dismissed) return;
  if (isParkable(row)) {
    park(ctx, reference);
    return;
  }
  const waiting = row.status === 'WAITING' || row.status === 'CANCELLING' || row.status === 'UNKNOWN';
  if (!isFinal(row.status) && !waiting) {
    throw fail('INVALID_STATE', 'Complete or release this sale before leaving it.', reference);
  }
  updatePayment(ctx, reference, (r) => {
    r.dismissed = true;
    if (!isFinal(r.status)) r.givenUp = true;
    ctx.journal.audit.append({
      at: ctx.iso(),
      actor: 'cashier',
      action: isFinal(r.status) ? 'dismiss' : 'give-up',
      reference,
      amount: null,
      details: { status: r.status },
    });
  });
}
