import type { Core } from '../core';
import type { HandlerMap } from './handler';
import { REQUEST_SCHEMAS as S } from './schemas';

/**
 * The handler of every channel in the contract. Handlers are thin: the schemas have already
 * checked the request, and the core decides whether the work may happen now.
 */
export function createHandlers(core: Core): HandlerMap {
  return {
    'pos:app:info': { schema: S['pos:app:info'], handle: () => core.info() },
    'pos:payment:start': {
      schema: S['pos:payment:start'],
      handle: (req) => core.paymentsForChange().start(req),
    },
    'pos:payment:active': { schema: S['pos:payment:active'], handle: () => core.payments().active() },
    'pos:payment:get': { schema: S['pos:payment:get'], handle: (req) => core.payments().get(req.reference) },
    'pos:payment:cancel': {
      schema: S['pos:payment:cancel'],
      handle: (req) => core.paymentsForChange().cancel(req.reference),
    },
    'pos:payment:capture': {
      schema: S['pos:payment:capture'],
      handle: (req) => core.paymentsForChange().capture(req),
    },
    'pos:payment:refund': {
      schema: S['pos:payment:refund'],
      handle: (req) => core.paymentsForChange().refund(req),
    },
    'pos:payment:resolve': {
      schema: S['pos:payment:resolve'],
      handle: (req) => core.paymentsForChange().resolve(req),
    },
    'pos:payment:dismiss': {
      schema: S['pos:payment:dismiss'],
      handle: (req) => {
        core.payments().dismiss(req.reference);
        return null;
      },
    },
    'pos:payment:search': { schema: S['pos:payment:search'], handle: (req) => core.payments().search(req) },
    'pos:payment:attention': {
      schema: S['pos:payment:attention'],
      handle: () => core.payments().attention(),
    },
    'pos:settings:get': { schema: S['pos:settings:get'], handle: () => core.settingsView() },
    'pos:settings:save': { schema: S['pos:settings:save'], handle: (req) => core.saveSettings(req) },
    'pos:settings:test-connection': {
      schema: S['pos:settings:test-connection'],
      handle: () => core.testConnection(),
    },
    'pos:training:customer': {
      schema: S['pos:training:customer'],
      handle: (req) => core.trainingCustomer(req),
    },
  };
}
