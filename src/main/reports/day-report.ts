import type {
  Currency,
  DayReport,
  MoneyTotal,
  OpenItem,
  OperationStatus,
  RefundLine,
  SaleStatus,
  StatusTotal,
} from '../../preload/contract';
import type { JournalConnection } from '../journal';
import { DAY_REPORT_SQL as SQL } from './day-report-sql';
import { localDayRange } from './local-day';

/** Every counter in this journal, instead of one. */
export const ALL_COUNTERS = '*';

export interface DayReportQuery {
  date: string;
  counterId: string;
  now: Date;
}

/**
 * End of day for one counter (or all): sales by status and currency (by when they started), money
 * moved (by when Vipps confirmed it: a refund today of yesterday's sale counts today), the refunds,
 * and everything still open now, whatever day it began.
 */
export function dayReportBuilder(db: JournalConnection): (query: DayReportQuery) => DayReport {
  const statusOne = db.prepare(SQL.statusOneCounter);
  const statusAll = db.prepare(SQL.statusAllCounters);
  const money = db.prepare(SQL.money);
  const refunds = db.prepare(SQL.refunds);
  const openOps = db.prepare(SQL.openOperations);
  const openReservations = db.prepare(SQL.openReservations);

  return ({ date, counterId, now }) => {
    const { from, to } = localDayRange(date);
    const counter = counterId === ALL_COUNTERS ? null : counterId;
    const byStatus = (
      counter === null ? statusAll.all({ from, to }) : statusOne.all({ counter, from, to })
    ) as StatusTotal[];
    byStatus.sort((a, b) => a.currency.localeCompare(b.currency) || a.status.localeCompare(b.status));

    const totals = new Map<Currency, MoneyTotal>();
    for (const m of money.all({ from, to, counter }) as Array<{
      currency: Currency;
      kind: 'capture' | 'refund';
      count: number;
      amount: number;
    }>) {
      const t = totals.get(m.currency) ?? {
        currency: m.currency,
        captured: 0,
        refunded: 0,
        net: 0,
        captures: 0,
        refunds: 0,
      };
      if (m.kind === 'capture') {
        t.captured += m.amount;
        t.captures += m.count;
      } else {
        t.refunded += m.amount;
        t.refunds += m.count;
      }
      t.net = t.captured - t.refunded;
      totals.set(m.currency, t);
    }

    const openItems: OpenItem[] = [
      ...(
        openOps.all({ counter }) as Array<{
          reference: string;
          opStatus: OperationStatus;
          status: SaleStatus;
          amount: number;
          currency: Currency;
          since: string;
        }>
      ).map(({ opStatus, ...r }) => ({
        ...r,
        kind: opStatus === 'pending' ? ('operation-pending' as const) : ('operation-unknown' as const),
      })),
      ...(openReservations.all({ counter }) as Array<Omit<OpenItem, 'kind'>>).map((r) => ({
        ...r,
        kind:
          r.status === 'DECISION_NEEDED' ? ('decision-needed' as const) : ('reservation-uncaptured' as const),
      })),
    ];

    return {
      date,
      counterId,
      from,
      to,
      byStatus,
      money: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
      refunds: refunds.all({ from, to, counter }) as RefundLine[],
      openItems,
      generatedAt: now.toISOString(),
    };
  };
}
