/**
 * The HTTP side: one request at a time through faults → body → gateway checks → route → reply.
 * Faults decide first, so a 'drop' never reads the request and a 'status' never applies it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log';
import type { Auth } from './auth';
import type { SimClock } from './clock';
import { errorReply } from './error-bodies';
import type { FaultEngine, TerminalFault } from './faults';
import { header, type Reply, type SimRequest } from './http-types';
import { notifyObservers, type TrafficObserver } from './observers';
import type { SimRateLimits } from './rate-limits';
import type { LoggedRequest, WritableRequestLog } from './request-log';
import { type ApiFamily, matchRoute, type Route } from './routes';
import { SimError, validationError, vippsError } from './sim-error';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Strictest limit of the two specs (ePayment 30; Order Management allows 100). */
const SYSTEM_HEADER_LIMIT: Partial<Record<ApiFamily, number>> = {
  epayment: 30,
  'order-management': 100,
  webhooks: 30,
  report: 30,
};
const SYSTEM_HEADERS = [
  'vipps-system-name',
  'vipps-system-version',
  'vipps-system-plugin-name',
  'vipps-system-plugin-version',
];

export interface ServerDeps {
  routes: readonly Route[];
  faults: FaultEngine;
  rateLimits: SimRateLimits;
  requests: WritableRequestLog;
  auth: Auth;
  clock: SimClock;
  logger: Logger;
  observers: ReadonlySet<TrafficObserver>;
}

export interface SimServer {
  server: Server;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new SimError(413, 'Payload Too Large', 'The body is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError([{ name: '$', reason: 'The request body is not valid JSON.' }]);
  }
}

function checkSystemHeaders(req: SimRequest, api: ApiFamily) {
  const limit = SYSTEM_HEADER_LIMIT[api];
  if (!limit) return;
  for (const name of SYSTEM_HEADERS) {
    const value = header(req, name);
    if (value && value.length > limit) {
      throw validationError([{ name, reason: `The header is at most ${limit} characters.` }]);
    }
  }
}

function faultReply(fault: Extract<TerminalFault, { kind: 'status' | 'rate-limit' }>): SimError {
  if (fault.kind === 'rate-limit') {
    return new SimError(429, 'Too Many Requests', 'Rate limit exceeded. Slow down.', [], {
      'Retry-After': String(fault.retryAfterSeconds),
    });
  }
  if (fault.status === 500) return vippsError('3010');
  return new SimError(
    fault.status,
    'Service error',
    'Injected fault: the service did not process the request.',
  );
}

function send(res: ServerResponse, reply: Reply) {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Buffer | undefined;
  if (reply.raw !== undefined) {
    payload = reply.raw;
    headers['content-type'] = reply.contentType ?? 'application/octet-stream';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = reply.contentType ?? 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** The payment a request is about: in the path, or (create) in the body. */
function referenceOf(sim: SimRequest): string | undefined {
  if (sim.params.reference) return sim.params.reference;
  const body = sim.body as { reference?: unknown } | undefined;
  return sim.operation === 'createPayment' && typeof body?.reference === 'string'
    ? body.reference
    : undefined;
}

export function createSimServer(deps: ServerDeps): SimServer {
  const { routes, faults, rateLimits, requests, auth, clock, logger, observers } = deps;
  const observe = (call: (o: TrafficObserver) => void) => notifyObservers(observers, logger, call);
  let closing = false;
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function dispatch(route: Route | null, req: SimRequest): Promise<Reply> {
    if (!route) throw new SimError(404, 'Not Found', `No route for ${req.method} ${req.path}.`);
    let msn = '';
    if (route.api === 'report') auth.authorizeReportCall(req);
    else if (route.api !== 'token' && route.api !== 'public') msn = auth.authorizeApiCall(req);
    checkSystemHeaders(req, route.api);
    return route.handle(req, msn);
  }

  async function handle(
    incoming: IncomingMessage,
    res: ServerResponse,
    entry: LoggedRequest,
    sim: SimRequest,
    route: Route | null,
  ) {
    const plan = faults.plan({ method: sim.method, path: sim.path, operation: sim.operation });
    if (plan.terminal?.kind === 'drop') {
      entry.outcome = 'dropped';
      incoming.socket.destroy();
      return;
    }
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (closing) {
      incoming.socket.destroy();
      return;
    }
    const api = route?.api ?? 'public';
    let reply: Reply;
    try {
      const raw = await readBody(incoming);
      sim.body = sim.method === 'GET' ? undefined : parseJson(raw);
      observe((o) => o.request?.(sim));
      const terminal = plan.terminal;
      // Vipps' gateway counts every request that reaches it, also one that then fails.
      rateLimits.admit(sim.operation, referenceOf(sim));
      if (terminal?.kind === 'status' || terminal?.kind === 'rate-limit') throw faultReply(terminal);
      reply = await dispatch(route, sim);
    } catch (error) {
      if (!(error instanceof SimError)) logger.error('simulator handler failed', { error, path: sim.path });
      reply = errorReply(api, error instanceof SimError ? error : vippsError('3010'), sim.path);
    }
    if (plan.terminal?.kind === 'lost-response') {
      // Applied above; the caller never hears about it.
      entry.outcome = 'lost-response';
      incoming.socket.destroy();
      return;
    }
    observe((o) => o.reply?.(sim, reply));
    send(res, reply);
    entry.outcome = reply.status;
    logger.debug('simulator request', {
      operation: sim.operation,
      method: sim.method,
      path: sim.path,
      status: reply.status,
    });
  }

  const server = createServer((incoming, res) => {
    const url = new URL(incoming.url ?? '/', 'http://simulator');
    const method = (incoming.method ?? 'GET').toUpperCase();
    const matched = matchRoute(routes, method, url.pathname);
    const sim: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: undefined,
      params: matched?.params ?? {},
      operation: matched?.route.operation ?? 'unknown',
    };
    const entry = requests.start({
      operation: sim.operation,
      method,
      path: sim.path,
      idempotencyKey: header(sim, 'idempotency-key') ?? null,
      at: clock.now(),
    });
    handle(incoming, res, entry, sim, matched?.route ?? null).catch((error) => {
      logger.error('simulator request failed', { error });
      incoming.socket.destroy();
    });
  });

  return {
    server,
    close() {
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
