import { PosFailure } from '../errors';
import type { CoreExtension, ExtensionHandlers, PermissionGate } from '../ipc/extension';
import { buildSupportBundle } from '../support/bundle';
import { deliver, type SaveFile } from '../support/deliver';
import { type Actor, currentActor } from './actor';
import { staffGuard } from './guard';
import { GATE_MISSING, permissionFor } from './permissions';
import { openStaffTools } from './tools';

export interface StaffExtensionOptions {
  /** Electron's save dialog (src/main/windows/save-dialog.ts); without it exports become downloads. */
  saveFile?: SaveFile;
  clock?: () => Date;
  watchdogIntervalMs?: number;
}

/** The staff extension is the permission gate: if it is not running, what it covers is refused. */
const STAFF_GATE: PermissionGate = {
  needsPermission: async (channel, req, saleStatus) =>
    (await permissionFor(channel, req as never, saleStatus)) !== null,
  unavailable: GATE_MISSING,
};

/** Who the guard runs this call for; every call of the setup passes the guard first. */
function actingStaff(): Actor {
  const actor = currentActor();
  if (!actor) throw new PosFailure('INTERNAL', 'A staff action ran outside the permission check.');
  return actor;
}

/**
 * Staff tools as a core extension: its own channels (pos:staff:*, pos:report:*, pos:support:*)
 * and the guard around every call of the setup (./guard.ts) — the one permission check, for the
 * shell's channels, other rooms' channels and its own alike. It answers no shell channel itself.
 */
export function staffExtension(options: StaffExtensionOptions = {}): CoreExtension {
  return {
    name: 'staff',
    gate: STAFF_GATE,
    async start(ctx) {
      const now = options.clock ?? (() => new Date());
      const tools = await openStaffTools({
        journal: ctx.journal,
        environment: ctx.environment,
        logger: ctx.logger,
        alert: (payload) => ctx.emit({ channel: 'pos:event:alert', payload }),
        clock: now,
        ...(options.saveFile ? { saveFile: options.saveFile } : {}),
        ...(options.watchdogIntervalMs ? { watchdogIntervalMs: options.watchdogIntervalMs } : {}),
      });
      const { staff } = tools;

      const handlers: ExtensionHandlers = {
        'pos:staff:session': () => staff.session(),
        'pos:staff:sign-in': (req) => staff.signIn(req.pin),
        'pos:staff:sign-out': ({ reason }) => staff.signOut(reason),
        'pos:staff:activity': () => staff.activity(),
        'pos:staff:bootstrap': (req) => staff.bootstrap(req),
        'pos:staff:list': () => staff.list(),
        'pos:staff:save': (req) => staff.save(req, actingStaff()),
        'pos:staff:policy-save': ({ policy, idleMinutes }) =>
          staff.savePolicy(policy, actingStaff(), idleMinutes),
        'pos:staff:audit': (query) => staff.audit(query),
        'pos:report:day': ({ date, counterId }) =>
          tools.dayReport(date, counterId ?? ctx.settings().counterId),
        'pos:report:day-csv': ({ date, counterId }) =>
          tools.exportDayCsv(date, counterId ?? ctx.settings().counterId, actingStaff()),
        'pos:report:reservations': () => tools.watchdog.list(),
        'pos:support:bundle': async ({ reference }) => {
          const file = buildSupportBundle({
            dataDir: ctx.dataDir,
            info: ctx.info(),
            settings: ctx.settings(),
            journal: ctx.journal,
            ...(reference ? { reference } : {}),
            secrets: ctx.secrets,
            now: now(),
          });
          const result = await deliver(file, options.saveFile);
          if (!result.cancelled) {
            staff.record(actingStaff(), 'support-bundle', {
              ...(reference ? { reference } : {}),
              details: { savedTo: result.savedTo },
            });
          }
          return result;
        },
      };
      tools.watchdog.scan();
      return {
        handlers,
        guard: staffGuard(staff),
        stop: async () => tools.stop(),
      };
    },
  };
}
