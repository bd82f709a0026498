import { create } from 'zustand';
import type { Approval, PaymentView, PosError, Result, StartPaymentRequest } from '../../../preload/contract';
import { FINAL_SALE_STATUSES } from '../../../preload/contract';
import { needsApproval, pos, settle } from '../lib/pos';

/**
 * The counter's one active sale. Main owns the truth; this store mirrors the latest PaymentView it
 * pushed or returned, and never invents a status of its own.
 */
interface SaleState {
  active: PaymentView | null;
  /** True while a request for the active sale is on its way (buttons disable, no double clicks). */
  busy: boolean;
  error: PosError | null;
  /**
   * Digits typed on a final screen: the first of the next sale's amount, kept while the finished
   * sale is put away, then taken by the sale screen (see typeAhead).
   */
  typedAhead: string;
  /** A digit on a final screen: remember it and go on to the next sale. */
  typeAhead: (digit: string) => void;
  /** The digits typed ahead, once: the new sale screen starts its amount with them. */
  takeTypedAhead: () => string;
  loadActive: () => Promise<void>;
  start: (req: StartPaymentRequest) => Promise<boolean>;
  cancel: (approval?: Approval) => Promise<Result<PaymentView>>;
  /** The whole reservation, or `amount` of it (a missing item). */
  capture: (amount?: number) => Promise<Result<PaymentView>>;
  resolve: (action: 'complete' | 'release', approval?: Approval) => Promise<Result<PaymentView>>;
  dismiss: () => Promise<void>;
  clearError: () => void;
  applyEvent: (view: PaymentView, counterId: string | null) => void;
}

export function isFinal(view: PaymentView): boolean {
  return FINAL_SALE_STATUSES.includes(view.status);
}

const BUSY: Result<PaymentView> = {
  ok: false,
  error: { code: 'OPERATION_IN_PROGRESS', message: 'A request for this sale is on its way', retryable: true },
};
const NO_SALE: Result<PaymentView> = {
  ok: false,
  error: { code: 'INVALID_STATE', message: 'No sale is active', retryable: false },
};

/** A pushed payment becomes the shown sale only when it is a sale that has just begun. */
function isFreshSale(view: PaymentView): boolean {
  return view.status === 'CREATING' || view.status === 'WAITING';
}

export const useSaleStore = create<SaleState>()((set, get) => {
  async function act(call: () => Promise<Result<PaymentView>>): Promise<Result<PaymentView>> {
    if (get().busy) return BUSY;
    set({ busy: true, error: null });
    const result = await settle(call);
    if (result.ok) set({ active: result.value, busy: false });
    // A refusal that only wants a manager's PIN is answered by the approval prompt, not shown.
    else set({ error: needsApproval(result.error) ? null : result.error, busy: false });
    return result;
  }

  return {
    active: null,
    busy: false,
    error: null,
    typedAhead: '',

    typeAhead: (digit) => {
      const first = get().typedAhead === '';
      set({ typedAhead: get().typedAhead + digit });
      if (first) void get().dismiss();
    },

    takeTypedAhead: () => {
      const typed = get().typedAhead;
      set({ typedAhead: '' });
      return typed;
    },

    loadActive: async () => {
      const result = await settle(() => pos().payment.active());
      if (result.ok) set({ active: result.value });
      else set({ error: result.error });
    },

    start: async (req) => {
      if (get().busy) return false;
      set({ busy: true, error: null });
      const result = await settle(() => pos().payment.start(req));
      if (result.ok) {
        set({ active: result.value, busy: false });
        return true;
      }
      set({ error: result.error, busy: false });
      return false;
    },

    cancel: async (approval) => {
      const active = get().active;
      if (!active) return NO_SALE;
      return act(() =>
        pos().payment.cancel({ reference: active.reference, ...(approval ? { approval } : {}) }),
      );
    },

    capture: async (amount) => {
      const active = get().active;
      if (!active) return NO_SALE;
      const reference = active.reference;
      return act(() => pos().payment.capture(amount === undefined ? { reference } : { reference, amount }));
    },

    resolve: async (action, approval) => {
      const active = get().active;
      if (!active) return NO_SALE;
      return act(() =>
        pos().payment.resolve({ reference: active.reference, action, ...(approval ? { approval } : {}) }),
      );
    },

    dismiss: async () => {
      const active = get().active;
      if (!active) return;
      set({ busy: true, error: null });
      const result = await settle(() => pos().payment.dismiss({ reference: active.reference }));
      if (result.ok) set({ active: null, busy: false });
      // Digits typed ahead belong to the sale that follows this one, not to a later one.
      else set({ error: result.error, busy: false, typedAhead: '' });
    },

    clearError: () => set({ error: null }),

    applyEvent: (view, counterId) => {
      const active = get().active;
      if (active?.reference === view.reference) {
        set({ active: view });
        return;
      }
      const slotFree = active === null || isFinal(active);
      const ours = counterId === null || view.counterId === counterId;
      if (slotFree && ours && isFreshSale(view)) set({ active: view });
    },
  };
});
