/**
 * The one error model for Vipps calls. Everything the client throws on purpose is a VippsError:
 * plain-words message, a stable `code`, and the facts the engine needs (status, Vipps' own error code,
 * traceId, whether the request may have been applied).
 *
 * Never attach ky's HTTPError/TimeoutError or a fetch Request as `cause`: they hold our request with
 * its Authorization and subscription-key headers. Only plain strings and numbers go in here.
 */
import type { ErrorCode } from '../../preload/contract';
import { PosFailure } from '../errors';
import { redactText } from '../redaction';
import type { VippsErrorShape, VippsProblem } from './types';

export interface VippsErrorInit {
  code: ErrorCode;
  message: string;
  operation: string;
  status?: number;
  retryable?: boolean;
  outcomeUnknown?: boolean;
  vippsErrorCode?: string;
  traceId?: string;
  problem?: VippsProblem;
  /** From a 429's Retry-After: how long Vipps asked us to wait (ms). */
  retryAfterMs?: number;
  reference?: string;
  field?: string;
  issues?: string[];
}

export class VippsError extends PosFailure implements VippsErrorShape {
  readonly operation: string;
  readonly status?: number;
  readonly outcomeUnknown: boolean;
  readonly vippsErrorCode?: string;
  readonly traceId?: string;
  readonly problem?: VippsProblem;
  readonly retryAfterMs?: number;

  constructor(init: VippsErrorInit) {
    super(init.code, init.message, {
      retryable: init.retryable ?? false,
      details: compact({
        reference: init.reference,
        traceId: init.traceId,
        vippsErrorCode: init.vippsErrorCode,
        status: init.status,
        field: init.field,
        issues: init.issues,
      }),
    });
    this.name = 'VippsError';
    this.operation = init.operation;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    if (init.status !== undefined) this.status = init.status;
    if (init.vippsErrorCode !== undefined) this.vippsErrorCode = init.vippsErrorCode;
    if (init.traceId !== undefined) this.traceId = init.traceId;
    if (init.problem !== undefined) this.problem = init.problem;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /**
   * The final form of an error once the retry loop is done with it: whether the request may have
   * been applied, how many requests were sent, and which payment it was about.
   */
  settle(outcome: { outcomeUnknown: boolean; requests?: number; reference?: string }): VippsError {
    const base = this.message.replace(/\.$/, '');
    const tries = (outcome.requests ?? 1) > 1 ? ` (after ${outcome.requests} requests)` : '';
    const note = outcome.outcomeUnknown
      ? ' The request may have been carried out: check the payment before doing anything else.'
      : '';
    return new VippsError({
      ...this.init(),
      message: `${base}${tries}.${note}`,
      outcomeUnknown: outcome.outcomeUnknown,
      reference: outcome.reference ?? this.details?.reference,
    });
  }

  private init(): VippsErrorInit {
    return {
      code: this.code,
      message: this.message,
      operation: this.operation,
      status: this.status,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
      vippsErrorCode: this.vippsErrorCode,
      traceId: this.traceId,
      problem: this.problem,
      retryAfterMs: this.retryAfterMs,
      reference: this.details?.reference,
      field: this.details?.field,
      issues: this.details?.issues,
    };
  }
}

export function isVippsError(value: unknown): value is VippsError {
  return value instanceof VippsError;
}

function compact<T extends Record<string, unknown>>(obj: T): Partial<T> | undefined {
  const out = Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
  return Object.keys(out).length > 0 ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// Status and Vipps error code → our code

/**
 * Vipps rule codes that get a more specific code than their HTTP status gives.
 * 6090 "capture amount too high" and 6150 "not enough refundable" are the money rules the engine
 * shows as "more than what remains"; idempotency conflicts (4010/4020/4150) and the payment-state
 * rules (6020–6230) are CONFLICT; 6010 "amount too small" is plain bad input.
 */
/** The codes a Vipps answer's status (and rule code) can map to; each has its plain words below. */
type AnswerCode = Extract<
  ErrorCode,
  'VALIDATION' | 'AUTH' | 'NOT_FOUND' | 'CONFLICT' | 'AMOUNT_EXCEEDS_REMAINING' | 'RATE_LIMITED' | 'UPSTREAM'
>;

const RULE_CODES: Record<string, AnswerCode> = {
  '6090': 'AMOUNT_EXCEEDS_REMAINING',
  '6150': 'AMOUNT_EXCEEDS_REMAINING',
  '4010': 'CONFLICT',
  '4020': 'CONFLICT',
  '4150': 'CONFLICT',
  '6010': 'VALIDATION',
};

/** Every other 6xxx code is a payment-state rule (cannot cancel captured, capture before reservation, …). */
function ruleCode(vippsErrorCode: string | undefined): AnswerCode | undefined {
  if (!vippsErrorCode) return undefined;
  const exact = RULE_CODES[vippsErrorCode];
  if (exact) return exact;
  return /^6\d{3}$/.test(vippsErrorCode) ? 'CONFLICT' : undefined;
}

export function codeForStatus(status: number, vippsErrorCode?: string): AnswerCode {
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM';
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 404) return 'NOT_FOUND';
  const rule = ruleCode(vippsErrorCode);
  if (rule && (status === 400 || status === 409)) return rule;
  if (status === 409 || status === 423) return 'CONFLICT';
  if (status >= 400) return 'VALIDATION';
  return 'UPSTREAM';
}

/** 5xx and 429 are worth another try with the same key; other 4xx are answers, not accidents. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

const PLAIN_WORDS: Record<AnswerCode, string> = {
  VALIDATION: 'Vipps rejected the request',
  AUTH: 'Vipps rejected the credentials',
  NOT_FOUND: 'Vipps does not know this payment or order',
  CONFLICT: "Vipps refused because of the payment's state",
  AMOUNT_EXCEEDS_REMAINING: 'The amount is more than what remains on the payment',
  RATE_LIMITED: 'Vipps asked us to slow down',
  UPSTREAM: 'Vipps had a problem answering',
};

// ---------------------------------------------------------------------------------------------
// Builders used by the transport and the client

/**
 * Text from the other side is untrusted: a proxy may echo our request headers in its error body, and
 * Vipps' wording may quote a phone number ("customer 4791234567 not found"). It goes through the
 * one redaction module like every other text main writes out, and is length capped.
 */
function scrub(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets).slice(0, 300);
}

