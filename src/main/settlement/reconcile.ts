/**
 * One ledger date of the settlement ledger against the journal. Every capture and refund entry is
 * matched to a succeeded journal operation: by pspReference (our copy of Vipps' event log) first,
 * else by reference, kind and amount; what is not in this journal belongs to another counter (our
 * sales unit) or to something outside the app (another recipient on the ledger). Then the journal
 * side: the date's succeeded captures and refunds that this date does not hold (booked on another
 * date, waiting, or overdue after the grace period). Then the sums, to the øre.
 */
import type {
  Currency,
  SettlementCheck,
  SettlementDayView,
  SettlementEntryView,
  SettlementMatch,
  SettlementTotals,
  UnsettledMovement,
} from '../../preload/contract';
import type { JournalConnection } from '../journal';
import { type LedgerDayRule, ledgerDateRange } from './ledger-day';
import type { DateEntry, SettlementStore, StoredEntry } from './store';

/** The reconciled part of the view the staff screen gets (the service adds sync state and ledgers). */
export type ReconciledDay = { ledgerId: string } & Pick<
  SettlementDayView,
  'ledgerDate' | 'currency' | 'closed' | 'funds' | 'fees' | 'unsettled' | 'totals' | 'checks' | 'agrees'
>;

/** Totals before any entry is counted; opening and closing balances are unknown until one is read. */
export function noTotals(): SettlementTotals {
  return {
    opening: null,
    closing: null,
    captures: 0,
    refunds: 0,
    feesRetained: 0,
    feesCharged: 0,
    payout: 0,
    other: 0,
    matchedLedger: 0,
    matchedJournal: 0,
    elsewhere: 0,
  };
}

export interface ReconcileOptions {
  rule: LedgerDayRule;
  /** A journal movement this old and in no ledger date is overdue. */
  graceMs: number;
}

interface JournalMove {
  /** The operation's rowid: a number is cheaper to hold and compare than its UUID, thousands a date. */
  id: number;
  kind: 'capture' | 'refund';
  amount: number;
  counterId: string;
  psp: string | null;
}

const CURRENCIES = new Set<string>(['NOK', 'DKK', 'EUR']);
const MARGIN_MS = 3_600_000;

interface WindowMove extends JournalMove {
  reference: string;
  at: string;
  currency: string;
}

export type Reconciler = (ledgerId: string, ledgerDate: string, now: number) => ReconciledDay;

