import { create } from 'zustand';
import { APP_REFERENCE, type LookupResult, type PosError, VIPPS_REFERENCE } from '../../../preload/contract';
import { pos, settle } from '../lib/pos';
import { useHistoryStore } from './history';

/**
 * A whole reference that History did not find in this counter's journal, looked up at Vipps
 * (issue 13). References this app makes are looked up by themselves; other text Vipps would accept
 * as a reference is looked up when the cashier asks; fragments and amounts stay local.
 */
interface LookupState {
  /** The text of the last search that found nothing here ('' = nothing to offer). */
  reference: string;
  phase: 'idle' | 'offer' | 'looking' | 'done';
  result: LookupResult | null;
  error: PosError | null;
  lookup: () => Promise<void>;
  /** Shows what was found in the detail view (the same one as for this counter's sales). */
  openFound: () => void;
}

/** An amount ("149,50", "1500") is never a reference to look up, however long. */
const AMOUNT = /^\d+([.,]\d{1,2})?$/;

export function lookupPhaseFor(text: string): 'idle' | 'offer' | 'looking' {
  if (APP_REFERENCE.test(text)) return 'looking';
  return VIPPS_REFERENCE.test(text) && !AMOUNT.test(text) && !/^\d+$/.test(text) ? 'offer' : 'idle';
}

export const useLookupStore = create<LookupState>()((set, get) => ({
  reference: '',
  phase: 'idle',
  result: null,
  error: null,

  lookup: async () => {
    const reference = get().reference;
    if (!reference) return;
    set({ phase: 'looking', error: null, result: null });
    const result = await settle(() => pos().payment.lookup({ reference }));
    if (get().reference !== reference) return; // a newer search took over
    if (!result.ok) {
      set({ phase: 'done', error: result.error });
      return;
    }
    set({ phase: 'done', result: result.value });
    // Our own sale after all (made meanwhile, or adopted): straight to it, as a found row would be.
    if (result.value.found === 'journal') get().openFound();
  },

  openFound: () => {
    const result = get().result;
    if (result && result.found !== 'none') useHistoryStore.setState({ selected: result.detail, error: null });
  },
}));

/** Follows History's searches: a search that found nothing for a whole reference asks Vipps. */
useHistoryStore.subscribe((state, previous) => {
  if (state.loading && !previous.loading) {
    useLookupStore.setState({ reference: '', phase: 'idle', result: null, error: null });
    return;
  }
  const finished = previous.loading && !state.loading;
  if (!finished || state.error || !state.searched || state.items.length > 0) return;
  const reference = state.query.text.trim();
  const phase = lookupPhaseFor(reference);
  if (phase === 'idle') return;
  useLookupStore.setState({ reference, phase: 'offer', result: null, error: null });
  if (phase === 'looking') void useLookupStore.getState().lookup();
});
