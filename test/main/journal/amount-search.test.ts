/**
 * History's amount search on a real journal file: what staff type is the start of an amount, so
 * "249" finds every sale of 249,00–249,99, "249,5" 249,50–249,59 and "249,50" that amount only —
 * matched in SQL on the index walk the search already makes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { parseAmountText, toQuery } from '../../../src/main/payments/search';
import { paymentRow, tempDir } from './fixtures';

const AMOUNTS = [248_99, 249_00, 249_05, 249_50, 249_59, 249_60, 249_99, 250_00, 24_90, 2_490_00];
/** References without the digits of any amount, so only the amount can match. */
const ref = (i: number) => `lane1-20261125-sale${'abcdefghijk'[i]}`;

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
beforeAll(() => {
  tmp = tempDir();
  journal = openJournal(join(tmp.dir, 'journal.sqlite'));
  journal.transaction(() => {
    AMOUNTS.forEach((amount, i) => {
      const at = new Date(Date.parse('2026-11-25T09:00:00.000Z') + i * 60_000).toISOString();
      journal.payments.insert(
        paymentRow({ reference: ref(i), amount, status: 'COMPLETED', createdAt: at, updatedAt: at }),
      );
    });
  });
});
afterAll(() => {
  journal.close();
  tmp.cleanup();
});

/** The amounts found for `text`, smallest first. */
const found = (text: string) =>
  journal.payments
    .search(toQuery({ text, limit: 200 }))
    .rows.map((r) => r.amount)
    .sort((a, b) => a - b);

describe('amount search', () => {
  it('reads what was typed as the range of amounts it starts', () => {
    expect(parseAmountText('249')).toEqual({ min: 249_00, max: 249_99 });
    expect(parseAmountText('249,')).toEqual({ min: 249_00, max: 249_99 });
    expect(parseAmountText('249,5')).toEqual({ min: 249_50, max: 249_59 });
    expect(parseAmountText('249.5')).toEqual({ min: 249_50, max: 249_59 });
    expect(parseAmountText('249,50')).toEqual({ min: 249_50, max: 249_50 });
    expect(parseAmountText('249,05')).toEqual({ min: 249_05, max: 249_05 });
    expect(parseAmountText('0,5')).toEqual({ min: 50, max: 59 });
    expect(parseAmountText('249,501')).toBeNull();
    expect(parseAmountText('lane1')).toBeNull();
  });

  it('"249" finds 249,00–249,99 and nothing else', () => {
    expect(found('249')).toEqual([249_00, 249_05, 249_50, 249_59, 249_60, 249_99]);
  });

  it('"249,5" finds 249,50–249,59; "249,50" only 249,50', () => {
    expect(found('249,5')).toEqual([249_50, 249_59]);
    expect(found('249.5')).toEqual([249_50, 249_59]);
    expect(found('249,50')).toEqual([249_50]);
    expect(found('249,05')).toEqual([249_05]);
  });

  it('runs the range in SQL on an index, never a whole-table scan', () => {
    for (const plan of journal.payments.searchPlan(toQuery({ text: '249', limit: 50 }))) {
      expect(plan).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY/);
      expect(plan).not.toMatch(/SCAN payments(?! USING)/);
    }
  });
});
