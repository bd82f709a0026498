import type Database from 'better-sqlite3';
import type { VippsEventRow } from './rows';

interface RawEvent {
  reference: string;
  name: VippsEventRow['name'];
  amount: number;
  currency: VippsEventRow['currency'];
  timestamp: string;
  success: number;
  idempotency_key: string;
  psp_reference: string;
}

export interface EventsRepo {
  /** Stores events not seen before; returns how many were new. */
  store(events: readonly VippsEventRow[], fetchedAt: string): number;
  forReference(reference: string): VippsEventRow[];
}

export function eventsRepo(db: Database.Database): EventsRepo {
  const insert = db.prepare(`INSERT OR IGNORE INTO vipps_events
    (reference, name, amount, currency, timestamp, success, idempotency_key, psp_reference, fetched_at)
    VALUES (@reference, @name, @amount, @currency, @timestamp, @success, @idempotency_key, @psp_reference, @fetched_at)`);
  const forReference = db.prepare('SELECT * FROM vipps_events WHERE reference = ? ORDER BY timestamp, id');
  const storeAll = db.transaction((events: readonly VippsEventRow[], fetchedAt: string) => {
    let added = 0;
    for (const e of events) {
      added += insert.run({
        reference: e.reference,
        name: e.name,
        amount: e.amount,
        currency: e.currency,
        timestamp: e.timestamp,
        success: e.success ? 1 : 0,
        idempotency_key: e.idempotencyKey ?? '',
        psp_reference: e.pspReference,
        fetched_at: fetchedAt,
      }).changes;
    }
    return added;
  });
  return {
    store: (events, fetchedAt) => storeAll(events, fetchedAt),
    forReference: (reference) =>
      (forReference.all(reference) as RawEvent[]).map((r) => ({
        reference: r.reference,
        name: r.name,
        amount: r.amount,
        currency: r.currency,
        timestamp: r.timestamp,
        success: r.success === 1,
        idempotencyKey: r.idempotency_key === '' ? null : r.idempotency_key,
        pspReference: r.psp_reference,
      })),
  };
}
