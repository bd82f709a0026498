/**
 * What engine tests watch on the wire: the requests the simulator received (key and body, as Vipps
 * would see them), and a send hook that holds one kind of request on its way out until the test lets
 * it go — the moment "the request is on the wire, no answer yet".
 */
import type { OperationRow } from '../../src/main/journal';
import type { EngineHooks } from '../../src/main/payments/engine';
import type { VippsClient } from '../../src/main/vipps/types';
import type { EngineDeps, EngineHarness } from './engine-harness';

export interface WireRequest {
  operation: string;
  key: unknown;
  body: unknown;
}

/** Every request to one of `operations` the simulator receives from now on, in order. */
export function requestsTo(h: EngineHarness, ...operations: string[]): WireRequest[] {
  const seen: WireRequest[] = [];
  h.sim.observe({
    request: (req) => {
      if (operations.includes(req.operation))
        seen.push({ operation: req.operation, key: req.headers['idempotency-key'], body: req.body });
    },
  });
  return seen;
}

/**
 * Holds requests of `kind` before they are sent until `release()`; `sending` settles when the first
 * one is held. `firstOnly` lets later ones of the kind through at once.
 */
export function holdSends(
  kind: OperationRow['kind'],
  options: { firstOnly?: boolean; crash?: () => boolean } = {},
) {
  const gate = latch();
  const onTheWire = latch();
  let held = false;
  const hooks: EngineHooks = {
    beforeSend: async (op) => {
      if (op.kind !== kind || (options.firstOnly && held)) return;
      if (options.crash?.()) throw new Error('power cut before sending');
      held = true;
      onTheWire.open();
      await gate.opened;
    },
  };
  return { hooks, sending: onTheWire.opened, release: gate.open };
}

/**
 * Vipps taking its time with one client method: the first call of `method` after `arm()` waits until
 * `release()`; `calling` settles when it is held. Give `variant` to the harness.
 */
export function holdFirstCall(method: keyof VippsClient) {
  const gate = latch();
  const reached = latch();
  let armed = false;
  const variant = (deps: EngineDeps): EngineDeps => {
    const call = (deps.vipps[method] as (...args: unknown[]) => Promise<unknown>).bind(deps.vipps);
    const held = async (...args: unknown[]) => {
      if (armed) {
        armed = false;
        reached.open();
        await gate.opened;
      }
      return call(...args);
    };
    return { ...deps, vipps: { ...deps.vipps, [method]: held } };
  };
  return {
    variant,
    arm: () => {
      armed = true;
    },
    calling: reached.opened,
    release: gate.open,
  };
}

/**
 * A journal that cannot write (a full disk): `table.method` throws "disk I/O error" — once after each
 * `arm()`, or always with `{ always: true }` — and writes through otherwise. Give `variant` to the
 * harness; `armed` is false again once the armed write has failed.
 */
export function failJournalWrite<T extends 'payments' | 'operations'>(
  table: T,
  method: keyof EngineDeps['journal'][T],
  { always = false } = {},
) {
  let armed = always;
  const variant = (deps: EngineDeps): EngineDeps => {
    const repo = deps.journal[table] as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>;
    const write = repo[method as PropertyKey]!.bind(repo);
    const failing = (...args: unknown[]) => {
      if (armed) {
        armed = always;
        throw new Error('disk I/O error');
      }
      return write(...args);
    };
    return { ...deps, journal: { ...deps.journal, [table]: { ...repo, [method]: failing } } };
  };
  return {
    variant,
    arm: () => {
      armed = true;
    },
    get armed() {
      return armed;
    },
  };
}

/**
 * Waits until a held request is on the wire (holdSends' `sending`, holdFirstCall's `calling`), but
 * fails at once when `action`, the call that should send it, ends first: a request that is never
 * sent fails the test now instead of hanging until the test timeout.
 */
export function heldOrEnded(held: Promise<void>, action: Promise<unknown>): Promise<void> {
  const ended = action.then(
    () => Promise.reject(new Error('the action ended without sending the held request')),
    (error: unknown) =>
      Promise.reject(new Error(`the action failed before sending the held request: ${String(error)}`)),
  );
  // Once the request is held, how the action ends is for the test to check.
  ended.catch(() => {});
  return Promise.race([held, ended]);
}

/** A promise the test settles by hand: `opened` settles once `open()` is called. */
export function latch(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
