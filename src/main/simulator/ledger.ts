/**
 * Every money movement the simulator really applied, in order. Tests read it to prove that a
 * retried or replayed request moved money exactly once.
 */
import type { LedgerEntry } from './types';

export interface Ledger {
  entries(): readonly LedgerEntry[];
  forReference(reference: string): readonly LedgerEntry[];
  /** Sum of one kind of movement, optionally for one payment. */
  total(kind: LedgerEntry['kind'], reference?: string): number;
}

export interface WritableLedger extends Ledger {
  record(entry: Omit<LedgerEntry, 'seq'>): LedgerEntry;
}

export function createLedger(): WritableLedger {
  const rows: LedgerEntry[] = [];
  return {
    record(entry) {
      const row = Object.freeze({ ...entry, seq: rows.length + 1 });
      rows.push(row);
      return row;
    },
    entries: () => rows.slice(),
    forReference: (reference) => rows.filter((r) => r.reference === reference),
    total: (kind, reference) =>
      rows
        .filter((r) => r.kind === kind && (reference === undefined || r.reference === reference))
        .reduce((sum, r) => sum + r.amount, 0),
  };
}
