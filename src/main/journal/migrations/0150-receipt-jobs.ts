import type { Migration } from './types';

/**
 * One receipt job per completed sale (src/main/receipts). The body is built once, when the job is
 * made, so every retry sends exactly the same receipt. `maybe_applied`: an earlier attempt may have
 * reached Vipps without us seeing the answer (a later 409 is then our own receipt).
 */
export const receiptJobs: Migration = {
  id: 150,
  name: 'receipt-jobs',
  sql: `
CREATE TABLE receipt_jobs (
  reference          TEXT PRIMARY KEY NOT NULL REFERENCES payments (reference),
  counter_id         TEXT NOT NULL,
  receipt_number     INTEGER NOT NULL,
  body               TEXT,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    TEXT,
  in_flight          INTEGER NOT NULL DEFAULT 0,
  maybe_applied      INTEGER NOT NULL DEFAULT 0,
  last_error_code    TEXT,
  last_error_message TEXT,
  note               TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  sent_at            TEXT,
  UNIQUE (counter_id, receipt_number)
);
CREATE INDEX receipt_jobs_due ON receipt_jobs (next_attempt_at) WHERE status = 'pending';
`,
};
