import { create } from 'zustand';
import type {
  Approval,
  PaymentDetail,
  PaymentView,
  PosError,
  Result,
  SearchRequest,
  ShownStatus,
} from '../../../preload/contract';
import { needsApproval, pos, settle } from '../lib/pos';

export interface HistoryQuery {
  text: string;
  status: ShownStatus | '';
  from: string;
  to: string;
  phoneLast4: string;
}

export const EMPTY_QUERY: HistoryQuery = { text: '', status: '', from: '', to: '', phoneLast4: '' };

interface HistoryState {
  query: HistoryQuery;
  items: PaymentView[];
  nextCursor: string | null;
  loading: boolean;
  searched: boolean;
  error: PosError | null;
  selected: PaymentDetail | null;
  busy: boolean;
  setQuery: (patch: Partial<HistoryQuery>) => void;
  search: () => Promise<void>;
  more: () => Promise<void>;
  open: (reference: string) => Promise<void>;
  close: () => void;
  refreshSelected: () => Promise<void>;
  captureRest: () => Promise<Result<PaymentView>>;
  /** Part of what is still reserved (a missing item). */
  capturePart: (amount: number) => Promise<Result<PaymentView>>;
  release: (approval?: Approval) => Promise<Result<PaymentView>>;
  resolve: (action: 'complete' | 'release', approval?: Approval) => Promise<Result<PaymentView>>;
  applyEvent: (view: PaymentView) => void;
}

const BUSY: Result<PaymentView> = {
  ok: false,
  error: {
    code: 'OPERATION_IN_PROGRESS',
    message: 'A request for this payment is on its way',
    retryable: true,
  },
};
const NO_SELECTION: Result<PaymentView> = {
  ok: false,
  error: { code: 'INVALID_STATE', message: 'No payment is open', retryable: false },
};

function toRequest(query: HistoryQuery, cursor?: string): SearchRequest {
  const req: SearchRequest = { limit: 50 };
  if (query.text.trim()) req.text = query.text.trim();
  if (query.status) req.status = query.status;
  if (query.from) req.from = query.from;
  if (query.to) req.to = query.to;
  // main matches exactly four digits; fewer would only be refused, so they are not sent.
  if (/^\d{4}$/.test(query.phoneLast4.trim())) req.phoneLast4 = query.phoneLast4.trim();
  if (cursor) req.cursor = cursor;
  return req;
}

export const useHistoryStore = create<HistoryState>()((set, get) => {
  async function act(call: () => Promise<Result<PaymentView>>): Promise<Result<PaymentView>> {
    if (get().busy) return BUSY;
    set({ busy: true, error: null });
    const result = await settle(call);
    set({ busy: false });
    if (!result.ok) {
      // A refusal that only wants a manager's PIN is answered by the approval prompt, not shown.
      if (!needsApproval(result.error)) set({ error: result.error });
      return result;
    }
    get().applyEvent(result.value);
    await get().refreshSelected();
    return result;
  }

  return {
    query: EMPTY_QUERY,
    items: [],
    nextCursor: null,
    loading: false,
    searched: false,
    error: null,
    selected: null,
    busy: false,

    setQuery: (patch) => set({ query: { ...get().query, ...patch } }),

    search: async () => {
      set({ loading: true, error: null });
      const result = await settle(() => pos().payment.search(toRequest(get().query)));
      if (result.ok)
        set({
          items: result.value.items,
          nextCursor: result.value.nextCursor,
          loading: false,
          searched: true,
        });
      else set({ error: result.error, loading: false });
    },

    more: async () => {
      const cursor = get().nextCursor;
      if (!cursor) return;
      set({ loading: true });
      const result = await settle(() => pos().payment.search(toRequest(get().query, cursor)));
      if (result.ok)
        set({
          items: [...get().items, ...result.value.items],
          nextCursor: result.value.nextCursor,
          loading: false,
        });
      else set({ error: result.error, loading: false });
    },

    open: async (reference) => {
      set({ error: null });
      const result = await settle(() => pos().payment.get({ reference }));
      if (result.ok) set({ selected: result.value });
      else set({ error: result.error });
    },

    close: () => set({ selected: null, error: null }),

    refreshSelected: async () => {
      const selected = get().selected;
      if (!selected) return;
      const result = await settle(() => pos().payment.get({ reference: selected.payment.reference }));
      if (result.ok && get().selected?.payment.reference === selected.payment.reference)
        set({ selected: result.value });
    },

    captureRest: async () => {
      const selected = get().selected;
      return selected
        ? act(() => pos().payment.capture({ reference: selected.payment.reference }))
        : NO_SELECTION;
    },

    capturePart: async (amount) => {
      const selected = get().selected;
      return selected
        ? act(() => pos().payment.capture({ reference: selected.payment.reference, amount }))
        : NO_SELECTION;
    },

    release: async (approval) => {
      const selected = get().selected;
      if (!selected) return NO_SELECTION;
      const reference = selected.payment.reference;
      return act(() => pos().payment.cancel({ reference, ...(approval ? { approval } : {}) }));
    },

    resolve: async (action, approval) => {
      const selected = get().selected;
      if (!selected) return NO_SELECTION;
      const reference = selected.payment.reference;
      return act(() => pos().payment.resolve({ reference, action, ...(approval ? { approval } : {}) }));
    },

    applyEvent: (view) => {
      const { items, selected } = get();
      if (items.some((item) => item.reference === view.reference)) {
        set({ items: items.map((item) => (item.reference === view.reference ? view : item)) });
      }
      if (selected?.payment.reference === view.reference) set({ selected: { ...selected, payment: view } });
    },
  };
});