export function createReconciler(
  db: JournalConnection,
  store: SettlementStore,
  options: ReconcileOptions,
): Reconciler {
  // The whole journal history of the references a date names but its period does not hold (other
  // counters' sales, a refund of an older sale), for all of them in one pass through the reference
  // index. CROSS JOIN keeps the planner on it: by kind it would walk every capture ever made.
  const movesOf = db.prepare(`
    SELECT o.reference AS reference, o.rowid AS id, o.kind AS kind, o.amount AS amount, p.counter_id AS counterId,
      (SELECT e.psp_reference FROM vipps_events e WHERE e.reference = o.reference
        AND e.idempotency_key = o.idempotency_key AND e.name IN ('CAPTURED', 'REFUNDED') LIMIT 1) AS psp
    FROM json_each(?) AS wanted CROSS JOIN operations o ON o.reference = wanted.value
      JOIN payments p ON p.reference = o.reference
    WHERE o.kind IN ('capture', 'refund') AND o.status = 'succeeded'
    ORDER BY o.created_at, o.id`);
  const salesAmong = db
    .prepare(
      'SELECT p.reference FROM json_each(?) AS wanted CROSS JOIN payments p ON p.reference = wanted.value',
    )
    .pluck();
  // operations_by_kind_updated: the movements Vipps confirmed around the period, each with its
  // pspReference, in one pass per kind (most entries of a date are found here, without a query each).
  const movedAround = db.prepare(`
    SELECT o.rowid AS id, o.reference AS reference, o.kind AS kind, o.amount AS amount, o.updated_at AS at,
      p.counter_id AS counterId, p.currency AS currency, e.psp_reference AS psp
    FROM operations o JOIN payments p ON p.reference = o.reference
      LEFT JOIN vipps_events e ON e.reference = o.reference AND e.idempotency_key = o.idempotency_key
        AND e.name IN ('CAPTURED', 'REFUNDED')
    WHERE o.kind = ? AND o.updated_at >= ? AND o.updated_at < ? AND o.status = 'succeeded'`);

  /** Every capture and refund of these sales, and which of them are sales in this journal at all. */
  const historyOf = (references: Iterable<string>) => {
    const list = [...new Set(references)];
    const moves = new Map<string, JournalMove[]>(list.map((reference) => [reference, []]));
    if (list.length === 0) return { moves, sales: new Set<string>() };
    const wanted = JSON.stringify(list);
    for (const m of movesOf.all(wanted) as Array<JournalMove & { reference: string }>)
      moves.get(m.reference)?.push(m);
    return { moves, sales: new Set(salesAmong.all(wanted) as string[]) };
  };

  return (ledgerId, ledgerDate, now) => {
    const ledger = store.ledgers().find((l) => l.ledgerId === ledgerId);
    const ours = new Set((ledger?.handles ?? []).filter((h) => h.startsWith('api:')));
    const fundsRows = store.entries(ledgerId, 'funds', ledgerDate);
    const currencyText = ledger?.currency ?? fundsRows[0]?.currency ?? null;
    const currency = currencyText && CURRENCIES.has(currencyText) ? (currencyText as Currency) : null;
    const used = new Set<number>();
    const totals: SettlementTotals = {
      ...noTotals(),
      opening: fundsRows[0]?.balanceBefore ?? null,
      closing: fundsRows.at(-1)?.balanceAfter ?? null,
    };
    const { start, end } = ledgerDateRange(ledgerDate, options.rule);
    const [from, to] = [new Date(start).toISOString(), new Date(end).toISOString()];
    // A movement confirmed just before the cut-off may be booked on the next date: look a little wider.
    const around = [new Date(start - MARGIN_MS).toISOString(), new Date(end + MARGIN_MS).toISOString()];
    const nearby = new Map<string, JournalMove[]>();
    const window: WindowMove[] = [];
    const seenOps = new Set<number>();
    for (const kind of ['capture', 'refund'] as const) {
      for (const m of movedAround.all(kind, around[0], around[1]) as WindowMove[]) {
        if (seenOps.has(m.id)) continue;
        seenOps.add(m.id);
        const list = nearby.get(m.reference) ?? [];
        list.push(m);
        nearby.set(m.reference, list);
        if (m.at >= from && m.at < to && m.currency === currency) window.push(m);
      }
    }
    // Entries whose sale moved nowhere near the period: their history, all at once.
    const far = historyOf(
      fundsRows.flatMap((e) =>
        (e.entryType === 'capture' || e.entryType === 'refund') && e.reference && !nearby.has(e.reference)
          ? [e.reference]
          : [],
      ),
    );
    const everything = far.moves;
    const allMovesOf = (reference: string) => {
      let moves = everything.get(reference);
      if (!moves) {
        // A sale that moved in the period too, but not with this entry's movement (rare).
        const one = historyOf([reference]);
        moves = one.moves.get(reference) ?? [];
        everything.set(reference, moves);
        if (one.sales.has(reference)) far.sales.add(reference);
      }
      return moves;
    };
    const inJournal = (reference: string) => allMovesOf(reference).length > 0 || far.sales.has(reference);

    const outside = (e: DateEntry) => e.recipientHandle !== null && !ours.has(e.recipientHandle);
    const matchOne = (e: DateEntry): { match: SettlementMatch; move: JournalMove | null } => {
      const kind = e.entryType as 'capture' | 'refund';
      const size = Math.abs(e.amount);
      const pick = (moves: readonly JournalMove[]) => {
        const free = moves.filter((m) => m.kind === kind && !used.has(m.id));
        return (
          free.find((m) => m.psp === e.pspReference) ?? free.find((m) => m.psp === null && m.amount === size)
        );
      };
      if (!e.reference) return { match: outside(e) ? 'outside-app' : 'other-counter', move: null };
      const move = pick(nearby.get(e.reference) ?? []) ?? pick(allMovesOf(e.reference));
      if (move) return { match: 'matched', move };
      if (inJournal(e.reference)) return { match: 'mismatch', move: null };
      return { match: outside(e) ? 'outside-app' : 'other-counter', move: null };
    };
    const funds = fundsRows.map((e): SettlementEntryView => {
      const view: SettlementEntryView = {
        pspReference: e.pspReference,
        reference: e.reference,
        entryType: e.entryType,
        amount: e.amount,
        time: e.time,
        recipientHandle: e.recipientHandle,
        match: null,
        counterId: null,
      };
      switch (e.entryType) {
        case 'capture':
          totals.captures += e.amount;
          break;
        case 'refund':
          totals.refunds += e.amount;
          break;
        case 'fees-retained':
          totals.feesRetained += e.amount;
          return view;
        case 'scheduled-for-payout':
        case 'payout-scheduled':
          totals.payout += e.amount;
          return view;
        default:
          totals.other += e.amount;
          return view;
      }
      const { match, move } = matchOne(e);
      view.match = match;
      if (move) {
        used.add(move.id);
        view.counterId = move.counterId;
        totals.matchedLedger += e.amount;
        totals.matchedJournal += move.kind === 'capture' ? move.amount : -move.amount;
      } else if (match !== 'mismatch') totals.elsewhere += e.amount;
      return view;
    });

    // Read last: a busy date's fee rows are thousands, and they are only copied into the view.
    const fees = store.entries(ledgerId, 'fees', ledgerDate).map((e): SettlementEntryView => {
      if (e.entryType !== 'fees-retained') totals.feesCharged += e.amount;
      return {
        pspReference: e.pspReference,
        reference: e.reference,
        entryType: e.entryType,
        amount: e.amount,
        time: e.time,
        recipientHandle: e.recipientHandle,
        match: null,
        counterId: null,
      };
    });

    const unsettled: UnsettledMovement[] = [];
    const left = window.filter((m) => !used.has(m.id));
    const booked = new Map<string, StoredEntry[]>();
    for (const e of store.byReferences(left.map((m) => m.reference))) {
      const list = booked.get(e.reference ?? '') ?? [];
      list.push(e);
      booked.set(e.reference ?? '', list);
    }
    for (const m of left) {
      const elsewhere = (booked.get(m.reference) ?? []).find(
        (e) => e.entryType === m.kind && Math.abs(e.amount) === m.amount && e.ledgerDate !== ledgerDate,
      );
      const overdue = now - Date.parse(m.at) > options.graceMs;
      unsettled.push({
        reference: m.reference,
        kind: m.kind,
        amount: m.amount,
        at: m.at,
        state: elsewhere ? 'other-date' : overdue ? 'overdue' : 'waiting',
        bookedOn: elsewhere?.ledgerDate ?? null,
      });
    }
    unsettled.sort((a, b) => a.at.localeCompare(b.at));

    const closed = store.isClosed(ledgerId, ledgerDate);
    const checks = checksFor(fundsRows, totals, funds, unsettled);
    return {
      ledgerId,
      ledgerDate,
      currency,
      closed,
      funds,
      fees,
      unsettled,
      totals,
      checks,
      agrees: closed && checks.every((c) => c.ok),
    };
  };
}

