/**
 * What reached the simulator, per operation. Never holds headers or bodies: only enough to count
 * calls and see how each ended.
 */
import type { Operation } from './types';

export type RequestOutcome = number | 'dropped' | 'lost-response';

export interface LoggedRequest {
  operation: Operation;
  method: string;
  path: string;
  idempotencyKey: string | null;
  outcome: RequestOutcome | 'pending';
  at: number;
}

export interface RequestLog {
  count(operation?: Operation): number;
  list(): readonly LoggedRequest[];
  reset(): void;
}

export interface WritableRequestLog extends RequestLog {
  start(entry: Omit<LoggedRequest, 'outcome'>): LoggedRequest;
}

export function createRequestLog(): WritableRequestLog {
  let rows: LoggedRequest[] = [];
  return {
    start(entry) {
      const row: LoggedRequest = { ...entry, outcome: 'pending' };
      rows.push(row);
      return row;
    },
    count: (operation) => (operation ? rows.filter((r) => r.operation === operation).length : rows.length),
    list: () => rows.map((r) => ({ ...r })),
    reset() {
      rows = [];
    },
  };
}
