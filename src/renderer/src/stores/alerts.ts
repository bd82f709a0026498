import { create } from 'zustand';
import type { AlertEvent, PaymentView, PosError } from '../../../preload/contract';
import { pos, settle } from '../lib/pos';

export interface ShownAlert extends AlertEvent {
  id: number;
  at: string;
}

interface AlertsState {
  alerts: ShownAlert[];
  attention: PaymentView[];
  error: PosError | null;
  push: (alert: AlertEvent) => void;
  dismiss: (id: number) => void;
  loadAttention: () => Promise<void>;
}

let nextId = 1;

export const useAlertsStore = create<AlertsState>()((set, get) => ({
  alerts: [],
  attention: [],
  error: null,

  push: (alert) => {
    // Connectivity has its own banner; keeping only the latest of those avoids a wall of repeats.
    const kept =
      alert.kind === 'CONNECTIVITY' ? get().alerts.filter((a) => a.kind !== 'CONNECTIVITY') : get().alerts;
    set({ alerts: [{ ...alert, id: nextId++, at: new Date().toISOString() }, ...kept].slice(0, 50) });
  },

  dismiss: (id) => set({ alerts: get().alerts.filter((a) => a.id !== id) }),

  loadAttention: async () => {
    const result = await settle(() => pos().payment.attention());
    if (result.ok) set({ attention: result.value, error: null });
    else set({ error: result.error });
  },
}));
