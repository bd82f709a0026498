/**
 * Report API 2.0 over HTTP (report-api-2.0.yaml): ledgers, a closed ledger date per topic (404 while
 * it is open, as documented), and the feed. Cursors are opaque to the caller: base64url JSON naming
 * the ledger, topic (and date) and the position, so a cursor used on another path is refused.
 */
import type { Reply, SimRequest } from './http-types';
import type { Route, SimContext } from './routes';
import type { SettlementEntry, SettlementTopic } from './settlement';
import { SimError, validationError } from './sim-error';

const LEDGER = '/report/v2/ledgers/(?<ledgerId>[^/]+)/(?<topic>[^/]+)';

interface Cursor {
  l: string;
  t: SettlementTopic;
  d?: string;
  p: number;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(req: SimRequest, expect: Omit<Cursor, 'p'>): number {
  const raw = req.query.get('cursor');
  if (raw === null) return 0;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (c.l === expect.l && c.t === expect.t && c.d === expect.d && Number.isInteger(c.p) && c.p >= 0)
      return c.p;
  } catch {
    // fall through to the refusal
  }
  throw validationError([{ name: 'cursor', reason: 'The cursor is not valid for this request.' }]);
}

function topicOf(req: SimRequest): SettlementTopic {
  const topic = req.params.topic;
  if (topic === 'funds' || topic === 'fees') return topic;
  throw validationError([{ name: 'topic', reason: 'The topic is funds or fees.' }]);
}

const notFound = (detail: string) => new SimError(404, 'Not Found', detail);

/** Wire shape: the spec's Transaction, reference only when there is one. */
const wire = (e: SettlementEntry) => ({ ...e });

export function reportRoutes(ctx: SimContext): Route[] {
  const { settlement } = ctx;
  const known = (ledgerId: string) => settlement.ledgers().some((l) => l.ledgerId === ledgerId);
  return [
    {
      method: 'GET',
      pattern: /^\/settlement\/v1\/ledgers$/,
      operation: 'getLedgers',
      api: 'report',
      handle(req): Reply {
        const handle = req.query.get('settlesForRecipientHandles');
        const items = settlement
          .ledgers()
          .filter((l) => handle === null || l.settlesForRecipientHandles.includes(handle));
        return { status: 200, body: { items } };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${LEDGER}/dates/(?<ledgerDate>[^/]+)$`),
      operation: 'getReportByDate',
      api: 'report',
      handle(req): Reply {
        const ledgerId = req.params.ledgerId ?? '';
        const topic = topicOf(req);
        const date = req.params.ledgerDate ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
          throw validationError([{ name: 'ledgerDate', reason: 'The date is YYYY-MM-DD.' }]);
        }
        if (!known(ledgerId)) throw notFound('No such ledger.');
        const from = decode(req, { l: ledgerId, t: topic, d: date });
        const entries = settlement.dateReport(ledgerId, topic, date);
        // Documented: "The report for this date is not available yet".
        if (entries === null) return { status: 404 };
        const items = entries.slice(from, from + settlement.pageSize).map(wire);
        const next = from + items.length;
        const hasMore = next < entries.length;
        return {
          status: 200,
          body: {
            items,
            hasMore,
            tryLater: false,
            ...(hasMore ? { cursor: encode({ l: ledgerId, t: topic, d: date, p: next }) } : {}),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${LEDGER}/feed$`),
      operation: 'getReportFeed',
      api: 'report',
      handle(req): Reply {
        const ledgerId = req.params.ledgerId ?? '';
        const topic = topicOf(req);
        if (!known(ledgerId)) throw notFound('No such ledger.');
        const from = decode(req, { l: ledgerId, t: topic });
        const entries = settlement.entries(ledgerId, topic);
        const items = entries.slice(from, from + settlement.pageSize).map(wire);
        const next = from + items.length;
        // At the end the cursor stays usable: ask again with it later (tryLater).
        return {
          status: 200,
          body: { items, cursor: encode({ l: ledgerId, t: topic, p: next }), tryLater: items.length === 0 },
        };
      },
    },
  ];
}
