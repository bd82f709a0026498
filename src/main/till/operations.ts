/**
 * The till's operations, independent of HTTP. Money moves only through the app's own handler map
 * (the same schemas, staff guard and engine as the cashier window), run "from the till" so the
 * journal binds the till's request id to what it starts and the audit log names the till.
 *
 * Idempotency: a request id is bound, in the transaction that writes the sale or money intent, to
 * exactly one operation on one sale, with the hash of the request. A re-send with the same id and
 * body gets that operation's outcome (the sale as it is now, or the same refusal); the same id with
 * another body is refused with CONFLICT. Requests with the same id are also serialised in memory,
 * so a re-send racing the original waits for it.
 */
import { createHash } from 'node:crypto';
import type { Channel, PaymentView, PosError, Result } from '../../preload/contract';
import type { Journal } from '../journal';
import type { PaymentsService } from '../payments/types';
import { paymentView } from '../payments/views';
import { localDate, localDayRange } from '../reports/local-day';
import { runFromTill } from './origin';
import { type Problem, problemOf, toProblem } from './problem';
import type { TillRepo, TillRequestRow, TillRow } from './repo';

export type Invoke = (channel: Channel, req: unknown) => Promise<Result<unknown>>;

export interface TillPayment {
  reference: string;
  orderId: string | null;
  /** Changes whenever anything about the sale changes: pass it back with `wait` to wait for the next. */
  version: string;
  payment: PaymentView;
}

export type Answer =
  | { status: number; body: TillPayment | { payments: TillPayment[] }; replayed?: boolean }
  | { status: number; problem: Problem };

export interface TillOperationsDeps {
  repo: TillRepo;
  journal: Journal;
  payments: PaymentsService;
  invoke: Invoke;
  currency: () => string;
  now: () => Date;
}

export type TillOperation = 'start' | 'cancel' | 'complete' | 'release' | 'refund';

