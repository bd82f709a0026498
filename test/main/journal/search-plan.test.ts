/**
 * History search on a journal too big to read whole: each filter combination runs on an index, a
 * whole reference is found by its key at any age, and a "contains" fragment looks through the newest
 * FRAGMENT_SCAN_ROWS sales (or the chosen dates) rather than every sale ever made.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journal, openJournal, type PaymentQuery } from '../../../src/main/journal';
import { FRAGMENT_SCAN_ROWS } from '../../../src/main/journal/payment-search';
import { paymentQuery, paymentRow, tempDir } from './fixtures';

const none = paymentQuery();

const COUNT = FRAGMENT_SCAN_ROWS + 500;
const BASE = Date.parse('2026-01-01T08:00:00.000Z');
const at = (i: number) => new Date(BASE + i * 60_000).toISOString();
/** Sale i: one a minute, the oldest first; `lane1-<yyyymmdd>-<i>` so a prefix names a day. */
const ref = (i: number) => `lane1-${at(i).slice(0, 10).replaceAll('-', '')}-${String(i).padStart(6, '0')}x`;

/** One completed sale in 40 is refunded in full, one in 40 in part. */
const refundedOf = (i: number, amount: number) => (i % 40 === 0 ? amount : i % 40 === 2 ? 100 : 0);

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
beforeAll(() => {
  tmp = tempDir();
  journal = openJournal(join(tmp.dir, 'journal.db'));
  journal.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const amount = i === 3 ? 777_77 : 1000 + (i % 500);
      const completed = i % 2 === 0;
      journal.payments.insert(
        paymentRow({
          reference: ref(i),
          amount,
          status: completed ? 'COMPLETED' : 'CANCELLED',
          aggregate: completed
            ? { authorized: amount, captured: amount, refunded: refundedOf(i, amount), cancelled: 0 }
            : { authorized: 0, captured: 0, refunded: 0, cancelled: 0 },
          phoneLast4: i % 10 === 0 ? '1234' : null,
          createdAt: at(i),
          updatedAt: at(i),
        }),
      );
    }
  });
});
afterAll(() => {
  journal.close();
  tmp.cleanup();
});

const refs = (q: Partial<PaymentQuery>) =>
  journal.payments.search({ ...none, ...q }).rows.map((r) => r.reference);

