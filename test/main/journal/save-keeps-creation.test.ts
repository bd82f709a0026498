/**
 * A sale is made once: `save` writes what changed since (status, amounts, flags, the time of the
 * change) but never when the sale was made. History's dates and order and the reservation watchdog
 * read `created_at`; a row that carries another creation time (built from another source, a bug
 * upstream) must not move the sale to another day.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { paymentQuery, paymentRow, tempDir } from './fixtures';

const MADE = '2026-11-25T10:15:00.000Z';
const LATER = '2026-11-26T08:00:00.000Z';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
beforeEach(() => {
  tmp = tempDir();
  journal = openJournal(join(tmp.dir, 'journal.sqlite'));
  journal.payments.insert(paymentRow({ createdAt: MADE, updatedAt: MADE }));
});
afterEach(() => {
  journal.close();
  tmp.cleanup();
});

it('writes the changes of a save and keeps the time the sale was made', () => {
  const row = journal.payments.get(paymentRow().reference)!;
  journal.payments.save({
    ...row,
    status: 'COMPLETED',
    vippsState: 'AUTHORIZED',
    aggregate: { authorized: 14950, captured: 14950, refunded: 0, cancelled: 0 },
    createdAt: LATER,
    updatedAt: LATER,
  });
  const back = journal.payments.get(row.reference)!;
  expect(back).toMatchObject({ status: 'COMPLETED', vippsState: 'AUTHORIZED', updatedAt: LATER });
  expect(back.aggregate.captured).toBe(14950);
  expect(back.createdAt).toBe(MADE);
});

it('leaves the sale on the day it was made in History', () => {
  const row = journal.payments.get(paymentRow().reference)!;
  journal.payments.save({ ...row, createdAt: LATER, updatedAt: LATER });
  const day = (from: string, to: string) =>
    journal.payments.search(paymentQuery({ from, to, limit: 10 })).rows.map((r) => r.reference);
  expect(day('2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z')).toEqual([row.reference]);
  expect(day('2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z')).toEqual([]);
});
