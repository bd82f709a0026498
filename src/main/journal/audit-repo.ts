import type Database from 'better-sqlite3';
import type { AuditEntry } from './rows';

interface RawAudit {
  at: string;
  actor: string;
  action: string;
  reference: string | null;
  amount: number | null;
  details: string;
}

export interface AuditRepo {
  append(entry: AuditEntry): void;
  forReference(reference: string): AuditEntry[];
  all(): AuditEntry[];
}

export function auditRepo(db: Database.Database): AuditRepo {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, reference, amount, details) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const forReference = db.prepare('SELECT * FROM audit_log WHERE reference = ? ORDER BY id');
  const all = db.prepare('SELECT * FROM audit_log ORDER BY id');
  const map = (r: RawAudit): AuditEntry => ({ ...r, details: JSON.parse(r.details) });
  return {
    append: (e) => {
      insert.run(e.at, e.actor, e.action, e.reference, e.amount, JSON.stringify(e.details));
    },
    forReference: (reference) => (forReference.all(reference) as RawAudit[]).map(map),
    all: () => (all.all() as RawAudit[]).map(map),
  };
}
