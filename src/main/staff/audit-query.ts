import type { AuditEntryView, AuditPage, AuditQuery, Currency } from '../../preload/contract';
import type { JournalConnection } from '../journal';
import { localDayRange } from '../reports/local-day';

const DEFAULT_LIMIT = 100;

interface RawAudit {
  id: number;
  at: string;
  actor: string;
  action: string;
  reference: string | null;
  amount: number | null;
  currency: Currency | null;
  details: string;
}

/**
 * The manager's audit view: newest first, filtered, paged by id. Every filter is a bound parameter.
 * An amount keeps the currency of the sale it was taken in (the counter's market may have changed
 * since): one primary-key lookup per entry shown.
 */
export function auditQuery(db: JournalConnection): (query: AuditQuery) => AuditPage {
  const select = db.prepare(`
    SELECT id, at, actor, action, reference, amount,
      (SELECT currency FROM payments p WHERE p.reference = audit_log.reference) AS currency, details
    FROM audit_log
    WHERE (@from IS NULL OR at >= @from)
      AND (@to IS NULL OR at < @to)
      AND (@actor IS NULL OR actor = @actor)
      AND (@action IS NULL OR action = @action)
      AND (@reference IS NULL OR reference = @reference)
      AND (@beforeId IS NULL OR id < @beforeId)
    ORDER BY id DESC
    LIMIT @limit`);
  return (query) => {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = select.all({
      from: query.from ? localDayRange(query.from, 'from').from : null,
      to: query.to ? localDayRange(query.to, 'to').to : null,
      actor: query.actor || null,
      action: query.action || null,
      reference: query.reference || null,
      beforeId: query.beforeId ?? null,
      limit: limit + 1,
    }) as RawAudit[];
    const items: AuditEntryView[] = rows.slice(0, limit).map((r) => ({
      ...r,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
    return { items, nextBeforeId: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  };
}
