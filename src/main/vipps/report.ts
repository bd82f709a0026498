/**
 * Report API 2.0 (settlement): the ledgers the keys can see, one closed ledger date of a topic, and
 * the continuous feed with its cursor. Production only at Vipps (no test environment); training
 * points it at the simulator. Built on the client's own transport and token provider, so retries,
 * the 401 refresh, typed errors and secret scrubbing are the same as for ePayment. All three calls
 * only read: an unknown outcome never arises, and a repeat is always safe.
 */
import type { z } from 'zod';
import { silentLogger } from '../log';
import type { VippsClientOptions } from './client';
import { unexpectedBodyError, validationError } from './errors';
import { createTransport, type VippsCall } from './http';
import {
  type ledgerSchema,
  ledgersPageSchema,
  type reportEntrySchema,
  reportPageSchema,
} from './report-schemas';
import { type Clock, resolvePolicy, systemClock } from './retry';
import { describeIssues } from './schemas';
import { systemHeaders } from './system-info';
import { createTokenProvider } from './token';

export const REPORT_TOPICS = ['funds', 'fees'] as const;
export type ReportTopic = (typeof REPORT_TOPICS)[number];
export type Ledger = z.infer<typeof ledgerSchema>;
export type ReportEntry = z.infer<typeof reportEntrySchema>;

export interface LedgersPage {
  items: Ledger[];
  /** Absent when there is nothing more. */
  cursor: string | null;
}

export interface ReportPage {
  items: ReportEntry[];
  cursor: string | null;
  hasMore: boolean;
  /** Feed: at the end, wait before asking again with the same cursor. */
  tryLater: boolean;
}

export interface ReportClient {
  ledgers(cursor?: string): Promise<LedgersPage>;
  /** One page of a closed ledger date, or null while the date is not closed yet (404). */
  ledgerDate(
    ledgerId: string,
    topic: ReportTopic,
    ledgerDate: string,
    cursor?: string,
  ): Promise<ReportPage | null>;
  feed(ledgerId: string, topic: ReportTopic, cursor?: string): Promise<ReportPage>;
}

/** As the ePayment client's; the per-reference window is ePayment's own rule. */
export type ReportClientOptions = Omit<VippsClientOptions, 'perReferenceLimits'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Ledger ids and cursors go into the URL: printable, no spaces, bounded. */
const TOKEN = /^[\x21-\x7e]{1,2000}$/;

function check(operation: string, field: string, ok: boolean, rule: string): void {
  if (!ok) throw validationError(operation, [`${field}: ${rule}`], field);
}

export function createReportClient(options: ReportClientOptions): ReportClient {
  const clock: Clock = {
    now: options.now ?? systemClock.now,
    sleep: options.sleep ?? systemClock.sleep,
    random: options.random ?? systemClock.random,
  };
  // The Report API is per ledger, not per sales unit: no Merchant-Serial-Number header.
  const transport = createTransport({
    baseUrl: options.baseUrl,
    commonHeaders: {
      'Ocp-Apim-Subscription-Key': options.credentials.subscriptionKey,
      ...systemHeaders(options.system),
    },
    timeoutMs: options.timeoutMs ?? 15_000,
    policy: resolvePolicy(options.retry),
    clock,
    logger: (options.logger ?? silentLogger).child('report'),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const tokens = createTokenProvider({ transport, credentials: options.credentials, now: clock.now });

  const send = (spec: Omit<VippsCall, 'method' | 'changing'>) =>
    transport.send({ ...spec, method: 'GET', changing: false }, { bearer: tokens });

  function parse<T>(operation: string, status: number, schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw unexpectedBodyError(operation, status, describeIssues(parsed.error));
  }

  async function get<T>(spec: Omit<VippsCall, 'method' | 'changing'>, schema: z.ZodType<T>): Promise<T> {
    const result = await send(spec);
    return parse(spec.operation, result.status, schema, result.body);
  }

  const withCursor = (path: string, cursor: string | undefined) =>
    cursor === undefined ? path : `${path}?cursor=${encodeURIComponent(cursor)}`;

  const checkCursor = (operation: string, cursor: string | undefined) =>
    check(operation, 'cursor', cursor === undefined || TOKEN.test(cursor), 'must be a cursor from Vipps');
  const checkLedger = (operation: string, ledgerId: string, topic: ReportTopic) => {
    check(operation, 'ledgerId', typeof ledgerId === 'string' && TOKEN.test(ledgerId), 'must be a ledger id');
    check(operation, 'topic', (REPORT_TOPICS as readonly string[]).includes(topic), 'must be funds or fees');
  };
  const page = (p: z.infer<typeof reportPageSchema>): ReportPage => ({
    items: p.items,
    cursor: p.cursor || null,
    hasMore: p.hasMore ?? false,
    tryLater: p.tryLater ?? false,
  });

  return {
    async ledgers(cursor) {
      checkCursor('getLedgers', cursor);
      const p = await get(
        { operation: 'getLedgers', path: withCursor('/settlement/v1/ledgers', cursor), success: [200] },
        ledgersPageSchema,
      );
      return { items: p.items, cursor: p.cursor || null };
    },

    async ledgerDate(ledgerId, topic, ledgerDate, cursor) {
      const operation = 'getReportByDate';
      checkLedger(operation, ledgerId, topic);
      check(operation, 'ledgerDate', DATE.test(ledgerDate), 'must be a date like 2026-11-25');
      checkCursor(operation, cursor);
      const path = `/report/v2/ledgers/${encodeURIComponent(ledgerId)}/${topic}/dates/${ledgerDate}`;
      // 404 is documented: "the report for this date is not available yet".
      const result = await send({ operation, path: withCursor(path, cursor), success: [200, 404] });
      if (result.status === 404) return null;
      return page(parse(operation, result.status, reportPageSchema, result.body));
    },

    async feed(ledgerId, topic, cursor) {
      const operation = 'getReportFeed';
      checkLedger(operation, ledgerId, topic);
      checkCursor(operation, cursor);
      const path = `/report/v2/ledgers/${encodeURIComponent(ledgerId)}/${topic}/feed`;
      const p = await get({ operation, path: withCursor(path, cursor), success: [200] }, reportPageSchema);
      return page(p);
    },
  };
}
