/**
 * The simulator's settlement ledger (Report API 2.0), built from what the payment book really moved:
 * one ledger per currency the sales unit takes. Every capture is a `capture` funds entry (+) and a
 * `capture-fee` fees entry; every refund a `refund` funds entry (−). When a ledger date ends (the
 * cut-off hour in the merchant's zone) its fees are `fees-retained` from the funds (and cleared on
 * the fees topic) and a positive balance is `scheduled-for-payout`, all stamped at the cut-off, so
 * the booking order is the date order and each date's balances run on from the one before.
 * A date's report answers once the date is closed (cut-off + `closeDelayMs`); before that 404. The
 * feed carries every entry booked so far, in booking order, and pages with an opaque cursor.
 * Entries are built lazily on the simulator's clock: tests close days by advancing it.
 */
import type { Currency } from '../../preload/contract';
import { type LedgerDayRule, ledgerDateOf, ledgerDateRange, localTimeZone } from '../settlement/ledger-day';
import type { SimClock } from './clock';
import type { Ledger } from './ledger';

export type SettlementTopic = 'funds' | 'fees';

export interface SettlementEntry {
  pspReference: string;
  time: string;
  ledgerDate: string;
  entryType: string;
  reference?: string;
  currency: Currency;
  amount: number;
  balanceBefore: number;
  balanceAfter: number;
  recipientHandle: string;
}

export interface SettlementOptions {
  /** Local hour a ledger date starts: 0 (midnight, default) or e.g. 4. */
  cutoffHour?: number;
  /** The merchant's zone. Default: this machine's. */
  timeZone?: string;
  /** Fee per capture: basis points of the amount (default 175 = 1.75 %) plus a fixed part in minor units (default 0). */
  feeBasisPoints?: number;
  feeFixed?: number;
  /** How long after the cut-off a date's report is available. Default 0. */
  closeDelayMs?: number;
  /** Entries per page on the feed and the date reports. Default 100. */
  pageSize?: number;
}

export interface LedgerInfo {
  ledgerId: string;
  currency: Currency;
  settlesForRecipientHandles: string[];
}

/** A capture or refund made outside this sales unit's API (a Vippsnummer, another shop system). */
export interface OutsideMovement {
  currency: Currency;
  kind: 'capture' | 'refund';
  amount: number;
  reference: string;
  /** e.g. NO:123456 */
  recipientHandle: string;
}

export interface Settlement {
  readonly rule: LedgerDayRule;
  ledgers(): LedgerInfo[];
  /** Every entry booked so far on a topic, in booking order. */
  entries(ledgerId: string, topic: SettlementTopic): readonly SettlementEntry[];
  /** A closed date's entries, or null while the date is open (or the ledger unknown). */
  dateReport(ledgerId: string, topic: SettlementTopic, date: string): readonly SettlementEntry[] | null;
  isClosed(date: string): boolean;
  /** Books a movement the simulator's own API did not make (shop-wide view tests). */
  bookOutside(movement: OutsideMovement): SettlementEntry;
  readonly pageSize: number;
}

interface Book {
  info: LedgerInfo;
  funds: SettlementEntry[];
  fees: SettlementEntry[];
  /** date → [first index, end index) per topic. */
  dates: Map<string, Record<SettlementTopic, [number, number]>>;
  balance: Record<SettlementTopic, number>;
  openDate: string | null;
  openFees: number;
}

