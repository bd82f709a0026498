import { pos } from '../lib/pos';
import { useAlertsStore } from './alerts';
import { useAppStore } from './app';
import { useHistoryStore } from './history';
import { useSaleStore } from './sale';

/**
 * The one place that listens to main. Every pushed fact is handed to the stores that cache it;
 * returns a function that unsubscribes everything (used by tests and on unmount).
 * The customer display passes `attention: false`: it may only read, and has no alerts to show.
 */
export function bindMainEvents(options: { attention?: boolean } = {}): () => void {
  const attention = options.attention ?? true;
  const api = pos();
  const offPayment = api.events.onPayment((view) => {
    useSaleStore.getState().applyEvent(view, useAppStore.getState().info?.counterId ?? null);
    useHistoryStore.getState().applyEvent(view);
    const listed = useAlertsStore.getState().attention.some((p) => p.reference === view.reference);
    if (attention && (view.attention !== null || listed)) void useAlertsStore.getState().loadAttention();
  });
  const offAlert = api.events.onAlert((alert) => {
    useAlertsStore.getState().push(alert);
    if (attention && alert.kind !== 'CONNECTIVITY') void useAlertsStore.getState().loadAttention();
  });
  const offConnectivity = api.events.onConnectivity((event) => useAppStore.getState().setConnectivity(event));
  return () => {
    offPayment();
    offAlert();
    offConnectivity();
  };
}
