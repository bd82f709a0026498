/**
 * The till API's routes, as a function from a request to an answer (server.ts puts it on a socket;
 * the fuzz tests call it directly). Every route but pairing needs `Authorization: Bearer <token>`
 * of a paired, unrevoked till; wrong tokens and codes are audited and rate-limited per address.
 * Answers are JSON, refusals `application/problem+json` (problem.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { isPosFailure } from '../errors';
import type { AuditRepo } from '../journal/audit-repo';
import type { Logger } from '../log';
import type { AuthLimiter } from './limiter';
import type { Answer, TillOperations } from './operations';
import { type Problem, problemOf, toProblem } from './problem';
import type { TillRepo, TillRow } from './repo';
import {
  currencySchema,
  listQuerySchema,
  objectBody,
  orderIdSchema,
  pairingSchema,
  readQuerySchema,
  referenceParam,
  requestIdSchema,
} from './schemas';

export const MAX_BODY_BYTES = 64 * 1024;
export const TOKEN_PREFIX = 'vmct_';

export interface TillHttpRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  authorization?: string | undefined;
  contentType?: string | undefined;
  body: string;
  /** The client's address (for the rate limit and the audit log). */
  remote: string;
  /** Aborted when the till hangs up (a waiting read then stops waiting). */
  signal?: AbortSignal;
}

export interface TillHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface TillApiDeps {
  repo: TillRepo;
  audit: AuditRepo;
  operations: TillOperations;
  limiter: AuthLimiter;
  /** Takes a one-time pairing code (true once, for the code currently shown in Settings). */
  consumePairingCode(code: string): boolean;
  now: () => Date;
  logger: Logger;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

function problem(p: Problem, headers: Record<string, string> = {}): TillHttpResponse {
  return { status: p.status, headers: { 'Content-Type': 'application/problem+json', ...headers }, body: p };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): TillHttpResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body };
}

function fromAnswer(answer: Answer, location?: (reference: string) => string): TillHttpResponse {
  if ('problem' in answer) return problem(answer.problem);
  const headers: Record<string, string> = {};
  if (answer.replayed) headers['Idempotent-Replayed'] = 'true';
  if (answer.status === 201 && location && 'reference' in answer.body) {
    headers.Location = location(answer.body.reference);
  }
  return json(answer.status, answer.body, headers);
}

/** The same wording as the IPC's VALIDATION refusal (src/main/ipc/invoke.ts). */
function invalid(error: z.ZodError, prefix: string[] = []): TillHttpResponse {
  const issues = error.issues.map(
    (issue) => `${[...prefix, ...issue.path].join('.') || '(request)'}: ${issue.message}`,
  );
  const field = [...prefix, ...(error.issues[0]?.path ?? [])].join('.');
  return problem(
    problemOf('VALIDATION', `The request was not valid (${issues[0] ?? '(request)'}); nothing was done.`, {
      details: { issues: issues.slice(0, 20), ...(field ? { field } : {}) },
    }),
  );
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: TillHttpResponse };

function parse<T>(schema: z.ZodType<T>, value: unknown, prefix: string[] = []): Parsed<T> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, response: invalid(result.error, prefix) };
}

function jsonBody(req: TillHttpRequest): Parsed<Record<string, unknown>> {
  if (!req.contentType?.toLowerCase().startsWith('application/json')) {
    return {
      ok: false,
      response: problem(
        problemOf('VALIDATION', 'The body must be JSON (Content-Type: application/json).', { status: 415 }),
      ),
    };
  }
  if (Buffer.byteLength(req.body) > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: problem(problemOf('VALIDATION', 'The request is too large.', { status: 413 })),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    return { ok: false, response: problem(problemOf('VALIDATION', 'The body is not valid JSON.')) };
  }
  return parse(objectBody, value);
}

/** Takes the named keys out of a body: they are the till's own words, the rest goes to the channel. */
function split(body: Record<string, unknown>, keys: readonly string[]) {
  // fromEntries defines own properties: a "__proto__" key stays a key (and is refused by the
  // channel's strict schema) instead of becoming the object's prototype.
  const entries = Object.entries(body);
  return {
    own: Object.fromEntries(entries.filter(([key]) => keys.includes(key))),
    rest: Object.fromEntries(entries.filter(([key]) => !keys.includes(key))),
  };
}