describe('search plans', () => {
  it('never scans the payments table whole', () => {
    const queries: Array<Partial<PaymentQuery>> = [
      {},
      { from: at(100), to: at(200) },
      { from: at(100), to: at(200), after: { createdAt: at(150), reference: ref(150) } },
      { status: 'COMPLETED' },
      { status: 'REFUNDED' },
      { status: 'PARTLY_REFUNDED', from: at(100), to: at(900) },
      { phoneLast4: '1234' },
      { text: ref(5) },
      { text: 'lane1-20260101' },
      { text: '0042', from: at(0), to: at(900) },
      { text: '0042', textAmount: { min: 4200, max: 4299 } },
    ];
    for (const q of queries) {
      const plans = journal.payments.searchPlan({ ...none, ...q });
      expect(plans.length, JSON.stringify(q)).toBeGreaterThan(0);
      for (const plan of plans) {
        expect(plan, JSON.stringify(q)).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY/);
        expect(plan, JSON.stringify(q)).not.toMatch(/SCAN payments(?! USING)/);
      }
    }
  });

  it('pages by date on payments_by_created with no sort step', () => {
    const [plan] = journal.payments.searchPlan({
      ...none,
      from: at(100),
      to: at(200),
      after: { createdAt: at(150), reference: ref(150) },
    });
    expect(plan).toMatch(/payments_by_created/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('finds refunded sales on the partial index payments_refunded, with no sort step', () => {
    for (const status of ['REFUNDED', 'PARTLY_REFUNDED'] as const) {
      const [plan] = journal.payments.searchPlan({ ...none, status });
      expect(plan).toMatch(/payments_refunded/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('looks up a whole reference by its key', () => {
    const plans = journal.payments.searchPlan({ ...none, text: ref(5) });
    expect(plans[0]).toMatch(/sqlite_autoindex_payments_1 \(reference=\?\)/);
  });

  it('walks no reference range for a fragment that names no counter-day (a short one spans every sale)', () => {
    for (const text of ['lane1', 'lane1-2026010', '0042']) {
      for (const plan of journal.payments.searchPlan({ ...none, text })) {
        expect(plan, text).not.toMatch(/reference>\?/);
        expect(plan, text).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});

describe('what staff find', () => {
  it('refunded, partly refunded and paid sales apart (issue 10)', () => {
    const newest = (keep: (i: number) => boolean) =>
      Array.from({ length: COUNT }, (_, i) => COUNT - 1 - i)
        .filter(keep)
        .slice(0, 5)
        .map(ref);
    expect(refs({ status: 'REFUNDED', limit: 5 })).toEqual(newest((i) => i % 40 === 0));
    expect(refs({ status: 'PARTLY_REFUNDED', limit: 5 })).toEqual(newest((i) => i % 40 === 2));
    expect(refs({ status: 'COMPLETED', limit: 5 })).toEqual(newest((i) => i % 2 === 0 && i % 40 > 2));
  });

  it('a whole reference at any age, and nothing else', () => {
    expect(refs({ text: ref(5) })).toEqual([ref(5)]);
    expect(refs({ text: ref(5), status: 'CANCELLED' })).toEqual([ref(5)]);
    expect(refs({ text: ref(5), status: 'COMPLETED' })).toEqual([]);
  });

  it('a counter-day prefix at any age, newest first and paged', () => {
    const day = 'lane1-20260101';
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => ref(i).startsWith(day))
      .map(ref)
      .reverse();
    const seen: string[] = [];
    let after: PaymentQuery['after'] = null;
    for (;;) {
      const page = journal.payments.search({ ...none, text: day, limit: 200, after });
      seen.push(...page.rows.map((r) => r.reference));
      if (!page.more) break;
      const last = page.rows.at(-1)!;
      after = { createdAt: last.createdAt, reference: last.reference };
    }
    expect(expected.length).toBeGreaterThan(200);
    expect(seen).toEqual(expected);
  });

  it('a fragment in the newest sales; older ones only with dates', () => {
    const newest = COUNT - 1;
    expect(refs({ text: `${String(newest).padStart(6, '0')}x` })).toEqual([ref(newest)]);
    const old = `${String(7).padStart(6, '0')}x`;
    expect(refs({ text: old })).toEqual([]);
    expect(refs({ text: old, from: at(0), to: at(60) })).toEqual([ref(7)]);
    expect(refs({ text: old, to: at(60) })).toEqual([ref(7)]);
    // A from date alone: the walk goes back to it, however far behind the newest sales it lies.
    expect(refs({ text: old, from: at(0) })).toEqual([ref(7)]);
  });

  it('a longer counter-day prefix finds exactly the sales it starts, at any age', () => {
    // ref(0)…ref(9) are `lane1-20260101-00000<i>x`, far behind the newest FRAGMENT_SCAN_ROWS.
    const tenth = Array.from({ length: 10 }, (_, i) => ref(9 - i));
    expect(refs({ text: 'lane1-20260101-00000' })).toEqual(tenth);
    expect(refs({ text: 'lane1-20260101-00001' })).toEqual(Array.from({ length: 10 }, (_, i) => ref(19 - i)));
  });

  it('an amount in the newest sales; older ones only with dates', () => {
    const exact = { min: 777_77, max: 777_77 };
    expect(refs({ text: '777,77', textAmount: exact })).toEqual([]);
    expect(refs({ text: '777,77', textAmount: exact, from: at(0), to: at(10) })).toEqual([ref(3)]);
  });
});
