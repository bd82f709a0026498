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

/**
 * How many things staff should look at: each payment once (an alert about a payment that is also
 * on the attention list is the same thing), plus alerts not about a payment. Connectivity has its
 * own banner.
 */
export function countNeedingAttention(state: Pick<AlertsState, 'alerts' | 'attention'>): number {
  const references = new Set(state.attention.map((p) => p.reference));
  let loose = 0;
  for (const alert of state.alerts) {
    if (alert.kind === 'CONNECTIVITY') continue;
    if (alert.reference) references.add(alert.reference);
    else loose++;
  }
  return references.size + loose;
}

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