export function scrubProblem(
  problem: VippsProblem | undefined,
  secrets: readonly string[] = [],
): VippsProblem | undefined {
  if (!problem) return undefined;
  const clean = (text: string | undefined) => (text === undefined ? undefined : scrub(text, secrets));
  const out: VippsProblem = {};
  for (const key of ['type', 'title', 'detail', 'instance', 'traceId'] as const) {
    const value = clean(problem[key]);
    if (value !== undefined) out[key] = value;
  }
  if (problem.status !== undefined) out.status = problem.status;
  if (problem.extraDetails) {
    out.extraDetails = problem.extraDetails.map((d) => ({
      name: scrub(d.name, secrets),
      reason: scrub(d.reason, secrets),
    }));
  }
  return out;
}

/** The Vipps error code lives in extraDetails as `{ name: "ErrorCode", reason: "6150" }`. */
export function vippsErrorCodeOf(problem: VippsProblem | undefined): string | undefined {
  return problem?.extraDetails?.find((d) => d.name === 'ErrorCode')?.reason;
}

export function errorFromResponse(
  operation: string,
  status: number,
  rawProblem: VippsProblem | undefined,
  extra: { retryAfterMs?: number; secrets?: readonly string[] } = {},
): VippsError {
  const problem = scrubProblem(rawProblem, extra.secrets);
  const { retryAfterMs } = extra;
  const vippsErrorCode = vippsErrorCodeOf(problem);
  const code = codeForStatus(status, vippsErrorCode);
  const said = [problem?.title, problem?.detail].filter(Boolean).join(': ');
  const codeNote = vippsErrorCode ? `, Vipps code ${vippsErrorCode}` : '';
  const message = `${PLAIN_WORDS[code]} (${operation}, HTTP ${status}${codeNote})${said ? `: ${said}` : ''}`;
  return new VippsError({
    code,
    message,
    operation,
    status,
    retryable: isRetryableStatus(status),
    vippsErrorCode,
    traceId: problem?.traceId,
    problem,
    retryAfterMs,
  });
}

export function timeoutError(operation: string, timeoutMs: number): VippsError {
  return new VippsError({
    code: 'TIMEOUT',
    message: `Vipps did not answer ${operation} within ${timeoutMs} ms`,
    operation,
    retryable: true,
  });
}

export function networkError(operation: string, reason: string, sent: boolean): VippsError {
  const what = sent ? 'The connection to Vipps was lost during' : 'Could not reach Vipps for';
  return new VippsError({
    code: 'NETWORK',
    message: `${what} ${operation} (${reason})`,
    operation,
    retryable: true,
  });
}

export function unexpectedBodyError(operation: string, status: number, issues: string[]): VippsError {
  return new VippsError({
    code: 'UPSTREAM',
    message: `Vipps sent an answer to ${operation} that we do not understand (HTTP ${status})`,
    operation,
    status,
    issues: issues.slice(0, 10),
  });
}

export function validationError(operation: string, issues: string[], field?: string): VippsError {
  return new VippsError({
    code: 'VALIDATION',
    message: `Not sent to Vipps: ${issues[0] ?? 'invalid input'}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
    operation,
    field,
    issues: issues.slice(0, 10),
  });
}

/** Not sent: one more request now would break Vipps' per-reference limit (nothing reached Vipps). */
export function rateLimitedHere(operation: string, waitMs: number): VippsError {
  return new VippsError({
    code: 'RATE_LIMITED',
    message: `Not sent to Vipps yet: ${operation} for this payment is at Vipps' per-minute limit; wait ${Math.ceil(waitMs / 1000)} s`,
    operation,
    retryable: true,
    retryAfterMs: waitMs,
  });
}
