import { ORIGIN_METADATA, type PaymentView, type StartPaymentRequest } from '../../preload/contract';
import type { PaymentRow } from '../journal';
import { maskPhone } from '../log';
import { validateReceiptLines } from '../receipts/validate';
import type { CreatePaymentRequest } from '../vipps/types';
import type { EngineContext } from './context';
import { newOperation, send } from './execute';
import { fail, withReference } from './failure';
import { newPaymentRow } from './new-row';
import { makeReference } from './reference';
import { isFinal } from './status';
import { journalWrite } from './store';
import { type CheckedStart, checkStart } from './validate';
import { paymentView } from './views';

function createRequest(
  reference: string,
  sale: CheckedStart,
  currency: PaymentRow['currency'],
  counterId: string,
): CreatePaymentRequest {
  const base: CreatePaymentRequest = {
    amount: { value: sale.amount, currency },
    paymentMethod: { type: 'WALLET' },
    reference,
    userFlow: sale.flow === 'QR' ? 'QR' : 'PUSH_MESSAGE',
    customerInteraction: 'CUSTOMER_PRESENT',
    paymentDescription: sale.description,
    // Read back by another counter that looks this sale up (payments/lookup.ts): Vipps' get payment
    // answer echoes metadata but not the description or the user flow.
    metadata: {
      [ORIGIN_METADATA.counterId]: counterId,
      [ORIGIN_METADATA.flow]: sale.flow,
      [ORIGIN_METADATA.description]: sale.description,
    },
  };
  if (sale.flow === 'QR') return { ...base, qrFormat: { format: 'TEXT/TARGETURL' } };
  if (sale.flow === 'PERSONAL_QR') return { ...base, customer: { personalQr: sale.personalQr! } };
  return { ...base, customer: { phoneNumber: sale.phone! } };
}

/**
 * Checks, then commits the sale and its create intent together (nothing is sent before both are on
 * disk), then sends. Only one sale per counter may be open: the check and the insert run in the same
 * synchronous transaction, so two windows pressing Start at once cannot both pass it.
 */
export async function startPayment(ctx: EngineContext, req: StartPaymentRequest): Promise<PaymentView> {
  if (ctx.phase !== 'ready') throw fail('RECOVERING', 'Checking unfinished payments with Vipps first.');
  const settings = ctx.settings();
  const sale = checkStart(req, settings.currency, settings.description, settings.vatRate);
  validateReceiptLines(sale.lines, sale.amount);
  const at = ctx.now();
  const op = journalWrite(ctx, () => {
    const current = ctx.journal.payments.activeForCounter(settings.counterId);
    if (current && !isFinal(current.status)) {
      throw fail('ACTIVE_PAYMENT_EXISTS', 'Finish or cancel the sale in progress first.', current.reference);
    }
    if (current) ctx.journal.payments.save({ ...current, dismissed: true, updatedAt: ctx.iso() });
    const reference = uniqueReference(ctx, settings.counterId, at);
    const row = newPaymentRow({
      reference,
      counterId: settings.counterId,
      amount: sale.amount,
      currency: settings.currency,
      flow: sale.flow,
      description: sale.description,
      phoneMasked: sale.phone ? maskPhone(sale.phone) : null,
      phoneLast4: sale.phone ? sale.phone.slice(-4) : null,
      lines: sale.lines,
      // The receipt's one line when there are none; fixed now, so a later settings change cannot alter it.
      vatRate: settings.vatRate,
      expiresAt: new Date(at.getTime() + ctx.polling.expiryMs).toISOString(),
      createdAt: at.toISOString(),
    });
    ctx.journal.payments.insert(row);
    const intent = newOperation(ctx, {
      reference,
      kind: 'create',
      amount: sale.amount,
      requestBody: createRequest(reference, sale, settings.currency, settings.counterId),
    });
    ctx.journal.operations.insert(intent);
    ctx.journal.audit.append({
      at: ctx.iso(),
      actor: 'cashier',
      action: 'start',
      reference,
      amount: sale.amount,
      details: { flow: sale.flow, counterId: settings.counterId },
    });
    return intent;
  });
  ctx.emit('payment', paymentView(ctx.journal.payments.get(op.reference)!));
  const outcome = await send(ctx, op.id);
  if (outcome.status === 'failed') throw withReference(outcome.failure, op.reference);
  return paymentView(outcome.row);
}

function uniqueReference(ctx: EngineContext, counterId: string, at: Date): string {
  for (let i = 0; i < 10; i++) {
    const reference = makeReference(counterId, at);
    if (!ctx.journal.payments.get(reference)) return reference;
  }
  throw fail('INTERNAL', 'Could not make a unique reference for the sale.');
}
