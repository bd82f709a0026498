import type { Migration } from './types';

/**
 * Issue 14, the till integration (src/main/till):
 * - till_config: whether the local API is on and where it listens (one row; off by default);
 * - tills: one paired till each, named, with the SHA-256 of its long-lived token (never the token)
 *   and when it was revoked;
 * - till_requests: the till's request ids, each bound to exactly one operation on one sale (and the
 *   hash of the request it came with), written in the same transaction as the sale or the money
 *   intent it started, so a re-sent request can never become a second operation.
 */
export const tillIntegration: Migration = {
  id: 200,
  name: 'till-integration',
  sql: `
CREATE TABLE till_config (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  bind    TEXT NOT NULL DEFAULT 'loopback' CHECK (bind IN ('loopback', 'lan'))
);

CREATE TABLE tills (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE UNIQUE INDEX tills_active_name ON tills (name) WHERE revoked_at IS NULL;

CREATE TABLE till_requests (
  till_id    INTEGER NOT NULL REFERENCES tills (id),
  request_id TEXT NOT NULL,
  operation  TEXT NOT NULL,
  body_hash  TEXT NOT NULL,
  reference  TEXT NOT NULL,
  order_id   TEXT,
  problem    TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (till_id, request_id)
);
CREATE INDEX till_requests_by_order ON till_requests (till_id, order_id, created_at);
CREATE INDEX till_requests_by_day ON till_requests (till_id, operation, created_at);
`,
};
