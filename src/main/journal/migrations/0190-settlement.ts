import type { Migration } from './types';

/**
 * Issue 13, settlement reconciliation: what the Report API told us, kept in the journal file.
 * - settlement_ledgers: the ledgers the keys can see (one per sales unit and currency).
 * - settlement_cursors: where the feed of each ledger and topic goes on; written in the same
 *   transaction as the entries of the page it follows, so a restart neither skips nor repeats.
 * - settlement_entries: every funds and fees entry. Entries have no id of their own at Vipps; the
 *   unique key (pspReference, type, time and the running balance after it) tells a repeat from a
 *   new entry, so a page read twice (a lost answer, a closed date read after the feed) adds nothing.
 * - settlement_closed_dates: ledger dates whose report Vipps has closed (the date endpoint answered).
 */
export const settlement: Migration = {
  id: 190,
  name: 'settlement',
  sql: `
CREATE TABLE settlement_ledgers (
  ledger_id  TEXT PRIMARY KEY NOT NULL,
  currency   TEXT,
  handles    TEXT NOT NULL DEFAULT '[]',
  seen_at    TEXT NOT NULL
);

CREATE TABLE settlement_cursors (
  ledger_id  TEXT NOT NULL,
  topic      TEXT NOT NULL CHECK (topic IN ('funds', 'fees')),
  cursor     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (ledger_id, topic)
);

CREATE TABLE settlement_entries (
  id               INTEGER PRIMARY KEY,
  ledger_id        TEXT NOT NULL,
  topic            TEXT NOT NULL CHECK (topic IN ('funds', 'fees')),
  ledger_date      TEXT NOT NULL,
  entry_type       TEXT NOT NULL,
  psp_reference    TEXT NOT NULL,
  reference        TEXT,
  amount           INTEGER NOT NULL,
  currency         TEXT NOT NULL,
  balance_before   INTEGER NOT NULL,
  balance_after    INTEGER NOT NULL,
  time             TEXT NOT NULL,
  recipient_handle TEXT,
  UNIQUE (ledger_id, topic, psp_reference, entry_type, time, balance_after)
);
CREATE INDEX settlement_entries_by_date ON settlement_entries (ledger_id, topic, ledger_date, id);
CREATE INDEX settlement_entries_by_reference ON settlement_entries (reference) WHERE reference IS NOT NULL;

CREATE TABLE settlement_closed_dates (
  ledger_id   TEXT NOT NULL,
  ledger_date TEXT NOT NULL,
  closed_seen TEXT NOT NULL,
  PRIMARY KEY (ledger_id, ledger_date)
);
`,
};