const ACTIONS = { cancel: 'cancel', complete: 'complete', release: 'release', refunds: 'refund' } as const;

export function createTillApi(deps: TillApiDeps) {
  const { repo, audit, limiter } = deps;

  function refuseAuth(req: TillHttpRequest, action: string, message: string): TillHttpResponse {
    const lockedNow = limiter.failed(req.remote);
    audit.append({
      at: deps.now().toISOString(),
      actor: 'till-api',
      action,
      reference: null,
      amount: null,
      details: { remote: req.remote, ...(lockedNow ? { locked: true } : {}) },
    });
    return problem(problemOf('FORBIDDEN', message, { status: 401 }), { 'WWW-Authenticate': 'Bearer' });
  }

  const touched = new Map<number, number>();
  /** "Last used" for Settings, written at most once a minute per till rather than on every call. */
  function touch(till: TillRow): void {
    const at = deps.now();
    if (at.getTime() - (touched.get(till.id) ?? Number.NEGATIVE_INFINITY) < 60_000) return;
    touched.set(till.id, at.getTime());
    repo.touch(till.id, at.toISOString());
  }

  function rateLimited(req: TillHttpRequest): TillHttpResponse | null {
    const wait = limiter.blockedFor(req.remote);
    if (wait === 0) return null;
    const retryAt = new Date(deps.now().getTime() + wait).toISOString();
    return problem(
      problemOf(
        'RATE_LIMITED',
        'Too many wrong tokens or pairing codes from this address; wait and try again.',
        {
          retryable: true,
          details: { retryAt },
        },
      ),
      { 'Retry-After': String(Math.ceil(wait / 1000)) },
    );
  }

  function authenticate(req: TillHttpRequest): { till: TillRow } | { response: TillHttpResponse } {
    const limited = rateLimited(req);
    if (limited) return { response: limited };
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.authorization ?? '');
    const till = match ? repo.tillByTokenHash(hashToken(match[1]!)) : undefined;
    if (!till) {
      return {
        response: refuseAuth(
          req,
          'till-token-refused',
          'This call needs the token of a paired till (Authorization: Bearer …). Pair the till again if it was revoked.',
        ),
      };
    }
    touch(till);
    return { till };
  }

  function pair(req: TillHttpRequest): TillHttpResponse {
    const limited = rateLimited(req);
    if (limited) return limited;
    const body = jsonBody(req);
    if (!body.ok) return body.response;
    const input = parse(pairingSchema, body.value);
    if (!input.ok) return input.response;
    if (!deps.consumePairingCode(input.value.code)) {
      return refuseAuth(
        req,
        'till-pairing-refused',
        'That pairing code is not valid (each code works once, for 10 minutes). Ask a manager for a new one in Settings.',
      );
    }
    const name = input.value.tillName.trim();
    if (repo.tills().some((till) => till.name === name)) {
      return problem(
        problemOf(
          'CONFLICT',
          'A till with that name is paired already; revoke it in Settings first, or use another name.',
          {
            details: { field: 'tillName' },
          },
        ),
      );
    }
    const token = newToken();
    const at = deps.now().toISOString();
    const till = repo.addTill(name, hashToken(token), at);
    audit.append({
      at,
      actor: 'till-api',
      action: 'till-paired',
      reference: null,
      amount: null,
      details: { till: name, tillId: till.id, remote: req.remote },
    });
    return json(201, { token, till: { id: till.id, name } });
  }

  async function startSale(req: TillHttpRequest, till: TillRow): Promise<TillHttpResponse> {
    const body = jsonBody(req);
    if (!body.ok) return body.response;
    const { own, rest } = split(body.value, ['requestId', 'orderId', 'currency']);
    for (const [key, schema] of [
      ['requestId', requestIdSchema],
      ['orderId', orderIdSchema],
      ['currency', currencySchema],
    ] as const) {
      const checked = parse(schema as z.ZodType<string>, own[key], [key]);
      if (!checked.ok) return checked.response;
    }
    const answer = await deps.operations.start(till, {
      requestId: own.requestId as string,
      orderId: own.orderId as string,
      currency: own.currency as string,
      sale: rest,
    });
    return fromAnswer(answer, (reference) => `/v1/payments/${reference}`);
  }

  async function act(
    req: TillHttpRequest,
    till: TillRow,
    reference: string,
    action: keyof typeof ACTIONS,
  ): Promise<TillHttpResponse> {
    const body = jsonBody(req);
    if (!body.ok) return body.response;
    const { own, rest } = split(body.value, ['requestId']);
    const requestId = parse(requestIdSchema, own.requestId, ['requestId']);
    if (!requestId.ok) return requestId.response;
    return fromAnswer(
      await deps.operations.act(till, ACTIONS[action], reference, { requestId: requestId.value, body: rest }),
    );
  }

  async function read(
    req: TillHttpRequest,
    till: TillRow,
    query: URLSearchParams,
    by: { reference: string } | { orderId: string },
  ): Promise<TillHttpResponse> {
    const q = parse(readQuerySchema, Object.fromEntries(query));
    if (!q.ok) return q.response;
    return fromAnswer(
      await deps.operations.read(till, by, {
        ...(q.value.wait !== undefined ? { seconds: q.value.wait } : {}),
        ...(q.value.version ? { version: q.value.version } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      }),
    );
  }

  const methodNotAllowed = (allow: string) =>
    problem(problemOf('VALIDATION', `Use ${allow}.`, { status: 405 }), { Allow: allow });
  const noRoute = () => problem(problemOf('NOT_FOUND', 'No such operation in the till API.'));

  /** Never throws: a PosFailure (a date that does not exist, say) is its problem; anything else INTERNAL. */
  async function handle(req: TillHttpRequest): Promise<TillHttpResponse> {
    try {
      return await route(req);
    } catch (error) {
      if (isPosFailure(error)) return problem(toProblem(error.toPosError()));
      deps.logger.error('till API request failed', { error });
      return problem(
        problemOf('INTERNAL', 'Something went wrong in the counter app. The details are in its log.'),
      );
    }
  }

  async function route(req: TillHttpRequest): Promise<TillHttpResponse> {
    let url: URL;
    let segments: string[];
    try {
      url = new URL(req.url, 'http://till.invalid');
      segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return noRoute();
    }
    if (segments[0] !== 'v1') return noRoute();
    const [, collection, id, verb, ...more] = segments;
    if (more.length > 0) return noRoute();
    if (collection === 'pairing' && id === undefined) {
      return req.method === 'POST' ? pair(req) : methodNotAllowed('POST');
    }
    if (collection !== 'payments' && collection !== 'orders') return noRoute();
    if (collection === 'orders' && (id === undefined || verb !== undefined)) return noRoute();
    if (verb !== undefined && !Object.hasOwn(ACTIONS, verb)) return noRoute();

    const auth = authenticate(req);
    if ('response' in auth) return auth.response;
    const { till } = auth;

    if (collection === 'orders') {
      if (req.method !== 'GET') return methodNotAllowed('GET');
      const orderId = parse(orderIdSchema, id, ['orderId']);
      if (!orderId.ok) return orderId.response;
      return read(req, till, url.searchParams, { orderId: orderId.value });
    }
    if (id === undefined) {
      if (req.method === 'POST') return startSale(req, till);
      if (req.method !== 'GET') return methodNotAllowed('GET, POST');
      const q = parse(listQuerySchema, Object.fromEntries(url.searchParams));
      if (!q.ok) return q.response;
      return fromAnswer(deps.operations.list(till, q.value.date));
    }
    const reference = parse(referenceParam, id, ['reference']);
    if (!reference.ok) return reference.response;
    if (verb === undefined) {
      return req.method === 'GET'
        ? read(req, till, url.searchParams, { reference: reference.value })
        : methodNotAllowed('GET');
    }
    if (req.method !== 'POST') return methodNotAllowed('POST');
    return act(req, till, reference.value, verb as keyof typeof ACTIONS);
  }

  return { handle };
}

export type TillApi = ReturnType<typeof createTillApi>;
