/**
 * Which till a request came from, for the length of that request (and the work it awaits). The
 * engine knows nothing of tills: the journal it writes through (journalWithTillOrigin) binds the
 * till's request id to the sale or money intent it creates, in the very transaction that writes
 * it, and stamps the till's name on the audit entries.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Journal } from '../journal';
import { tillRepo } from './repo';

export interface TillOrigin {
  tillId: number;
  tillName: string;
  /** The till's request id and what it asked for: bound to the first sale or intent written. */
  request: { id: string; operation: string; bodyHash: string; orderId: string | null } | null;
}

const current = new AsyncLocalStorage<TillOrigin>();

export function runFromTill<T>(origin: TillOrigin, fn: () => T): T {
  return current.run(origin, fn);
}

export function currentTill(): TillOrigin | undefined {
  return current.getStore();
}

/** The actor the audit log shows for a till's request when nobody at the counter is signed in. */
export const tillActor = (name: string) => `till:${name}`;

/**
 * The journal the engine gets. Inside a till's request: a new sale (payments.insert) or money
 * intent (operations.insert) also writes the request-id binding, in the same transaction (the first
 * write wins, so a request that makes both a sale and its create intent is bound once); audit
 * entries name the till (actor "till:<name>" instead of the anonymous "cashier", and `till` in
 * the details whoever is signed in).
 */
export function journalWithTillOrigin(journal: Journal): Journal {
  const repo = tillRepo(journal.connection);
  const bind = (reference: string) => {
    const origin = currentTill();
    if (origin?.request) repo.bindRequest(origin.tillId, origin.request, reference);
  };
  return {
    ...journal,
    payments: {
      ...journal.payments,
      insert: (row) => {
        journal.payments.insert(row);
        bind(row.reference);
      },
    },
    operations: {
      ...journal.operations,
      insert: (op) => {
        journal.operations.insert(op);
        if (op.kind !== 'receipt') bind(op.reference);
      },
    },
    audit: {
      ...journal.audit,
      append: (entry) => {
        const origin = currentTill();
        if (!origin) return journal.audit.append(entry);
        journal.audit.append({
          ...entry,
          actor: entry.actor === 'cashier' ? tillActor(origin.tillName) : entry.actor,
          details: { ...entry.details, till: origin.tillName },
        });
      },
    },
  };
}