/** The sale's content, not when it was last looked at: each poll of Vipps touches `updatedAt`. */
export function versionOf(view: PaymentView): string {
  const { updatedAt: _touched, ...content } = view;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": the operation, its sale and its body without the approval. */
export function requestHash(operation: TillOperation, reference: string | null, body: object): string {
  const { approval: _approval, ...rest } = body as Record<string, unknown>;
  return createHash('sha256')
    .update(canonical({ operation, reference, body: rest }))
    .digest('hex');
}

function fail(error: PosError): Answer {
  return { status: toProblem(error).status, problem: toProblem(error) };
}

export function createTillOperations(deps: TillOperationsDeps) {
  const { repo, journal } = deps;
  const queues = new Map<string, Promise<unknown>>();

  function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = queues.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => {});
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return run;
  }

  function tillPayment(reference: string, orderId: string | null): TillPayment | undefined {
    const row = journal.payments.get(reference);
    if (!row) return undefined;
    const payment = paymentView(row);
    return { reference, orderId, version: versionOf(payment), payment };
  }

  function ownSale(till: TillRow, reference: string): TillRequestRow | undefined {
    return repo.startedBy(till.id, reference);
  }

  function notFound(what: string): Answer {
    return { status: 404, problem: problemOf('NOT_FOUND', `No sale this till started has that ${what}.`) };
  }

  function answerFor(till: TillRow, reference: string, status: number, replayed = false): Answer {
    const found = tillPayment(reference, ownSale(till, reference)?.orderId ?? null);
    if (!found) return notFound('reference');
    return { status, body: found, ...(replayed ? { replayed } : {}) };
  }

  /**
   * One changing request: replayed from its binding when the id is known, else run from the till.
   */
  function change(
    till: TillRow,
    spec: {
      operation: TillOperation;
      requestId: string;
      reference: string | null;
      orderId: string | null;
      body: object;
      run: () => Promise<Result<unknown>>;
      created?: boolean;
    },
  ): Promise<Answer> {
    const bodyHash = requestHash(spec.operation, spec.reference, spec.body);
    return serialised(`${till.id}:${spec.requestId}`, async () => {
      const earlier = repo.request(till.id, spec.requestId);
      if (earlier) {
        if (earlier.bodyHash !== bodyHash) {
          return fail({
            code: 'CONFLICT',
            message:
              'This request id was already used for a different request; nothing was done. Use a new request id for a new request.',
            retryable: false,
            details: { field: 'requestId', reference: earlier.reference },
          });
        }
        const problem = earlier.problem ? (JSON.parse(earlier.problem) as PosError) : null;
        if (problem && !problem.retryable) return fail(problem);
        if (!problem) return answerFor(till, earlier.reference, 200, true);
        // A retryable refusal (no answer from Vipps, a moment's conflict): try the same operation again.
      }
      const result = await runFromTill(
        {
          tillId: till.id,
          tillName: till.name,
          request: { id: spec.requestId, operation: spec.operation, bodyHash, orderId: spec.orderId },
        },
        spec.run,
      );
      const bound = repo.request(till.id, spec.requestId);
      if (!result.ok) {
        if (bound) repo.setProblem(till.id, spec.requestId, JSON.stringify(result.error));
        return fail(result.error);
      }
      if (bound?.problem) repo.setProblem(till.id, spec.requestId, null);
      const reference = (result.value as PaymentView).reference;
      return answerFor(till, reference, spec.created ? 201 : 200);
    });
  }

  function currencyRefusal(currency: string): Answer | null {
    const ours = deps.currency();
    if (currency === ours) return null;
    return fail({
      code: 'VALIDATION',
      message: `This counter takes payments in ${ours}, not ${currency}; nothing was done.`,
      retryable: false,
      details: { field: 'currency' },
    });
  }

  /** Waits until the sale differs from `version` (or the current one), `waitMs` passes or the till goes. */
  async function waitForChange(
    reference: string,
    version: string | undefined,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    let done = () => {};
    const changed = new Promise<void>((resolve) => {
      done = resolve;
    });
    const off = deps.payments.on('payment', (view) => {
      if (view.reference === reference && versionOf(view) !== known) done();
    });
    const current = tillPayment(reference, null);
    const known = version ?? current?.version;
    if (!current || current.version !== known) {
      off();
      return;
    }
    const timer = setTimeout(done, waitMs);
    signal?.addEventListener('abort', done, { once: true });
    try {
      await changed;
    } finally {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', done);
    }
  }

  return {
    start(
      till: TillRow,
      input: { requestId: string; orderId: string; currency: string; sale: Record<string, unknown> },
    ): Promise<Answer> {
      const refused = currencyRefusal(input.currency);
      if (refused) return Promise.resolve(refused);
      return change(till, {
        operation: 'start',
        requestId: input.requestId,
        reference: null,
        orderId: input.orderId,
        body: { orderId: input.orderId, currency: input.currency, ...input.sale },
        run: () => deps.invoke('pos:payment:start', input.sale),
        created: true,
      });
    },

    async read(
      till: TillRow,
      by: { reference: string } | { orderId: string },
      wait: { seconds?: number; version?: string; signal?: AbortSignal },
    ): Promise<Answer> {
      const reference =
        'reference' in by
          ? ownSale(till, by.reference)?.reference
          : repo.referenceForOrder(till.id, by.orderId);
      if (!reference) return notFound('reference' in by ? 'reference' : 'order id');
      if (wait.seconds) await waitForChange(reference, wait.version, wait.seconds * 1000, wait.signal);
      return answerFor(till, reference, 200);
    },

    list(till: TillRow, date?: string): Answer {
      const range = localDayRange(date ?? localDate(deps.now()));
      const payments = repo
        .startedBetween(till.id, range.from, range.to)
        .flatMap((row) => tillPayment(row.reference, row.orderId) ?? []);
      return { status: 200, body: { payments } };
    },

    act(
      till: TillRow,
      operation: Exclude<TillOperation, 'start'>,
      reference: string,
      input: { requestId: string; body: Record<string, unknown> },
    ): Promise<Answer> {
      if (!ownSale(till, reference)) return Promise.resolve(notFound('reference'));
      const { requestId, body } = input;
      const fixed = ['reference', 'action', 'requestId'].find((key) => Object.hasOwn(body, key));
      if (fixed) {
        return Promise.resolve(
          fail({
            code: 'VALIDATION',
            message: `The request was not valid (${fixed}: is set by the address and may not be in the body); nothing was done.`,
            retryable: false,
            details: { field: fixed },
          }),
        );
      }
      const request = requestFor(operation, reference, requestId, body);
      return change(till, {
        operation,
        requestId,
        reference,
        orderId: null,
        body,
        run: () => deps.invoke(request.channel, request.req),
      });
    },

    currencyRefusal,
  };
}

/** The window's channel and request for a till operation on one sale. */
function requestFor(
  operation: Exclude<TillOperation, 'start'>,
  reference: string,
  requestId: string,
  body: Record<string, unknown>,
): { channel: Channel; req: Record<string, unknown> } {
  switch (operation) {
    case 'cancel':
      return { channel: 'pos:payment:cancel', req: { ...body, reference } };
    case 'complete':
      return { channel: 'pos:payment:capture', req: { ...body, reference } };
    case 'release':
      return { channel: 'pos:payment:resolve', req: { ...body, reference, action: 'release' } };
    case 'refund':
      // The till's request id is the refund dialog's request id: the engine's own guard against twins.
      return { channel: 'pos:payment:refund', req: { ...body, reference, requestId } };
  }
}

export type TillOperations = ReturnType<typeof createTillOperations>;
