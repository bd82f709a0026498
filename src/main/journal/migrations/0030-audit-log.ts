import type { Migration } from './types';

/** Who did what to which sale. Append-only: triggers refuse every UPDATE and DELETE. */
export const auditLog: Migration = {
  id: 30,
  name: 'audit-log',
  sql: `
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  reference TEXT,
  amount    INTEGER,
  details   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_reference ON audit_log (reference, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
`,
};
