import type { Migration } from './types';

/**
 * Our copy of Vipps' event log. A missing idempotency key is stored as '' so the uniqueness rule
 * (SQLite treats NULLs as distinct) still stops the same event from being stored twice.
 */
export const vippsEvents: Migration = {
  id: 20,
  name: 'vipps-events',
  sql: `
CREATE TABLE vipps_events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  reference       TEXT NOT NULL REFERENCES payments (reference),
  name            TEXT NOT NULL,
  amount          INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  timestamp       TEXT NOT NULL,
  success         INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL DEFAULT '',
  psp_reference   TEXT NOT NULL,
  fetched_at      TEXT NOT NULL,
  UNIQUE (reference, timestamp, name, idempotency_key)
);
`,
};
