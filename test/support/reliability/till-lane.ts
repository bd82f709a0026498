/**
 * A counter driven by a till: the reliability suites' cashier, but every sale, cancel, decision and
 * refund goes through the till API (src/main/till, its request handler in process) with a paired
 * till's token and a request id, as a cash register would send them. Like a real till it sends a
 * request again with the SAME request id when the answer did not tell it the outcome (a retryable
 * problem, or now and then "the answer was lost"), and, with `pendingFile`, re-sends after a crash
 * the request it had in flight. Reads stay on the engine (what the cashier looks at).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PosFailure } from '../../../src/main/errors';
import type { HandlerMap } from '../../../src/main/ipc/handler';
import { invokeHandler } from '../../../src/main/ipc/invoke';
import { REQUEST_SCHEMAS } from '../../../src/main/ipc/schemas';
import { silentLogger } from '../../../src/main/log';
import type { PaymentsService } from '../../../src/main/payments/types';
import { createTillApi, hashToken, newToken, type TillApi } from '../../../src/main/till/api';
import { createAuthLimiter } from '../../../src/main/till/limiter';
import { createTillOperations } from '../../../src/main/till/operations';
import { journalWithTillOrigin } from '../../../src/main/till/origin';
import type { Problem } from '../../../src/main/till/problem';
import { tillRepo } from '../../../src/main/till/repo';
import type { Channel, PaymentView } from '../../../src/preload/contract';
import type { EngineHarness, EngineVariant } from '../engine-harness';
import { mutantFromEnv } from './mutants';
import type { Rng } from './random';

/** The engine writes through the till-aware journal, as in the app (core/runtime.ts). */
export const tillJournalVariant: EngineVariant = (deps) => {
  const mutated = mutantFromEnv()?.(deps) ?? deps;
  return { ...mutated, journal: journalWithTillOrigin(mutated.journal) };
};

const CHANNELS = [
  'pos:payment:start',
  'pos:payment:cancel',
  'pos:payment:capture',
  'pos:payment:resolve',
  'pos:payment:refund',
] as const;

/** The handler map's path (schema → implementation → Result) for the channels the till uses. */
function engineHandlers(engine: PaymentsService): HandlerMap {
  const run: Record<(typeof CHANNELS)[number], (req: never) => unknown> = {
    'pos:payment:start': (req) => engine.start(req),
    'pos:payment:cancel': (req: { reference: string }) => engine.cancel(req.reference),
    'pos:payment:capture': (req) => engine.capture(req),
    'pos:payment:resolve': (req) => engine.resolve(req),
    'pos:payment:refund': (req) => engine.refund(req),
  };
  return Object.fromEntries(
    CHANNELS.map((channel) => [channel, { schema: REQUEST_SCHEMAS[channel], handle: run[channel] }]),
  ) as unknown as HandlerMap;
}

export interface TillLane {
  /** The harness with `engine` answering changes through the till API (reads unchanged). */
  harness: EngineHarness;
  /** After a restart: sends the request that was in flight at the crash again, with its request id. */
  resume(): Promise<void>;
  /** Re-sends that came back with another sale or operation than the first answer (must stay 0). */
  readonly replayMismatches: string[];
  api: TillApi;
  /** The paired till's bearer token. */
  token: string;
}

interface Pending {
  url: string;
  body: Record<string, unknown>;
}

