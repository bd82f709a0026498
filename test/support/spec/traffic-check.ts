/**
 * Holds recorded simulator traffic to the specs, strictly: every request against its operation in
 * the strict spec copy (no undeclared properties), every answer against the schema of its status;
 * a status the operation does not document is a violation unless test/support/spec/known-gaps.ts
 * lists it (with why). The Access Token and Webhooks APIs, in neither spec file, are held to the
 * schemas of their official documentation (./access-token.ts, ./webhooks-api.ts). Validators are
 * compiled once per process, and only when there is traffic to check.
 */
import Ajv from 'ajv';
import { backendFor } from '../openapi';
import { ACCESS_TOKEN_REQUEST_HEADERS, ACCESS_TOKEN_RESPONSE } from './access-token';
import { knownGap } from './known-gaps';
import type { SpecName } from './strict-spec';
import { WEBHOOKS_PROBLEM, WEBHOOKS_REQUEST_HEADERS, webhooksOperation } from './webhooks-api';

/** One request as the simulator received it and, unless dropped or lost, what it answered. */
export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status?: number;
  reply?: unknown;
}

/** A test that sends an invalid request to prove the simulator refuses it marks it with this header. */
export const INVALID_ON_PURPOSE = 'x-test-invalid-on-purpose';

export interface TrafficTally {
  requests: number;
  answers: number;
  /** The simulator's own training pages (QR image and target): not part of any Vipps API. */
  outsideSpecs: number;
  /** Requests marked invalid on purpose (their answers are still checked). */
  invalidOnPurpose: number;
  /** Answers with a status from the known-gaps table, by `api operation status`. */
  gaps: Record<string, number>;
  violations: string[];
}

export function emptyTally(): TrafficTally {
  return { requests: 0, answers: 0, outsideSpecs: 0, invalidOnPurpose: 0, gaps: {}, violations: [] };
}

export function addTally(into: TrafficTally, t: TrafficTally): void {
  into.requests += t.requests;
  into.answers += t.answers;
  into.outsideSpecs += t.outsideSpecs;
  into.invalidOnPurpose += t.invalidOnPurpose;
  for (const [k, n] of Object.entries(t.gaps)) into.gaps[k] = (into.gaps[k] ?? 0) + n;
  into.violations.push(...t.violations);
}

let tokenValidator: ReturnType<Ajv['compile']> | undefined;
export function tokenAnswerErrors(body: unknown): string | null {
  tokenValidator ??= new Ajv({ allErrors: true }).compile(ACCESS_TOKEN_RESPONSE);
  return tokenValidator(body) ? null : JSON.stringify(tokenValidator.errors);
}

function apiOf(path: string): SpecName | 'token' | 'webhooks' | null {
  if (path.startsWith('/epayment/')) return 'epayment';
  if (path.startsWith('/order-management/')) return 'order-management';
  if (path.startsWith('/report/') || path.startsWith('/settlement/')) return 'report';
  if (path === '/accesstoken/get') return 'token';
  if (path.startsWith('/webhooks/')) return 'webhooks';
  return null;
}

const schemaValidators = new WeakMap<object, ReturnType<Ajv['compile']>>();
let ajv: Ajv | undefined;
/** Errors of `body` against a JSON schema, or null when it matches. */
function schemaErrors(schema: object, body: unknown): string | null {
  ajv ??= new Ajv({ allErrors: true });
  let validate = schemaValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    schemaValidators.set(schema, validate);
  }
  return validate(body) ? null : JSON.stringify(validate.errors);
}

/** The Webhooks API, held to its reference (./webhooks-api.ts). */
function checkWebhooks(x: Exchange, tally: TrafficTally, onPurpose: boolean): void {
  const where = `${x.method} ${x.path}`;
  const op = webhooksOperation(x.method, x.path);
  if (!op) {
    if (!onPurpose) tally.violations.push(`request ${where}: no such operation in the Webhooks API`);
    return;
  }
  if (!onPurpose) {
    for (const name of WEBHOOKS_REQUEST_HEADERS)
      if (!x.headers[name]) tally.violations.push(`request ${op.operation} ${where}: no ${name} header`);
    const errors = op.request ? schemaErrors(op.request, x.body) : null;
    if (errors) tally.violations.push(`request ${op.operation} ${where}: ${short(errors)}`);
    else if (!op.request && x.body !== undefined)
      tally.violations.push(`request ${op.operation} ${where}: a body the operation does not take`);
  }
  if (x.status === undefined) return;
  tally.answers += 1;
  let schema = op.answers[x.status];
  if (schema === undefined) {
    const gap = knownGap('webhooks', op.operation, x.status);
    if (!gap) {
      tally.violations.push(`answer ${op.operation} ${where}: undocumented status ${x.status}`);
      return;
    }
    const key = `webhooks ${op.operation} ${x.status}`;
    tally.gaps[key] = (tally.gaps[key] ?? 0) + 1;
    schema = WEBHOOKS_PROBLEM;
  }
  const errors =
    schema === null
      ? x.reply === undefined
        ? null
        : 'a body where the reference documents none'
      : schemaErrors(schema, x.reply);
  if (errors) tally.violations.push(`answer ${op.operation} ${x.status} ${where}: ${short(errors)}`);
}

