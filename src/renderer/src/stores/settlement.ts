import { create } from 'zustand';
import type {
  Approval,
  ExportResult,
  PosError,
  Result,
  SettlementDayView,
  SettlementSyncView,
} from '../../../preload/contract';
import { needsApproval, pos, settle } from '../lib/pos';
import { downloadExport, useStaffStore } from './staff';

interface SettlementState {
  view: SettlementDayView | null;
  busy: boolean;
  error: PosError | null;
  load: (ledgerDate: string, ledgerId?: string, approval?: Approval) => Promise<Result<SettlementDayView>>;
  exportCsv: (ledgerDate: string, ledgerId?: string, approval?: Approval) => Promise<Result<ExportResult>>;
  /** Reads the Report API now; then shows the date again with what arrived. */
  syncNow: (
    ledgerDate: string,
    ledgerId?: string,
    approval?: Approval,
  ) => Promise<Result<SettlementSyncView>>;
}

/** The settlement section's state: one ledger date at a time. */
export const useSettlementStore = create<SettlementState>()((set, get) => {
  async function run<T>(call: () => Promise<Result<T>>, onValue?: (value: T) => void): Promise<Result<T>> {
    set({ busy: true, error: null });
    const result = await settle(call);
    // A refusal for want of a manager's PIN is the approval prompt's to show.
    set({ busy: false, error: result.ok || needsApproval(result.error) ? null : result.error });
    if (result.ok) onValue?.(result.value);
    return result;
  }
  const request = (ledgerDate: string, ledgerId?: string, approval?: Approval) => ({
    ledgerDate,
    ...(ledgerId ? { ledgerId } : {}),
    ...(approval ? { approval } : {}),
  });
  return {
    view: null,
    busy: false,
    error: null,
    load: (ledgerDate, ledgerId, approval) =>
      run(
        () => pos().settlement.day(request(ledgerDate, ledgerId, approval)),
        (view) => set({ view }),
      ),
    exportCsv: (ledgerDate, ledgerId, approval) =>
      run(
        () => pos().settlement.dayCsv(request(ledgerDate, ledgerId, approval)),
        (result) => {
          downloadExport(result);
          // The staff area's export note says where it went, as for the day report.
          useStaffStore.setState({ lastExport: result });
        },
      ),
    syncNow: async (ledgerDate, ledgerId, approval) => {
      const result = await run(() => pos().settlement.sync(approval ? { approval } : {}));
      if (result.ok) await get().load(ledgerDate, ledgerId, approval);
      return result;
    },
  };
});