export function createSettlement(deps: {
  clock: SimClock;
  ledger: Ledger;
  msn: string;
  currencies: readonly Currency[];
  options?: SettlementOptions;
}): Settlement {
  const o = deps.options ?? {};
  const rule: LedgerDayRule = { timeZone: o.timeZone ?? localTimeZone(), cutoffHour: o.cutoffHour ?? 0 };
  if (!Number.isInteger(rule.cutoffHour) || rule.cutoffHour < 0 || rule.cutoffHour > 23) {
    throw new RangeError('settlement cutoffHour is 0–23');
  }
  const feeBp = o.feeBasisPoints ?? 175;
  const feeFixed = o.feeFixed ?? 0;
  const closeDelayMs = o.closeDelayMs ?? 0;
  const handle = `api:${deps.msn}`;
  const books = new Map<string, Book>();
  const byCurrency = new Map<Currency, Book>();
  deps.currencies.forEach((currency, i) => {
    const book: Book = {
      info: { ledgerId: String(302321 + i), currency, settlesForRecipientHandles: [handle] },
      funds: [],
      fees: [],
      dates: new Map(),
      balance: { funds: 0, fees: 0 },
      openDate: null,
      openFees: 0,
    };
    books.set(book.info.ledgerId, book);
    byCurrency.set(currency, book);
  });
  let seen = 0;
  let pspCounter = 0;
  const ownPsp = () => String(8_000_000_000 + ++pspCounter);

  function append(
    book: Book,
    topic: SettlementTopic,
    at: number,
    date: string,
    entry: Pick<SettlementEntry, 'entryType' | 'amount' | 'pspReference' | 'recipientHandle'> & {
      reference?: string | undefined;
    },
  ): SettlementEntry {
    const before = book.balance[topic];
    book.balance[topic] = before + entry.amount;
    const row: SettlementEntry = {
      pspReference: entry.pspReference,
      time: new Date(at).toISOString(),
      ledgerDate: date,
      entryType: entry.entryType,
      ...(entry.reference !== undefined ? { reference: entry.reference } : {}),
      currency: book.info.currency,
      amount: entry.amount,
      balanceBefore: before,
      balanceAfter: book.balance[topic],
      recipientHandle: entry.recipientHandle,
    };
    let span = book.dates.get(date);
    if (!span) {
      // Dates are booked in order, so each date is one contiguous run on each topic.
      span = { funds: [book.funds.length, book.funds.length], fees: [book.fees.length, book.fees.length] };
      book.dates.set(date, span);
    }
    book[topic].push(row);
    span[topic][1] = book[topic].length;
    return row;
  }

  /** Ends the book's open date if its cut-off is at or before `t`: fees retained, payout scheduled. */
  function closeThrough(book: Book, t: number): void {
    const date = book.openDate;
    if (date === null) return;
    const { end } = ledgerDateRange(date, rule);
    if (end > t) return;
    if (book.openFees > 0) {
      const psp = ownPsp();
      const fee = book.openFees;
      append(book, 'funds', end, date, {
        entryType: 'fees-retained',
        amount: -fee,
        pspReference: psp,
        recipientHandle: handle,
      });
      append(book, 'fees', end, date, {
        entryType: 'fees-retained',
        amount: -fee,
        pspReference: psp,
        recipientHandle: handle,
      });
    }
    if (book.balance.funds > 0) {
      append(book, 'funds', end, date, {
        entryType: 'scheduled-for-payout',
        amount: -book.balance.funds,
        pspReference: ownPsp(),
        recipientHandle: handle,
      });
    }
    book.openDate = null;
    book.openFees = 0;
  }

  function book(bookOf: Book, at: number, m: Omit<OutsideMovement, 'currency'> & { pspReference: string }) {
    closeThrough(bookOf, at);
    const date = ledgerDateOf(at, rule);
    bookOf.openDate = date;
    const row = append(bookOf, 'funds', at, date, {
      entryType: m.kind,
      amount: m.kind === 'capture' ? m.amount : -m.amount,
      pspReference: m.pspReference,
      reference: m.reference,
      recipientHandle: m.recipientHandle,
    });
    if (m.kind === 'capture') {
      const fee = Math.round((m.amount * feeBp) / 10_000) + feeFixed;
      if (fee > 0) {
        append(bookOf, 'fees', at, date, {
          entryType: 'capture-fee',
          amount: fee,
          pspReference: m.pspReference,
          reference: m.reference,
          recipientHandle: m.recipientHandle,
        });
        bookOf.openFees += fee;
      }
    }
    return row;
  }

  /** Books what the payment book moved since last time, then closes every date that has ended. */
  function catchUp(): void {
    const rows = deps.ledger.entries();
    for (; seen < rows.length; seen++) {
      const row = rows[seen];
      if (!row || (row.kind !== 'capture' && row.kind !== 'refund')) continue;
      const target = byCurrency.get(row.currency);
      if (!target) continue;
      book(target, row.at, {
        kind: row.kind,
        amount: row.amount,
        reference: row.reference,
        recipientHandle: `api:${row.msn}`,
        pspReference: row.pspReference ?? ownPsp(),
      });
    }
    const now = deps.clock.now();
    for (const b of books.values()) closeThrough(b, now);
  }

  const isClosed = (date: string) => deps.clock.now() >= ledgerDateRange(date, rule).end + closeDelayMs;

  return {
    rule,
    pageSize: o.pageSize ?? 100,
    ledgers: () => [...books.values()].map((b) => structuredClone(b.info)),
    entries(ledgerId, topic) {
      catchUp();
      return books.get(ledgerId)?.[topic] ?? [];
    },
    dateReport(ledgerId, topic, date) {
      const b = books.get(ledgerId);
      if (!b || !isClosed(date)) return null;
      catchUp();
      const span = b.dates.get(date)?.[topic];
      return span ? b[topic].slice(span[0], span[1]) : [];
    },
    isClosed,
    bookOutside(movement) {
      catchUp();
      const target = byCurrency.get(movement.currency);
      if (!target) throw new RangeError(`no ledger in ${movement.currency}`);
      return book(target, deps.clock.now(), { ...movement, pspReference: ownPsp() });
    },
  };
}
