/**
 * The settlement tables in the journal file (migration 0190): ledgers, feed cursors, entries and
 * closed dates. A page of entries and the cursor after it are written in one transaction, and an
 * entry read twice is ignored by its unique key, so the feed can be re-read at any point.
 */
import type { JournalConnection } from '../journal';
import type { Ledger, ReportEntry, ReportTopic } from '../vipps';

export interface StoredEntry {
  id: number;
  ledgerId: string;
  topic: ReportTopic;
  ledgerDate: string;
  entryType: string;
  pspReference: string;
  reference: string | null;
  amount: number;
  currency: string;
  balanceBefore: number;
  balanceAfter: number;
  time: string;
  recipientHandle: string | null;
}

/** An entry read for its date: the ledger, topic and date are the ones asked for (not a copy per row). */
export type DateEntry = Omit<StoredEntry, 'ledgerId' | 'topic' | 'ledgerDate'>;

export interface StoredLedger {
  ledgerId: string;
  currency: string | null;
  handles: string[];
}

export interface SettlementStore {
  saveLedgers(ledgers: readonly Ledger[], at: string): void;
  ledgers(): StoredLedger[];
  cursor(ledgerId: string, topic: ReportTopic): string | undefined;
  /** Inserts the page's entries (repeats ignored) and moves the cursor, atomically. Returns how many were new. */
  savePage(
    ledgerId: string,
    topic: ReportTopic,
    items: readonly ReportEntry[],
    cursor: string | null,
    at: string,
  ): number;
  /** Both topics of a closed date from the date endpoint (repeats ignored), and the date marked closed. */
  saveClosedDate(
    ledgerId: string,
    date: string,
    topics: Record<ReportTopic, readonly ReportEntry[]>,
    at: string,
  ): number;
  isClosed(ledgerId: string, date: string): boolean;
  /** Dates with entries that are not known to be closed, oldest first. */
  openDates(ledgerId: string): string[];
  /** Every date with entries, newest first. */
  dates(ledgerId: string): string[];
  entries(ledgerId: string, topic: ReportTopic, date: string): DateEntry[];
  /** Funds capture/refund entries of these references (any date), in one indexed pass. */
  byReferences(references: readonly string[]): StoredEntry[];
  count(ledgerId?: string): number;
}

const DATE_ENTRY_COLUMNS = `id, entry_type AS entryType, psp_reference AS pspReference, reference, amount,
  currency, balance_before AS balanceBefore, balance_after AS balanceAfter, time, recipient_handle AS recipientHandle`;
const ENTRY_COLUMNS = `ledger_id AS ledgerId, topic, ledger_date AS ledgerDate, ${DATE_ENTRY_COLUMNS}`;

