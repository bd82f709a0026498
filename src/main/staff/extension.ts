import type { Approval } from '../../preload/contract';
import type { CoreExtension, ExtensionHandlers } from '../ipc/extension';
import { buildSupportBundle } from '../support/bundle';
import { deliver, type SaveFile } from '../support/deliver';
import { type Actor, runAs } from './actor';
import type { GatePermission } from './service';
import { openStaffTools } from './tools';

export interface StaffExtensionOptions {
  /** Electron's save dialog (src/main/windows/save-dialog.ts); without it exports become downloads. */
  saveFile?: SaveFile;
  clock?: () => Date;
  watchdogIntervalMs?: number;
}

/**
 * Staff tools as a core extension: its own channels (pos:staff:*, pos:report:*, pos:support:*)
 * and, in front of the shell's payment and settings channels, the one permission gate. Every
 * changing call runs "as" the actor the gate returned, so the engine's audit entries name them.
 */
export function staffExtension(options: StaffExtensionOptions = {}): CoreExtension {
  return {
    name: 'staff',
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

      /** Checks the permission, then runs `fn` on behalf of whoever the gate says is acting. */
      async function as<T>(
        permission: GatePermission | null,
        approval: Approval | undefined,
        fn: (actor: Actor) => T | Promise<T>,
      ): Promise<T> {
        const actor = await staff.authorize(permission, approval);
        return runAs(actor, () => fn(actor));
      }
      const releases = (reference: string) => {
        const status = staff.paymentStatus(reference);
        return status === 'RESERVED' || status === 'DECISION_NEEDED';
      };

      const handlers: ExtensionHandlers = {
        'pos:payment:start': (req) => as(null, undefined, () => ctx.paymentsForChange().start(req)),
        'pos:payment:capture': (req) => as(null, undefined, () => ctx.paymentsForChange().capture(req)),
        'pos:payment:cancel': ({ approval, reference }) =>
          as(releases(reference) ? 'release' : null, approval, () =>
            ctx.paymentsForChange().cancel(reference),
          ),
        'pos:payment:resolve': ({ approval, ...req }) =>
          as(req.action === 'release' ? 'release' : null, approval, () =>
            ctx.paymentsForChange().resolve(req),
          ),
        'pos:payment:refund': ({ approval, ...req }) =>
          as('refund', approval, () => ctx.paymentsForChange().refund(req)),
        'pos:settings:save': ({ approval, ...change }) =>
          as('settings', approval, (actor) => {
            // Written before applying: a new environment closes this journal while saving.
            staff.record(actor, 'settings-change', { details: { fields: Object.keys(change).sort() } });
            return ctx.saveSettings(change);
          }),
        'pos:staff:session': () => staff.session(),
        'pos:staff:sign-in': (req) => staff.signIn(req.pin),
        'pos:staff:sign-out': () => staff.signOut(),
        'pos:staff:bootstrap': (req) => staff.bootstrap(req),
        'pos:staff:list': ({ approval }) => as('staff-admin', approval, () => staff.list()),
        'pos:staff:save': ({ approval, ...req }) =>
          as('staff-admin', approval, (actor) => staff.save(req, actor)),
        'pos:staff:policy-save': ({ approval, policy }) =>
          as('staff-admin', approval, (actor) => staff.savePolicy(policy, actor)),
        'pos:staff:audit': ({ approval, ...query }) => as('staff-admin', approval, () => staff.audit(query)),
        'pos:report:day': ({ approval, date, counterId }) =>
          as('report', approval, () => tools.dayReport(date, counterId ?? ctx.settings().counterId)),
        'pos:report:day-csv': ({ approval, date, counterId }) =>
          as('report', approval, (actor) =>
            tools.exportDayCsv(date, counterId ?? ctx.settings().counterId, actor),
          ),
        'pos:report:reservations': () => tools.watchdog.list(),
        'pos:support:bundle': ({ approval, reference }) =>
          as('support', approval, async (actor) => {
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
              staff.record(actor, 'support-bundle', {
                ...(reference ? { reference } : {}),
                details: { savedTo: result.savedTo },
              });
            }
            return result;
          }),
      };
      tools.watchdog.scan();
      return {
        handlers,
        stop: async () => tools.stop(),
      };
    },
  };
}