function checksFor(
  rows: readonly DateEntry[],
  t: SettlementTotals,
  funds: readonly SettlementEntryView[],
  unsettled: readonly UnsettledMovement[],
): SettlementCheck[] {
  const sum = rows.reduce((s, e) => s + e.amount, 0);
  // Every entry moves the balance by its amount, and each starts where the one before ended.
  const chained = rows.every(
    (e, i) =>
      e.balanceAfter === e.balanceBefore + e.amount &&
      (i === 0 || rows[i - 1]?.balanceAfter === e.balanceBefore),
  );
  const opening = t.opening ?? 0;
  const closing = t.closing ?? 0;
  // A payout takes the whole balance to the bank; a date without one carries the balance over
  // (shops with weekly payouts, or a day that ends below zero).
  const beforePayout = opening + t.captures + t.refunds + t.feesRetained + t.other;
  const paidOut = rows.some(
    (e) => e.entryType === 'scheduled-for-payout' || e.entryType === 'payout-scheduled',
  );
  const expectedPayout = paidOut ? -beforePayout : 0;
  const mismatches = funds.filter((f) => f.match === 'mismatch').length;
  const overdue = unsettled.filter((u) => u.state === 'overdue').length;
  const check = (
    name: SettlementCheck['name'],
    expected: number,
    actual: number,
    ok = expected === actual,
  ) => ({
    name,
    ok,
    expected,
    actual,
  });
  return [
    check('balance', opening + sum, closing, chained && opening + sum === closing),
    check('fees', t.feesCharged, -t.feesRetained),
    check('payout', expectedPayout, t.payout),
    check('matched', t.matchedJournal, t.matchedLedger),
    check('entries', 0, mismatches),
    check('journal', 0, overdue),
  ];
}
