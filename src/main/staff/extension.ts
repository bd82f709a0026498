import type { Approval, Channel, ChannelMap } from '../../preload/contract';
import type { ChannelHandler, CoreExtension, ExtensionHandlers, PermissionGate } from '../ipc/extension';
import { buildSupportBundle } from '../support/bundle';
import { deliver, type SaveFile } from '../support/deliver';
import { type Actor, runAs } from './actor';
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

/**
 * Staff tools as a core extension: its own channels (pos:staff:*, pos:report:*, pos:support:*)
 * and, in front of the shell's payment and settings channels, the one permission gate. Every
 * changing call runs "as" the actor the gate returned, so the engine's audit entries name them.
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

      /** Checks the permission the request needs (permissions.ts), then runs `fn` on behalf of whoever acts. */
      function gated<C extends Channel>(
        channel: C,
        fn: (req: ChannelMap[C]['req'], actor: Actor) => ChannelMap[C]['res'] | Promise<ChannelMap[C]['res']>,
      ): ChannelHandler<C> {
        return async (req) => {
          const permission = await permissionFor(channel, req, staff.paymentStatus);
          const actor = await staff.authorize(permission, (req as { approval?: Approval }).approval);
          return runAs(actor, () => fn(req, actor));
        };
      }

      const handlers: ExtensionHandlers = {
        'pos:payment:start': gated('pos:payment:start', (req) => ctx.paymentsForChange().start(req)),
        'pos:payment:capture': gated('pos:payment:capture', (req) => ctx.paymentsForChange().capture(req)),
        'pos:payment:cancel': gated('pos:payment:cancel', ({ reference }) =>
          ctx.paymentsForChange().cancel(reference),
        ),
        'pos:payment:resolve': gated('pos:payment:resolve', ({ approval, ...req }) =>
          ctx.paymentsForChange().resolve(req),
        ),
        'pos:payment:refund': gated('pos:payment:refund', ({ approval, ...req }) =>
          ctx.paymentsForChange().refund(req),
        ),
        'pos:settings:save': gated('pos:settings:save', ({ approval, ...change }, actor) => {
          // Written before applying: a new environment closes this journal while saving.
          staff.record(actor, 'settings-change', { details: { fields: Object.keys(change).sort() } });
          return ctx.saveSettings(change);
        }),
        'pos:staff:session': () => staff.session(),
        'pos:staff:sign-in': (req) => staff.signIn(req.pin),
        'pos:staff:sign-out': () => staff.signOut(),
        'pos:staff:bootstrap': (req) => staff.bootstrap(req),
        'pos:staff:list': gated('pos:staff:list', () => staff.list()),
        'pos:staff:save': gated('pos:staff:save', ({ approval, ...req }, actor) => staff.save(req, actor)),
        'pos:staff:policy-save': gated('pos:staff:policy-save', ({ policy }, actor) =>
          staff.savePolicy(policy, actor),
        ),
        'pos:staff:audit': gated('pos:staff:audit', ({ approval, ...query }) => staff.audit(query)),
        'pos:report:day': gated('pos:report:day', ({ date, counterId }) =>
          tools.dayReport(date, counterId ?? ctx.settings().counterId),
        ),
        'pos:report:day-csv': gated('pos:report:day-csv', ({ date, counterId }, actor) =>
          tools.exportDayCsv(date, counterId ?? ctx.settings().counterId, actor),
        ),
        'pos:report:reservations': () => tools.watchdog.list(),
        'pos:support:bundle': gated('pos:support:bundle', async ({ reference }, actor) => {
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
        // The checks still live in the handlers above; this guard only marks the gate as running.
        guard: (_channel, req, next) => next(req),
        stop: async () => tools.stop(),
      };
    },
  };
}
