import { create } from 'zustand';
import type { AppInfo, ConnectivityEvent, Language, PosError } from '../../../preload/contract';
import { initI18n } from '../i18n';
import { pos, settle } from '../lib/pos';

export type View = 'sale' | 'history' | 'alerts' | 'settings' | 'staff';

interface AppState {
  info: AppInfo | null;
  error: PosError | null;
  online: boolean;
  offlineReason: string | null;
  view: View;
  language: Language;
  /** Training only: the built-in manager's PIN, shown in the approval prompt. */
  trainingPin: string | null;
  load: () => Promise<void>;
  setView: (view: View) => void;
  setLanguage: (language: Language) => void;
  setConnectivity: (event: ConnectivityEvent) => void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  error: null,
  online: true,
  offlineReason: null,
  view: 'sale',
  language: 'nb',
  trainingPin: null,

  load: async () => {
    const result = await settle(() => pos().app.info());
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    initI18n(result.value.language);
    set({ info: result.value, language: result.value.language, error: null });
    // Older hosts and the tests' fake bridge may not offer staff; no PIN hint is then shown.
    const session = await settle(() => pos().staff.session());
    set({ trainingPin: session.ok ? session.value.trainingPin : null });
  },

  setView: (view) => set({ view }),

  /** A display choice for this window only; the stored default is changed in Settings. */
  setLanguage: (language) => {
    initI18n(language);
    set({ language });
  },

  setConnectivity: (event) =>
    set({ online: event.online, offlineReason: event.online ? null : (event.reason ?? null) }),
}));
