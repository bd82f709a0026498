import { AsyncLocalStorage } from 'node:async_hooks';
import type { StaffRole } from '../../preload/contract';
import type { Journal } from '../journal';

/** Who a request runs for: the signed-in staff member (or nobody at the counter) and any approver. */
export interface Actor {
  id: number | null;
  name: string;
  role: StaffRole | null;
  approvedBy?: { id: number; name: string };
}

/** Nobody is signed in: the audit log says "counter", as it did before staff existed. */
export const COUNTER_ACTOR: Actor = { id: null, name: 'counter', role: null };

const current = new AsyncLocalStorage<Actor>();

/** Runs one request on behalf of `actor`; audit entries written inside it (and awaited work) name them. */
export function runAs<T>(actor: Actor, fn: () => T): T {
  return current.run(actor, fn);
}

export function currentActor(): Actor | undefined {
  return current.getStore();
}

export function actorDetails(actor: Actor): Record<string, unknown> {
  return {
    ...(actor.id !== null ? { staffId: actor.id, role: actor.role } : {}),
    ...(actor.approvedBy ? { approvedBy: actor.approvedBy } : {}),
  };
}

/**
 * The journal the engine gets: the engine writes its own audit entries as "cashier"; inside a
 * staff request they are stamped with the real person and any manager who approved, so every
 * money intent in the audit log says who did it without the engine knowing about staff.
 */
export function journalWithStaffActor(journal: Journal): Journal {
  const audit = journal.audit;
  return {
    ...journal,
    audit: {
      ...audit,
      append: (entry) => {
        const actor = currentActor();
        if (!actor || entry.actor !== 'cashier' || (actor.id === null && !actor.approvedBy)) {
          audit.append(entry);
          return;
        }
        audit.append({
          ...entry,
          actor: actor.id === null ? entry.actor : actor.name,
          details: { ...entry.details, ...actorDetails(actor) },
        });
      },
    },
  };
}
