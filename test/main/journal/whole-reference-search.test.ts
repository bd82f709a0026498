/**
 * A whole reference typed into History shows that sale and nothing else. Adopted sales keep the
 * reference another system gave them (any 8–64 letters, digits and dashes), so one reference can be
 * part of a longer one ("webshop-1001" inside "webshop-10011"): the key lookup answers first, and
 * the "contains" walk only runs when no sale has exactly that reference.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Journal, openJournal, type PaymentQuery } from '../../../src/main/journal';
import { paymentQuery, paymentRow, tempDir } from './fixtures';

const NONE = paymentQuery();

const SALES: Array<[string, string]> = [
  ['webshop-1001', '2026-11-20T09:00:00.000Z'],
  ['webshop-10011', '2026-11-24T09:00:00.000Z'],
  ['old-webshop-1001x', '2026-11-25T09:00:00.000Z'],
];

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
// Opened per test: the repository is built inside each test, not in a shared hook.
beforeEach(() => {
  tmp = tempDir();
  journal = openJournal(join(tmp.dir, 'journal.sqlite'));
  for (const [reference, at] of SALES) {
    journal.payments.insert(paymentRow({ reference, counterId: 'lane1', createdAt: at, updatedAt: at }));
  }
});
afterEach(() => {
  journal.close();
  tmp.cleanup();
});

const refs = (q: Partial<PaymentQuery>) =>
  journal.payments.search({ ...NONE, ...q }).rows.map((r) => r.reference);

it('shows the sale with exactly that reference, not the longer ones that contain it', () => {
  expect(refs({ text: 'webshop-1001' })).toEqual(['webshop-1001']);
  expect(journal.payments.search({ ...NONE, text: 'webshop-1001' }).more).toBe(false);
});

it('a fragment that is no whole reference finds every sale containing it, newest first', () => {
  expect(refs({ text: 'webshop-100' })).toEqual(['old-webshop-1001x', 'webshop-10011', 'webshop-1001']);
});

it('looks the whole reference up by its key before any other statement', () => {
  const plans = journal.payments.searchPlan({ ...NONE, text: 'webshop-1001' });
  expect(plans).toHaveLength(2);
  expect(plans[0]).toMatch(/sqlite_autoindex_payments_1 \(reference=\?\)/);
  expect(plans[1]).toMatch(/payments_by_created/);
});
