import type { Migration } from './types';

/** The sale and every money intent against it. Amounts are integers in minor units. */
export const paymentsAndOperations: Migration = {
  id: 10,
  name: 'payments-and-operations',
  sql: `
CREATE TABLE payments (
  reference        TEXT PRIMARY KEY NOT NULL,
  counter_id       TEXT NOT NULL,
  amount           INTEGER NOT NULL CHECK (amount > 0),
  currency         TEXT NOT NULL CHECK (currency IN ('NOK', 'DKK', 'EUR')),
  flow             TEXT NOT NULL CHECK (flow IN ('PUSH_PHONE', 'QR', 'PERSONAL_QR')),
  description      TEXT NOT NULL,
  phone_masked     TEXT,
  phone_last4      TEXT,
  lines            TEXT NOT NULL DEFAULT '[]',
  status           TEXT NOT NULL,
  vipps_state      TEXT,
  psp_reference    TEXT,
  authorized       INTEGER NOT NULL DEFAULT 0,
  captured         INTEGER NOT NULL DEFAULT 0,
  refunded         INTEGER NOT NULL DEFAULT 0,
  cancelled        INTEGER NOT NULL DEFAULT 0,
  qr_kind          TEXT,
  qr_value         TEXT,
  expires_at       TEXT,
  attention        TEXT,
  receipt          TEXT NOT NULL DEFAULT 'none',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  given_up         INTEGER NOT NULL DEFAULT 0,
  dismissed        INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX payments_by_created ON payments (created_at DESC, reference DESC);
CREATE INDEX payments_by_status ON payments (status, created_at DESC);
CREATE INDEX payments_by_phone ON payments (phone_last4);
CREATE INDEX payments_by_counter ON payments (counter_id, dismissed);

CREATE TABLE operations (
  id                 TEXT PRIMARY KEY NOT NULL,
  reference          TEXT NOT NULL REFERENCES payments (reference),
  kind               TEXT NOT NULL CHECK (kind IN ('create', 'capture', 'cancel', 'refund', 'receipt')),
  idempotency_key    TEXT NOT NULL UNIQUE,
  amount             INTEGER,
  request_id         TEXT,
  request_body       TEXT,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'unknown')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  reason             TEXT,
  last_error_code    TEXT,
  last_error_message TEXT,
  last_error_retryable INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (reference, request_id)
);
CREATE INDEX operations_by_reference ON operations (reference, created_at);
CREATE INDEX operations_open ON operations (status) WHERE status IN ('pending', 'unknown');
`,
};
