/**
 * Idempotency as Vipps documents it: a retry with the same key and the same request returns the
 * original result without repeating the operation; the same key with a different request is a
 * conflict. Keys are scoped per merchant, operation and payment reference.
 *
 * Only successful results are remembered: a refused request changed nothing, so a retry with the
 * same key is simply evaluated again (e.g. a capture refused before approval succeeds afterwards).
 */
import type { Reply } from './http-types';

interface Stored {
  fingerprint: string;
  reply: Reply;
}

export type IdempotencyLookup = { kind: 'new' } | { kind: 'replay'; reply: Reply } | { kind: 'conflict' };

export interface IdempotencyStore {
  lookup(scope: string, key: string, fingerprint: string): IdempotencyLookup;
  remember(scope: string, key: string, fingerprint: string, reply: Reply): void;
}

export function idempotencyScope(msn: string, operation: string, reference: string): string {
  return `${msn}\u0000${operation}\u0000${reference}`;
}

/** Key order does not make two bodies different; everything else does. */
export function fingerprint(body: unknown): string {
  return JSON.stringify(canonical(body ?? {}));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function createIdempotencyStore(): IdempotencyStore {
  const stored = new Map<string, Stored>();
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    lookup(scope, key, print) {
      const hit = stored.get(id(scope, key));
      if (!hit) return { kind: 'new' };
      return hit.fingerprint === print ? { kind: 'replay', reply: hit.reply } : { kind: 'conflict' };
    },
    remember(scope, key, print, reply) {
      stored.set(id(scope, key), { fingerprint: print, reply });
    },
  };
}
