import { create } from 'zustand';
import type { PaymentView, PosError, Result, StartPaymentRequest } from '../../../preload/contract';
import { FINAL_SALE_STATUSES } from '../../../preload/contract';
import { pos, settle } from '../lib/pos';

/**
 * The counter's one active sale. Main owns the truth; this store mirrors the latest PaymentView it
 * pushed or returned, and never invents a status of its own.
 */
interface SaleState {
  active: PaymentView | null;
  /** True while a request for the active sale is on its way (buttons disable, no double clicks). */
  busy: boolean;
  error: PosError | null;
  loadActive: () => Promise<void>;
  start: (req: StartPaymentRequest) => Promise<boolean>;
  cancel: () => Promise<void>;
  capture: () => Promise<void>;
  resolve: (action: 'complete' | 'release') => Promise<void>;
  dismiss: () => Promise<void>;
  clearError: () => void;
  applyEvent: (view: PaymentView, counterId: string | null) => void;
}

export function isFinal(view: PaymentView): boolean {
  return FINAL_SALE_STATUSES.includes(view.status);
}

/** A pushed payment becomes the shown sale only when it is a sale that has just begun. */
function isFreshSale(view: PaymentView): boolean {
  return view.status === 'CREATING' || view.status === 'WAITING';
}

export const useSaleStore = create<SaleState>()((set, get) => {
  async function act(call: () => Promise<Result<PaymentView>>) {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await settle(call);
    if (result.ok) set({ active: result.value, busy: false });
    else set({ error: result.error, busy: false });
  }

  return {
    active: null,
    busy: false,
    error: null,

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

    cancel: async () => {
      const active = get().active;
      if (active) await act(() => pos().payment.cancel({ reference: active.reference }));
    },

    capture: async () => {
      const active = get().active;
      if (active) await act(() => pos().payment.capture({ reference: active.reference }));
    },

    resolve: async (action) => {
      const active = get().active;
      if (active) await act(() => pos().payment.resolve({ reference: active.reference, action }));
    },

    dismiss: async () => {
      const active = get().active;
      if (!active) return;
      set({ busy: true, error: null });
      const result = await settle(() => pos().payment.dismiss({ reference: active.reference }));
      if (result.ok) set({ active: null, busy: false });
      else set({ error: result.error, busy: false });
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
