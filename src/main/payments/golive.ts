/**
 * Go-live evidence payments (src/main/golive drives the scenarios): made through the same
 * write-ahead path as a sale — the payment and its create intent committed before the request, one
 * stored key per operation, recovery after a crash — but never the counter's sale. They are put away
 * from the counter from the start (a sale in progress is not touched), are never captured by
 * themselves, raise no alerts when left reserved (the AUTHORIZED scenario leaves them so on
 * purpose), and carry their scenario so History marks them and the day report leaves them out.
 */
import type { Currency, GoLiveScenario, PaymentView } from '../../preload/contract';
import type { PaymentRow } from '../journal';
import { maskPhone } from '../log';
import { cancelPayment } from './cancel';
import { capturePayment, refreshFromVipps } from './capture';
import { type EngineContext, withLock } from './context';
import { newOperation, send } from './execute';
import { fail, withReference } from './failure';
import { newPaymentRow } from './new-row';
import { refundPayment } from './refund';
import { journalWrite, loadPayment } from './store';
import { checkAmount, checkPhone, checkReference } from './validate';
import { paymentView } from './views';

export const GOLIVE_ACTOR = 'golive';

export interface GoLiveStart {
  scenario: GoLiveScenario;
  /** Chosen by the run (`golive-<stamp>-<scenario>`), so the evidence table reads well. */
  reference: string;
  amount: number;
  currency: Currency;
  /** The test user who approves (force-approve). */
  phone: string;
}

/** What the go-live runner may do; every call goes through the journal like a cashier's. */
export interface GoLivePayments {
  start(req: GoLiveStart): Promise<PaymentView>;
  /** Reads the payment from Vipps into the journal (GET), e.g. to see the force-approval. */
  refresh(reference: string): Promise<PaymentView>;
  capture(reference: string, amount: number): Promise<PaymentView>;
  refund(reference: string, amount: number, requestId: string): Promise<PaymentView>;
  /** Releases the reservation (a full cancel of an authorized payment). */
  cancel(reference: string): Promise<PaymentView>;
}

function goLiveRow(ctx: EngineContext, reference: string): PaymentRow {
  const row = loadPayment(ctx, reference);
  if (!row.goLive) throw fail('INVALID_STATE', 'This is a shop sale, not a go-live payment.', reference);
  return row;
}

async function startGoLive(ctx: EngineContext, req: GoLiveStart): Promise<PaymentView> {
  if (ctx.phase !== 'ready') throw fail('RECOVERING', 'Checking unfinished payments with Vipps first.');
  const reference = checkReference(req.reference);
  const amount = checkAmount(req.amount, req.currency);
  const phone = checkPhone(req.phone);
  const at = ctx.iso();
  const description = `Go-live check ${req.scenario}`;
  const op = journalWrite(ctx, () => {
    if (ctx.journal.payments.get(reference)) {
      throw fail('CONFLICT', 'A payment with this reference is already in the journal.', reference);
    }
    ctx.journal.payments.insert(
      newPaymentRow({
        reference,
        counterId: ctx.settings().counterId,
        amount,
        currency: req.currency,
        flow: 'PUSH_PHONE',
        description,
        phoneMasked: maskPhone(phone),
        phoneLast4: phone.slice(-4),
        // The receipt's one line (the receipts queue sends one for a completed go-live payment too).
        vatRate: ctx.settings().vatRate,
        expiresAt: new Date(Date.parse(at) + ctx.polling.expiryMs).toISOString(),
        // Never the counter's sale: the cashier's slot stays as it is.
        dismissed: true,
        goLive: req.scenario,
        createdAt: at,
      }),
    );
    const intent = newOperation(ctx, {
      reference,
      kind: 'create',
      amount,
      requestBody: {
        amount: { value: amount, currency: req.currency },
        paymentMethod: { type: 'WALLET' },
        reference,
        userFlow: 'PUSH_MESSAGE',
        customer: { phoneNumber: phone },
        customerInteraction: 'CUSTOMER_PRESENT',
        paymentDescription: description,
      },
    });
    ctx.journal.operations.insert(intent);
    ctx.journal.audit.append({
      at,
      actor: GOLIVE_ACTOR,
      action: 'start',
      reference,
      amount,
      details: { scenario: req.scenario },
    });
    return intent;
  });
  ctx.emit('payment', paymentView(ctx.journal.payments.get(reference)!));
  const outcome = await send(ctx, op.id);
  if (outcome.status === 'failed') throw withReference(outcome.failure, reference);
  return paymentView(outcome.row);
}

export function goLivePayments(ctx: EngineContext): GoLivePayments {
  return {
    start: (req) => startGoLive(ctx, req),
    refresh: async (reference) => {
      goLiveRow(ctx, checkReference(reference));
      return paymentView(
        await withLock(ctx, reference, 'check with Vipps', () => refreshFromVipps(ctx, reference)),
      );
    },
    capture: async (reference, amount) => {
      goLiveRow(ctx, checkReference(reference));
      return capturePayment(ctx, { reference, amount }, GOLIVE_ACTOR);
    },
    refund: async (reference, amount, requestId) => {
      goLiveRow(ctx, checkReference(reference));
      return refundPayment(ctx, { reference, amount, requestId, reason: 'Go-live check' }, GOLIVE_ACTOR);
    },
    cancel: async (reference) => {
      goLiveRow(ctx, checkReference(reference));
      return cancelPayment(ctx, reference, GOLIVE_ACTOR);
    },
  };
}
