/**
 * Deliberately broken variants of the engine, injected through what the engine is given (never by
 * editing src), so the oracle and the write-ahead witness can be shown to fail on the bugs an audit
 * measured them against. RELIABILITY_MUTANT=<name> runs a reliability suite on one of them.
 */
import type { OperationRow } from '../../../src/main/journal';
import type { OperationKind } from '../../../src/preload/contract';
import type { EngineDeps, EngineVariant } from '../engine-harness';

/** A refund sends "everything still refundable" instead of the amount the cashier asked for. */
export const refundEverything: EngineVariant = (deps) => ({
  ...deps,
  vipps: {
    ...deps.vipps,
    refundPayment: async (reference, amount, key) => {
      const { aggregate } = await deps.vipps.getPayment(reference);
      const rest = aggregate.capturedAmount.value - aggregate.refundedAmount.value;
      return deps.vipps.refundPayment(reference, { ...amount, value: rest }, key);
    },
  },
});

/**
 * The intent of these kinds is committed only after Vipps answered (same key, order swapped): the
 * engine sees it as written, the file does not have it while the request is on the wire.
 */
export function sendBeforeCommit(kinds: readonly OperationKind[]): EngineVariant {
  return (deps: EngineDeps) => {
    const ops = deps.journal.operations;
    const held = new Map<string, OperationRow>();
    const commitAfter = async <T>(key: string, call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } finally {
        const op = [...held.values()].find((o) => o.idempotencyKey === key);
        if (op) {
          held.delete(op.id);
          ops.insert(op);
        }
      }
    };
    const vipps = deps.vipps;
    return {
      journal: {
        ...deps.journal,
        operations: {
          ...ops,
          insert: (op) => (kinds.includes(op.kind) ? void held.set(op.id, op) : ops.insert(op)),
          get: (id) => held.get(id) ?? ops.get(id),
          save: (op) => (held.has(op.id) ? void held.set(op.id, op) : ops.save(op)),
        },
      },
      vipps: {
        ...vipps,
        createPayment: (body, key) => commitAfter(key, () => vipps.createPayment(body, key)),
        capturePayment: (ref, amount, key) => commitAfter(key, () => vipps.capturePayment(ref, amount, key)),
        refundPayment: (ref, amount, key) => commitAfter(key, () => vipps.refundPayment(ref, amount, key)),
        cancelPayment: (ref, key, options) => commitAfter(key, () => vipps.cancelPayment(ref, key, options)),
      },
    };
  };
}

/** The variant named by RELIABILITY_MUTANT (for showing that a suite fails on it), or none. */
export function mutantFromEnv(): EngineVariant | undefined {
  switch (process.env.RELIABILITY_MUTANT) {
    case undefined:
    case '':
      return undefined;
    case 'refund-everything':
      return refundEverything;
    case 'refund-before-commit':
      return sendBeforeCommit(['refund']);
    default:
      throw new Error(`unknown RELIABILITY_MUTANT ${process.env.RELIABILITY_MUTANT}`);
  }
}