const short = (errors: unknown) => JSON.stringify(errors).slice(0, 600);

async function checkOne(x: Exchange, tally: TrafficTally): Promise<void> {
  const api = apiOf(x.path);
  const where = `${x.method} ${x.path}`;
  if (api === null) {
    tally.outsideSpecs += 1;
    return;
  }
  tally.requests += 1;
  const onPurpose = INVALID_ON_PURPOSE in x.headers;
  if (onPurpose) tally.invalidOnPurpose += 1;
  if (api === 'token') {
    for (const name of ACCESS_TOKEN_REQUEST_HEADERS) {
      if (!onPurpose && !x.headers[name]) tally.violations.push(`request ${where}: no ${name} header`);
    }
    if (x.status === undefined) return;
    tally.answers += 1;
    if (x.status === 200) {
      const errors = tokenAnswerErrors(x.reply);
      if (errors) tally.violations.push(`answer ${where} 200: ${errors}`);
    } else if (knownGap('token', 'fetchAccessToken', x.status)) {
      const key = `token fetchAccessToken ${x.status}`;
      tally.gaps[key] = (tally.gaps[key] ?? 0) + 1;
    } else tally.violations.push(`answer ${where}: undocumented status ${x.status}`);
    return;
  }
  if (api === 'webhooks') return checkWebhooks(x, tally, onPurpose);

  const backend = await backendFor(api);
  const path = api === 'order-management' ? x.path.replace(/^\/order-management/, '') : x.path;
  const request = { method: x.method, path, headers: x.headers, query: x.query, body: x.body };
  const operation = backend.matchOperation(request);
  if (!operation?.operationId) {
    if (!onPurpose) tally.violations.push(`request ${where}: no such operation in the ${api} spec`);
    return;
  }
  const id = operation.operationId;
  if (!onPurpose) {
    const result = backend.validateRequest(request, operation);
    if (!result.valid) tally.violations.push(`request ${id} ${where}: ${short(result.errors)}`);
  }
  if (x.status === undefined) return;
  tally.answers += 1;
  const documented = Object.keys(operation.responses ?? {}).includes(String(x.status));
  let as = { operation: id, status: x.status };
  if (!documented) {
    const gap = knownGap(api, id, x.status);
    if (!gap) {
      tally.violations.push(`answer ${id} ${where}: undocumented status ${x.status}`);
      return;
    }
    const key = `${api} ${id} ${x.status}`;
    tally.gaps[key] = (tally.gaps[key] ?? 0) + 1;
    if (!gap.like) return;
    as = { operation: gap.like.operation ?? id, status: gap.like.status };
  }
  // A documented answer the spec gives no content (Order Management's 401, the Report API's 404 "not
  // available yet") has no schema to hold its body to; without this the validator would fall back
  // to the operation's `default` schema, which describes other statuses.
  if (documented && !hasContent(operation.responses?.[String(x.status)])) return;
  const result = backend.validateResponse(x.reply, as.operation, as.status);
  if (!result.valid) tally.violations.push(`answer ${id} ${x.status} ${where}: ${short(result.errors)}`);
}

const hasContent = (answer: unknown) =>
  typeof answer === 'object' && answer !== null && 'content' in answer && answer.content !== undefined;

export async function checkTraffic(exchanges: readonly Exchange[]): Promise<TrafficTally> {
  const tally = emptyTally();
  for (const x of exchanges) await checkOne(x, tally);
  return tally;
}

export function describeTally(t: TrafficTally): string {
  const gaps = Object.values(t.gaps).reduce((a, b) => a + b, 0);
  return (
    `${t.requests} requests and ${t.answers} answers checked against the specs ` +
    `(${gaps} answers with a known spec gap, ${t.invalidOnPurpose} requests invalid on purpose, ` +
    `${t.outsideSpecs} training-page requests outside the specs); ${t.violations.length} unexplained violations`
  );
}
