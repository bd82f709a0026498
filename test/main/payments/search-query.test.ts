/**
 * History's search as staff use it: what they type becomes the journal query (amounts typed the way
 * people write them, local calendar days, the last four phone digits), bad input is refused with the
 * field it concerns, and paging walks every sale once. The paging test runs on a real journal file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart, parseAmountText, toQuery } from '../../../src/main/payments/search';
import type { SearchRequest } from '../../../src/preload/contract';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

function refused(req: unknown, field: string, message: string): void {
  let caught: unknown;
  try {
    toQuery(req as SearchRequest);
  } catch (error) {
    caught = error;
  }
  expect(caught).toMatchObject({ code: 'VALIDATION', message, retryable: false, details: { field } });
}

describe('an amount as typed', () => {
  it('is the start of the amount: whole kroner, one decimal or two', () => {
    expect(parseAmountText('149')).toEqual({ min: 14_900, max: 14_999 });
    expect(parseAmountText('149,5')).toEqual({ min: 14_950, max: 14_959 });
    expect(parseAmountText('149.5')).toEqual({ min: 14_950, max: 14_959 });
    expect(parseAmountText('149,50')).toEqual({ min: 14_950, max: 14_950 });
    expect(parseAmountText('149,07')).toEqual({ min: 14_907, max: 14_907 });
    expect(parseAmountText('149,')).toEqual({ min: 14_900, max: 14_999 });
    expect(parseAmountText('999999')).toEqual({ min: 99_999_900, max: 99_999_999 });
  });

  it('is not an amount when it is anything else', () => {
    for (const text of ['', 'abc', 'lane1-149', '1234567', '149,505', ',5', '149;5', ' 149', '149 ', '-149'])
      expect(parseAmountText(text), text).toBeNull();
  });
});

describe('a calendar day', () => {
  it('is local midnight as an ISO instant, optionally days later', () => {
    expect(dayStart('2026-11-25', 'from')).toBe(new Date(2026, 10, 25).toISOString());
    expect(dayStart('2026-11-25', 'to', 1)).toBe(new Date(2026, 10, 26).toISOString());
    expect(dayStart('2026-12-31', 'to', 1)).toBe(new Date(2027, 0, 1).toISOString());
  });

  it('is no bound when not given', () => {
    expect(dayStart(undefined, 'from')).toBeNull();
    expect(dayStart('', 'from')).toBeNull();
  });

  it('must exist: 31 February is refused, not read as 3 March', () => {
    for (const bad of ['2026-02-31', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-11-00']) {
      expect(() => dayStart(bad, 'to', 1), bad).toThrow(
        expect.objectContaining({
          code: 'VALIDATION',
          message: 'That date does not exist.',
          details: { field: 'to' },
        }),
      );
    }
    expect(dayStart('2028-02-29', 'from')).toBe(new Date(2028, 1, 29).toISOString());
    expect(() => toQuery({ from: '2026-02-30' })).toThrow(
      expect.objectContaining({ details: { field: 'from' } }),
    );
  });

  it('must look like a date', () => {
    for (const bad of ['25.11.2026', '2026-11-5', '2026-11-25T00:00', 'x2026-11-25', '2026-11-25x']) {
      expect(() => dayStart(bad, 'from'), bad).toThrow(
        expect.objectContaining({ code: 'VALIDATION', message: 'Dates must look like 2026-11-25.' }),
      );
    }
    expect(() => dayStart('99', 'to')).toThrow(expect.objectContaining({ details: { field: 'to' } }));
  });
});

describe('a search request', () => {
  it('becomes the journal query', () => {
    expect(toQuery({})).toEqual({
      text: null,
      textAmount: null,
      status: null,
      from: null,
      to: null,
      phoneLast4: null,
      limit: 50,
      after: null,
    });
    expect(
      toQuery({
        text: '  149,5 ',
        status: 'PARTLY_REFUNDED',
        from: '2026-11-01',
        to: '2026-11-30',
        phoneLast4: '4567',
        limit: 200,
      }),
    ).toEqual({
      text: '149,5',
      textAmount: { min: 14_950, max: 14_959 },
      status: 'PARTLY_REFUNDED',
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
      phoneLast4: '4567',
      limit: 200,
      after: null,
    });
    expect(toQuery({ text: 'lane1', limit: 1 })).toMatchObject({ text: 'lane1', textAmount: null, limit: 1 });
    expect(toQuery({ text: '   ', phoneLast4: '', cursor: '' })).toMatchObject({
      text: null,
      phoneLast4: null,
      after: null,
    });
    expect(toQuery(undefined as never)).toMatchObject({ text: null, limit: 50 });
    expect(toQuery({ text: 42 as never })).toMatchObject({ text: null });
    expect(toQuery({ text: 'x'.repeat(64) }).text).toHaveLength(64);
  });

  it('is refused, with the field named, when a part of it is wrong', () => {
    refused({ text: 'x'.repeat(65) }, 'text', 'The search text is too long.');
    refused({ status: 'PAID' }, 'status', 'Unknown sale status.');
    refused({ phoneLast4: '123' }, 'phoneLast4', 'Give the last four digits of the phone number.');
    refused({ phoneLast4: '12345' }, 'phoneLast4', 'Give the last four digits of the phone number.');
    refused({ phoneLast4: '12a4' }, 'phoneLast4', 'Give the last four digits of the phone number.');
    for (const limit of [0, 201, 1.5, Number.NaN]) refused({ limit }, 'limit', 'Page size must be 1–200.');
    refused({ from: '2026-1-1' }, 'from', 'Dates must look like 2026-11-25.');
    refused({ to: '2026-1-1' }, 'to', 'Dates must look like 2026-11-25.');
    for (const cursor of [
      'not a cursor',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
      Buffer.from('["2026-11-25T10:15:00.000Z",7]').toString('base64url'),
      Buffer.from('[7,"lane1-20261125-101500-ab12"]').toString('base64url'),
    ])
      refused({ cursor }, 'cursor', 'The page cursor is not valid; search again.');
  });
});

describe('paging through History', () => {
  let h: EngineHarness;
  const made: string[] = [];
  beforeAll(async () => {
    h = await startEngineHarness({ polling: { firstDelayMs: 3_600_000 } });
    for (let i = 0; i < 5; i++) {
      const { reference } = await h.engine.start({ amount: 1000 + i, flow: 'QR' });
      h.engine.dismiss(reference);
      made.push(reference);
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('walks every sale once, newest first, and says when there is no next page', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = h.engine.search({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...result.items.map((v) => v.reference));
      if (!result.nextCursor) break;
      expect(result.items).toHaveLength(2);
      cursor = result.nextCursor;
    }
    expect(seen).toEqual([...made].reverse());
    expect(h.engine.search({ limit: 5 }).nextCursor).toBeNull();
    expect(h.engine.search({ limit: 4 }).nextCursor).not.toBeNull();
  });

  it('finds a sale by what was typed for its amount', () => {
    const found = h.engine.search({ text: '10,03' }).items.map((v) => v.reference);
    expect(found).toEqual([made[3]]);
    expect(h.engine.search({ text: '10' }).items).toHaveLength(5);
  });
});
