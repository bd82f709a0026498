/**
 * A reference-like search text runs two statements — the key range of references that start with
 * it and the "contains" walk — and the journal merges them into one page in History's order (newest
 * first, then reference descending at the same instant), one copy of each sale, and one row more
 * than the page to say there is a next one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Journal, openJournal, type PaymentQuery } from '../../../src/main/journal';
import { paymentQuery, paymentRow, tempDir } from './fixtures';

const NONE = paymentQuery({ limit: 100 });

// [reference, minute]: prefix matches and contains matches interleaved in time, two pairs sharing
// an instant (one pair within the prefix range, one across the two statements).
const SALES: Array<[string, number]> = [
  ['lane1-20261125-a', 1],
  ['x-lane1-20261125-b', 2],
  ['lane1-20261125-c', 3],
  ['lane1-20261125-d', 4],
  ['lane1-20261125-e', 4],
  ['y-lane1-20261125-f', 5],
  ['lane1-20261125-g', 5],
  ['lane1-20261124-h', 6],
  ['z-other-i', 7],
];

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
beforeAll(() => {
  tmp = tempDir();
  journal = openJournal(join(tmp.dir, 'journal.sqlite'));
  for (const [reference, minute] of SALES) {
    const at = `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;
    journal.payments.insert(paymentRow({ reference, createdAt: at, updatedAt: at }));
  }
});
afterAll(() => {
  journal.close();
  tmp.cleanup();
});

const refs = (q: Partial<PaymentQuery>) =>
  journal.payments.search({ ...NONE, ...q }).rows.map((r) => r.reference);

it('merges prefix and contains matches newest first, reference descending at one instant', () => {
  expect(refs({ text: 'lane1-20261125' })).toEqual([
    'y-lane1-20261125-f',
    'lane1-20261125-g',
    'lane1-20261125-e',
    'lane1-20261125-d',
    'lane1-20261125-c',
    'x-lane1-20261125-b',
    'lane1-20261125-a',
  ]);
});

it('keeps one page and says there is more', () => {
  const page = journal.payments.search({ ...NONE, text: 'lane1-20261125', limit: 3 });
  expect(page.rows.map((r) => r.reference)).toEqual([
    'y-lane1-20261125-f',
    'lane1-20261125-g',
    'lane1-20261125-e',
  ]);
  expect(page.more).toBe(true);
  const last = journal.payments.search({ ...NONE, text: 'lane1-20261125', limit: 7 });
  expect(last.more).toBe(false);
});

it('a whole reference is found by its key alone', () => {
  expect(refs({ text: 'lane1-20261125-c' })).toEqual(['lane1-20261125-c']);
});

it('a fragment that is no reference prefix is a contains match only', () => {
  expect(refs({ text: '-i' })).toEqual(['z-other-i']);
  expect(refs({ text: 'lane1-2026112' })).toHaveLength(8);
});

it('reads LIKE wildcards in a reference-like text as plain characters', () => {
  expect(refs({ text: 'lane1-2026112_' })).toEqual([]);
  expect(refs({ text: 'lane1-20261125%' })).toEqual([]);
});
