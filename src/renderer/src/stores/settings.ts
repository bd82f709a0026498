import { create } from 'zustand';
import type {
  ConnectionTestResult,
  PosError,
  Result,
  SaveSettingsRequest,
  SettingsView,
} from '../../../preload/contract';
import { needsApproval, pos, settle } from '../lib/pos';

interface SettingsState {
  view: SettingsView | null;
  error: PosError | null;
  saving: boolean;
  savedAt: number | null;
  testing: boolean;
  testResult: ConnectionTestResult | null;
  load: () => Promise<void>;
  save: (req: SaveSettingsRequest) => Promise<Result<SettingsView> | null>;
  testConnection: () => Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  view: null,
  error: null,
  saving: false,
  savedAt: null,
  testing: false,
  testResult: null,

  load: async () => {
    const result = await settle(() => pos().settings.get());
    if (result.ok) set({ view: result.value, error: null });
    else set({ error: result.error });
  },

  save: async (req) => {
    if (get().saving) return null;
    set({ saving: true, error: null, savedAt: null });
    const result = await settle(() => pos().settings.save(req));
    if (result.ok) set({ view: result.value, saving: false, savedAt: Date.now() });
    else set({ error: needsApproval(result.error) ? null : result.error, saving: false });
    return result;
  },

  testConnection: async () => {
    set({ testing: true, testResult: null, error: null });
    const result = await settle(() => pos().settings.testConnection());
    if (result.ok) set({ testResult: result.value, testing: false });
    else set({ error: result.error, testing: false });
  },
}));
