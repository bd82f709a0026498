import { CH, type Channel } from '../../preload/contract';
import type { Core } from '../core/types';
import { PosFailure } from '../errors';
import type { ExtensionHandlers } from './extension';
import type { HandlerMap } from './handler';
import { REQUEST_SCHEMAS } from './schemas';

/**
 * The shell's own channels. Thin on purpose: the schemas have already checked the request, and the
 * core decides whether the work may happen now.
 */
function shellHandlers(core: Core): ExtensionHandlers {
  return {
    'pos:app:info': () => core.info(),
    'pos:payment:start': (req) => core.paymentsForChange().start(req),
    'pos:payment:active': () => core.payments().active(),
    'pos:payment:get': (req) => core.payments().get(req.reference),
    'pos:payment:cancel': (req) => core.paymentsForChange().cancel(req.reference),
    'pos:payment:capture': (req) => core.paymentsForChange().capture(req),
    'pos:payment:refund': (req) => core.paymentsForChange().refund(req),
    'pos:payment:resolve': (req) => core.paymentsForChange().resolve(req),
    'pos:payment:dismiss': (req) => {
      core.payments().dismiss(req.reference);
      return null;
    },
    'pos:payment:search': (req) => core.payments().search(req),
    'pos:payment:attention': () => core.payments().attention(),
    'pos:payment:lookup': (req) => core.payments().lookup(req.reference),
    'pos:settings:get': () => core.settingsView(),
    'pos:settings:save': (req) => core.saveSettings(req),
    'pos:settings:test-connection': () => core.testConnection(),
    'pos:training:customer': (req) => core.trainingCustomer(req),
  };
}

/** The channels the shell answers itself (others come from extensions). */
export const SHELL_CHANNELS = Object.keys(shellHandlers({} as Core)) as Channel[];

/**
 * The handler of every channel in the contract. Each call resolves the channel's one
 * implementation — the current setup's extension handler, else the shell's own — and runs it
 * through the setup's guard (core.guard, see ./extension.ts), which may refuse, check a manager's
 * approval or act on behalf of a staff member. A channel nobody implements answers INTERNAL in
 * plain words rather than being left unregistered.
 */
export function createHandlers(core: Core): HandlerMap {
  const shell = shellHandlers(core) as Record<string, ((req: unknown) => unknown) | undefined>;
  const map: Record<string, { schema: unknown; handle(req: unknown): unknown }> = {};
  for (const channel of Object.values(CH)) {
    map[channel] = {
      schema: REQUEST_SCHEMAS[channel],
      handle: (req) =>
        core.guard(channel, req, async (passed) => {
          const implementation =
            (core.extensionHandler(channel) as ((req: unknown) => unknown) | undefined) ?? shell[channel];
          if (!implementation) {
            throw new PosFailure('INTERNAL', 'This function is not available in this version of the app.');
          }
          return implementation(passed);
        }),
    };
  }
  return map as unknown as HandlerMap;
}