export function settlementStore(db: JournalConnection): SettlementStore {
  const upsertLedger = db.prepare(`INSERT INTO settlement_ledgers (ledger_id, currency, handles, seen_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (ledger_id) DO UPDATE SET currency = excluded.currency,
    handles = excluded.handles, seen_at = excluded.seen_at`);
  const listLedgers = db.prepare(
    'SELECT ledger_id AS ledgerId, currency, handles FROM settlement_ledgers ORDER BY ledger_id',
  );
  const getCursor = db.prepare('SELECT cursor FROM settlement_cursors WHERE ledger_id = ? AND topic = ?');
  const setCursor =
    db.prepare(`INSERT INTO settlement_cursors (ledger_id, topic, cursor, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (ledger_id, topic) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`);
  const insert =
    db.prepare(`INSERT OR IGNORE INTO settlement_entries (ledger_id, topic, ledger_date, entry_type,
    psp_reference, reference, amount, currency, balance_before, balance_after, time, recipient_handle)
    VALUES (@ledgerId, @topic, @ledgerDate, @entryType, @pspReference, @reference, @amount, @currency,
    @balanceBefore, @balanceAfter, @time, @recipientHandle)`);
  const closed = db.prepare(
    'INSERT OR IGNORE INTO settlement_closed_dates (ledger_id, ledger_date, closed_seen) VALUES (?, ?, ?)',
  );
  const isClosed = db.prepare(
    'SELECT 1 FROM settlement_closed_dates WHERE ledger_id = ? AND ledger_date = ?',
  );
  const openDates = db.prepare(`SELECT DISTINCT e.ledger_date AS date FROM settlement_entries e
    WHERE e.ledger_id = ? AND e.topic = 'funds' AND NOT EXISTS (SELECT 1 FROM settlement_closed_dates c
      WHERE c.ledger_id = e.ledger_id AND c.ledger_date = e.ledger_date) ORDER BY 1`);
  const dates =
    db.prepare(`SELECT ledger_date AS date FROM settlement_entries WHERE ledger_id = ? AND topic = 'funds'
    UNION SELECT ledger_date FROM settlement_closed_dates WHERE ledger_id = ? ORDER BY 1 DESC`);
  const entries = db.prepare(`SELECT ${DATE_ENTRY_COLUMNS} FROM settlement_entries
    WHERE ledger_id = ? AND topic = ? AND ledger_date = ? ORDER BY id`);
  // settlement_entries_by_reference is the only index without the ledger first: one probe each.
  const byReferences = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM settlement_entries
    WHERE reference IN (SELECT value FROM json_each(?)) AND topic = 'funds'
      AND entry_type IN ('capture', 'refund')`);
  const countAll = db.prepare('SELECT count(*) AS n FROM settlement_entries');
  const countLedger = db.prepare('SELECT count(*) AS n FROM settlement_entries WHERE ledger_id = ?');

  const insertAll = (ledgerId: string, topic: ReportTopic, items: readonly ReportEntry[]) => {
    let added = 0;
    for (const e of items) {
      added += insert.run({
        ledgerId,
        topic,
        ledgerDate: e.ledgerDate,
        entryType: e.entryType,
        pspReference: e.pspReference,
        reference: e.reference ?? null,
        amount: e.amount,
        currency: e.currency,
        balanceBefore: e.balanceBefore,
        balanceAfter: e.balanceAfter,
        time: e.time,
        recipientHandle: e.recipientHandle ?? null,
      }).changes;
    }
    return added;
  };

  return {
    saveLedgers(ledgers, at) {
      db.transaction(() => {
        for (const l of ledgers) {
          upsertLedger.run(l.ledgerId, l.currency ?? null, JSON.stringify(l.settlesForRecipientHandles), at);
        }
      })();
    },
    ledgers: () =>
      (listLedgers.all() as Array<{ ledgerId: string; currency: string | null; handles: string }>).map(
        (l) => ({
          ledgerId: l.ledgerId,
          currency: l.currency,
          handles: JSON.parse(l.handles) as string[],
        }),
      ),
    cursor(ledgerId, topic) {
      const row = getCursor.get(ledgerId, topic) as { cursor: string } | undefined;
      return row?.cursor;
    },
    savePage(ledgerId, topic, items, cursor, at) {
      return db.transaction(() => {
        const added = insertAll(ledgerId, topic, items);
        if (cursor) setCursor.run(ledgerId, topic, cursor, at);
        return added;
      })();
    },
    saveClosedDate(ledgerId, date, topics, at) {
      return db.transaction(() => {
        const added = insertAll(ledgerId, 'funds', topics.funds) + insertAll(ledgerId, 'fees', topics.fees);
        closed.run(ledgerId, date, at);
        return added;
      })();
    },
    isClosed: (ledgerId, date) => isClosed.get(ledgerId, date) !== undefined,
    openDates: (ledgerId) => (openDates.all(ledgerId) as Array<{ date: string }>).map((r) => r.date),
    dates: (ledgerId) => (dates.all(ledgerId, ledgerId) as Array<{ date: string }>).map((r) => r.date),
    entries: (ledgerId, topic, date) => entries.all(ledgerId, topic, date) as DateEntry[],
    byReferences: (references) =>
      references.length === 0
        ? []
        : (byReferences.all(JSON.stringify([...new Set(references)])) as StoredEntry[]),
    count: (ledgerId) =>
      ((ledgerId === undefined ? countAll.get() : countLedger.get(ledgerId)) as { n: number }).n,
  };
}