export function tillLane(
  h: EngineHarness,
  rng: Rng,
  options: { pendingFile?: string; token?: string } = {},
): TillLane {
  const repo = tillRepo(h.journal.connection);
  // The same till across restarts (its request ids are bound to it), paired on first use.
  const token = options.token ?? newToken();
  if (!repo.tillByTokenHash(hashToken(token))) {
    repo.addTill(`Reliability till ${repo.tills().length + 1}`, hashToken(token), new Date().toISOString());
  }
  const handlers = engineHandlers(h.engine);
  const api = createTillApi({
    repo,
    audit: h.journal.audit,
    operations: createTillOperations({
      repo,
      journal: h.journal,
      payments: h.engine,
      invoke: (channel: Channel, req: unknown) => invokeHandler(handlers, channel, req, silentLogger),
      currency: () => h.settings.currency,
      now: () => new Date(),
    }),
    limiter: createAuthLimiter({ budget: 5, windowMs: 60_000, now: () => Date.now() }),
    consumePairingCode: () => false,
    now: () => new Date(),
    logger: silentLogger,
  });
  const replayMismatches: string[] = [];
  let seq = 0;

  const save = (pending: Pending | null) => {
    if (!options.pendingFile) return;
    // Written whole or not at all (a kill may land mid-write): temp file, then rename.
    if (pending) {
      writeFileSync(`${options.pendingFile}.tmp`, JSON.stringify(pending));
      renameSync(`${options.pendingFile}.tmp`, options.pendingFile);
    } else rmSync(options.pendingFile, { force: true });
  };

  async function send(url: string, body: Record<string, unknown>): Promise<PaymentView> {
    save({ url, body });
    let res = await api.handle({
      method: 'POST',
      url,
      authorization: `Bearer ${token}`,
      contentType: 'application/json',
      body: JSON.stringify(body),
      remote: '127.0.0.1',
    });
    // Retryable problems (no answer from Vipps): a till tries again with the same request id.
    for (let i = 0; i < 3 && 'retryable' in (res.body as object) && (res.body as Problem).retryable; i++) {
      res = await api.handle({
        method: 'POST',
        url,
        authorization: `Bearer ${token}`,
        contentType: 'application/json',
        body: JSON.stringify(body),
        remote: '127.0.0.1',
      });
    }
    save(null);
    if (res.status >= 400) {
      const p = res.body as Problem;
      throw new PosFailure(p.code, p.detail, {
        retryable: p.retryable,
        ...(p.details ? { details: p.details } : {}),
      });
    }
    const first = (res.body as { reference: string; payment: PaymentView }).payment;
    if (rng.chance(0.15)) {
      // "The answer was lost": the till sends the same request again and must get the same sale back.
      const again = await api.handle({
        method: 'POST',
        url,
        authorization: `Bearer ${token}`,
        contentType: 'application/json',
        body: JSON.stringify(body),
        remote: '127.0.0.1',
      });
      const replayed = again.body as { reference?: string };
      if (again.status >= 400 || replayed.reference !== first.reference) {
        replayMismatches.push(
          `${url} ${JSON.stringify(body)} → ${again.status} ${JSON.stringify(again.body).slice(0, 200)}`,
        );
      }
    }
    return first;
  }

  const rid = () => `till-${process.pid}-${Date.now().toString(36)}-${++seq}`;
  const engine: PaymentsService = {
    ...h.engine,
    start: (req) =>
      send('/v1/payments', {
        ...req,
        requestId: rid(),
        orderId: `order-${rid()}`,
        currency: h.settings.currency,
      }),
    cancel: (reference) => send(`/v1/payments/${reference}/cancel`, { requestId: rid() }),
    capture: (req) =>
      send(`/v1/payments/${req.reference}/complete`, {
        requestId: rid(),
        ...(req.amount ? { amount: req.amount } : {}),
      }),
    resolve: (req) =>
      send(`/v1/payments/${req.reference}/${req.action === 'complete' ? 'complete' : 'release'}`, {
        requestId: rid(),
      }),
    refund: (req) =>
      send(`/v1/payments/${req.reference}/refunds`, {
        requestId: req.requestId,
        amount: req.amount,
        reason: req.reason,
      }),
  };

  return {
    harness: { ...h, engine },
    api,
    token,
    replayMismatches,
    async resume() {
      if (!options.pendingFile || !existsSync(options.pendingFile)) return;
      const pending = JSON.parse(readFileSync(options.pendingFile, 'utf8')) as Pending;
      try {
        await send(pending.url, pending.body);
      } catch (error) {
        if (!(error instanceof PosFailure)) throw error;
      }
    },
  };
}

/** How many sales a till started in this journal (the suites print it, so the share is visible). */
export function tillSales(h: Pick<EngineHarness, 'journal'>): number {
  return (
    h.journal.connection
      .prepare("SELECT count(*) AS n FROM till_requests WHERE operation = 'start'")
      .get() as {
      n: number;
    }
  ).n;
}
