/**
 * The money summary's period, on a real journal file and the counter's own clock: "today" is the
 * counter's local calendar day (also early in a month, 5 March), one day given is that day, and a
 * period that is not one (a day that does not exist, an end before the start) is refused with the
 * field it concerns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journal, openJournal } from '../../../src/main/journal';
import { createPaymentsEngine } from '../../../src/main/payments/engine';
import type { PaymentsService, SummaryRequest } from '../../../src/main/payments/types';
import type { VippsClient } from '../../../src/main/vipps/types';
import { operationRow, paymentRow, tempDir } from '../journal/fixtures';

/** An instant of the counter's local calendar (months 1-based, as people write them). */
const local = (month: number, day: number, hour = 0) => new Date(2026, month - 1, day, hour);

let journal: Journal;
let engine: PaymentsService;
let cleanup: () => void;

beforeAll(() => {
  const dir = tempDir();
  cleanup = dir.cleanup;
  journal = openJournal(`${dir.dir}/journal.db`);
  const sales: Array<[string, number, Array<['capture' | 'refund', number, Date]>]> = [
    // Captured on 4 March, partly refunded on 5 March.
    [
      'lane1-20260304-170000-aaaa',
      10_000,
      [
        ['capture', 10_000, local(3, 4, 17)],
        ['refund', 2_500, local(3, 5, 10)],
      ],
    ],
    ['lane1-20260305-110000-bbbb', 4_000, [['capture', 4_000, local(3, 5, 11)]]],
  ];
  journal.transaction(() => {
    for (const [reference, amount, moves] of sales) {
      journal.payments.insert(
        paymentRow({ reference, amount, status: 'COMPLETED', vippsState: 'AUTHORIZED' }),
      );
      moves.forEach(([kind, moved, at], i) => {
        journal.operations.insert(
          operationRow({
            id: `${reference}-${i}`,
            reference,
            kind,
            amount: moved,
            status: 'succeeded',
            idempotencyKey: `key-${reference}-${i}`,
            createdAt: at.toISOString(),
            updatedAt: at.toISOString(),
          }),
        );
      });
    }
  });
  engine = createPaymentsEngine({
    journal,
    // The summary reads the journal only; a client that is never called.
    vipps: {} as VippsClient,
    settings: () => ({
      counterId: 'lane1',
      currency: 'NOK',
      capturePolicy: 'capture-now',
      description: 'Kjøp i butikk',
      vatRate: 2500,
    }),
    clock: () => local(3, 5, 12),
  });
});

afterAll(async () => {
  await engine.stop();
  journal.close();
  cleanup();
});

const nok = (captured: [number, number], refunded: [number, number]) => [
  {
    currency: 'NOK',
    captured: { count: captured[0], amount: captured[1] },
    refunded: { count: refunded[0], amount: refunded[1] },
    cancelled: { count: 0, amount: 0 },
  },
];

function refused(req: SummaryRequest, field: string, message: string): void {
  let caught: unknown;
  try {
    engine.summary(req);
  } catch (error) {
    caught = error;
  }
  expect(caught, JSON.stringify(req)).toMatchObject({ code: 'VALIDATION', message, details: { field } });
}

describe('the money summary', () => {
  it('is today by the counter’s clock when no day is given (also for no request at all)', () => {
    const today = { from: local(3, 5).toISOString(), to: local(3, 6).toISOString() };
    expect(engine.summary({})).toEqual({ ...today, currencies: nok([1, 4_000], [1, 2_500]) });
    expect(engine.summary(undefined as never)).toEqual(engine.summary({}));
  });

  it('is that one day when only the first day is given, and every day up to the last one given', () => {
    expect(engine.summary({ from: '2026-03-04' })).toEqual({
      from: local(3, 4).toISOString(),
      to: local(3, 5).toISOString(),
      currencies: nok([1, 10_000], [0, 0]),
    });
    expect(engine.summary({ from: '2026-03-04', to: '2026-03-05' }).currencies).toEqual(
      nok([2, 14_000], [1, 2_500]),
    );
  });

  it('is refused, with the field named, for a day that does not exist or an end before the start', () => {
    refused({ from: '2026-02-30' }, 'from', 'That date does not exist.');
    refused({ from: '2026-03-05', to: '2026-02-30' }, 'to', 'That date does not exist.');
    refused({ to: '2026-3-5' }, 'to', 'Dates must look like 2026-11-25.');
    refused({ from: '2026-03-05', to: '2026-03-04' }, 'to', 'The period ends before it starts.');
    // The day before the start ends exactly where the start begins: still no period.
    refused({ from: '2026-03-06', to: '2026-03-05' }, 'to', 'The period ends before it starts.');
  });
});
