import type { Migration } from './types';

/**
 * Staff tools: staff members with scrypt PIN hashes, the persisted PIN lockout (so a restart does
 * not reset it), the per-action permission policy, and indexes for the audit view and day report.
 */
export const staff: Migration = {
  id: 100,
  name: 'staff',
  sql: `
CREATE TABLE staff (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  role       TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash   TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE pin_lockout (
  scope        TEXT PRIMARY KEY NOT NULL,
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  updated_at   TEXT NOT NULL
);

CREATE TABLE permission_policy (
  action TEXT PRIMARY KEY NOT NULL CHECK (action IN ('refund', 'release', 'settings', 'report', 'support')),
  level  TEXT NOT NULL CHECK (level IN ('anyone', 'manager'))
);

CREATE INDEX audit_by_time ON audit_log (at, id);
CREATE INDEX payments_by_counter_created ON payments (counter_id, created_at);
CREATE INDEX operations_by_kind_updated ON operations (kind, updated_at);
`,
};
