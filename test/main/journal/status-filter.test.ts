/**
 * History's status filter: "completed" means completed with nothing given back (refunded sales have
 * their own two filters), while every other status finds its sales whatever Vipps' aggregate says —
 * a sale still being checked after a refund attempt is found under "checking".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Journal, openJournal, type PaymentQuery } from '../../../src/main/journal';
import { paymentQuery, paymentRow, tempDir } from './fixtures';

const NONE = paymentQuery({ limit: 100 });

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
beforeAll(() => {
  tmp = tempDir();
  journal = openJournal(join(tmp.dir, 'journal.sqlite'));
  const sale = (reference: string, status: 'COMPLETED' | 'UNKNOWN', captured: number, refunded: number) =>
    journal.payments.insert(
      paymentRow({
        reference,
        status,
        aggregate: { authorized: 14950, captured, refunded, cancelled: 0 },
      }),
    );
  sale('lane1-20261125-paid', 'COMPLETED', 14950, 0);
  sale('lane1-20261125-part', 'COMPLETED', 14950, 5000);
  sale('lane1-20261125-full', 'COMPLETED', 14950, 14950);
  sale('lane1-20261125-chk1', 'UNKNOWN', 14950, 5000);
  sale('lane1-20261125-chk2', 'UNKNOWN', 0, 0);
});
afterAll(() => {
  journal.close();
  tmp.cleanup();
});

const found = (status: PaymentQuery['status']) =>
  journal.payments
    .search({ ...NONE, status })
    .rows.map((r) => r.reference)
    .sort();

it('splits completed sales by what was given back, and finds every sale of any other status', () => {
  expect(found('COMPLETED')).toEqual(['lane1-20261125-paid']);
  expect(found('PARTLY_REFUNDED')).toEqual(['lane1-20261125-part']);
  expect(found('REFUNDED')).toEqual(['lane1-20261125-full']);
  expect(found('UNKNOWN')).toEqual(['lane1-20261125-chk1', 'lane1-20261125-chk2']);
});
