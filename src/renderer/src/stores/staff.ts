import { create } from 'zustand';
import type {
  Approval,
  AuditPage,
  AuditQuery,
  DayReport,
  ExportResult,
  PosError,
  ReservationView,
  Result,
  StaffSession,
} from '../../../preload/contract';
import { pos, settle } from '../lib/pos';

interface StaffState {
  session: StaffSession | null;
  error: PosError | null;
  busy: boolean;
  report: DayReport | null;
  reservations: ReservationView[];
  audit: AuditPage | null;
  lastExport: ExportResult | null;
  loadSession: () => Promise<void>;
  signIn: (pin: string) => Promise<boolean>;
  signOut: () => Promise<void>;
  /** Input at the counter while someone is signed in: main restarts the idle time. */
  activity: () => Promise<void>;
  bootstrap: (name: string, pin: string) => Promise<boolean>;
  // The calls below may need a manager's PIN: they return main's answer so the approval prompt
  // (lib/approval.tsx) can repeat them with `approval`.
  loadReport: (date: string, counterId?: string, approval?: Approval) => Promise<Result<DayReport>>;
  exportCsv: (date: string, counterId?: string, approval?: Approval) => Promise<Result<ExportResult>>;
  loadReservations: () => Promise<void>;
  loadAudit: (query: AuditQuery, approval?: Approval) => Promise<Result<AuditPage>>;
  supportBundle: (reference?: string, approval?: Approval) => Promise<Result<ExportResult>>;
}

/** Refused only for want of a manager's PIN: the prompt handles it, the screen shows nothing. */
function waitsForApproval(error: PosError): boolean {
  return error.code === 'FORBIDDEN' && error.details?.approval !== undefined;
}

/** The browser keeps exports it cannot save itself as a download (the web host has no save dialog). */
export function downloadExport(result: ExportResult): void {
  if (!result.content) return;
  const bytes = Uint8Array.from(atob(result.content.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.content.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const useStaffStore = create<StaffState>()((set) => {
  /** Runs a call, keeps its error for the screen (unless a PIN prompt takes over) and returns it. */
  async function run<T>(call: () => Promise<Result<T>>, onValue?: (value: T) => void): Promise<Result<T>> {
    set({ busy: true, error: null });
    const result = await settle(call);
    set({ busy: false, error: result.ok || waitsForApproval(result.error) ? null : result.error });
    if (result.ok) onValue?.(result.value);
    return result;
  }
  const withApproval = (approval?: Approval) => (approval ? { approval } : {});
  const exported = (result: ExportResult) => {
    downloadExport(result);
    set({ lastExport: result });
  };

  return {
    session: null,
    error: null,
    busy: false,
    report: null,
    reservations: [],
    audit: null,
    lastExport: null,

    loadSession: async () => {
      await run(
        () => pos().staff.session(),
        (session) => set({ session }),
      );
    },
    signIn: async (pin) =>
      (
        await run(
          () => pos().staff.signIn({ pin }),
          (session) => set({ session, audit: null }),
        )
      ).ok,
    signOut: async () => {
      await run(
        () => pos().staff.signOut({}),
        (session) => set({ session, audit: null }),
      );
    },
    activity: async () => {
      const result = await settle(() => pos().staff.activity());
      if (result.ok) set({ session: result.value });
    },
    bootstrap: async (name, pin) =>
      (
        await run(
          () => pos().staff.bootstrap({ name, pin }),
          (session) => set({ session }),
        )
      ).ok,
    loadReport: (date, counterId, approval) =>
      run(
        () => pos().report.day({ date, ...(counterId ? { counterId } : {}), ...withApproval(approval) }),
        (report) => set({ report }),
      ),
    exportCsv: (date, counterId, approval) =>
      run(
        () => pos().report.dayCsv({ date, ...(counterId ? { counterId } : {}), ...withApproval(approval) }),
        exported,
      ),
    loadReservations: async () => {
      await run(
        () => pos().report.reservations(),
        (reservations) => set({ reservations }),
      );
    },
    loadAudit: (query, approval) =>
      run(
        () => pos().staff.audit({ ...query, ...withApproval(approval) }),
        (audit) => set({ audit }),
      ),
    supportBundle: (reference, approval) =>
      run(
        () => pos().support.bundle({ ...(reference ? { reference } : {}), ...withApproval(approval) }),
        exported,
      ),
  };
});
