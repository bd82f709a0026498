/**
 * The till room's tables in the journal (migration 0200): the API's configuration, the paired
 * tills (token hashes only) and the request-id bindings. Statements are prepared on first use.
 */
import type { JournalConnection } from '../journal';

export type TillBind = 'loopback' | 'lan';

export interface TillConfig {
  enabled: boolean;
  bind: TillBind;
}

export interface TillRow {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface TillRequestRow {
  requestId: string;
  operation: string;
  bodyHash: string;
  reference: string;
  orderId: string | null;
  /** The refusal the request ended with (JSON of a PosError), so a re-send gets the same answer. */
  problem: string | null;
  createdAt: string;
}

interface RequestBinding {
  id: string;
  operation: string;
  bodyHash: string;
  orderId: string | null;
}

export interface TillRepo {
  config(): TillConfig;
  saveConfig(config: TillConfig): void;
  addTill(name: string, tokenHash: string, at: string): TillRow;
  /** Active tills only (revoked ones stay in the table for the audit trail). */
  tills(): TillRow[];
  tillByTokenHash(tokenHash: string): TillRow | undefined;
  touch(id: number, at: string): void;
  revoke(id: number, at: string): boolean;
  bindRequest(tillId: number, request: RequestBinding, reference: string): void;
  request(tillId: number, requestId: string): TillRequestRow | undefined;
  setProblem(tillId: number, requestId: string, problem: string | null): void;
  /** The newest sale the till started for its order id. */
  referenceForOrder(tillId: number, orderId: string): string | undefined;
  startedBy(tillId: number, reference: string): TillRequestRow | undefined;
  /** Sales the till started in [from, to), oldest first. */
  startedBetween(tillId: number, from: string, to: string): TillRequestRow[];
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

const REQUEST_COLUMNS = `request_id AS requestId, operation, body_hash AS bodyHash, reference,
  order_id AS orderId, problem, created_at AS createdAt`;
const TILL_COLUMNS = 'id, name, created_at AS createdAt, last_used_at AS lastUsedAt';

export function tillRepo(db: JournalConnection): TillRepo {
  const q = {
    config: once(() => db.prepare('SELECT enabled, bind FROM till_config WHERE id = 1')),
    saveConfig: once(() =>
      db.prepare(
        `INSERT INTO till_config (id, enabled, bind) VALUES (1, @enabled, @bind)
         ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, bind = excluded.bind`,
      ),
    ),
    addTill: once(() =>
      db.prepare('INSERT INTO tills (name, token_hash, created_at) VALUES (?, ?, ?) RETURNING id'),
    ),
    tills: once(() => db.prepare(`SELECT ${TILL_COLUMNS} FROM tills WHERE revoked_at IS NULL ORDER BY id`)),
    byToken: once(() =>
      db.prepare(`SELECT ${TILL_COLUMNS} FROM tills WHERE token_hash = ? AND revoked_at IS NULL`),
    ),
    touch: once(() => db.prepare('UPDATE tills SET last_used_at = ? WHERE id = ?')),
    revoke: once(() => db.prepare('UPDATE tills SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')),
    bind: once(() =>
      db.prepare(
        `INSERT OR IGNORE INTO till_requests
           (till_id, request_id, operation, body_hash, reference, order_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      ),
    ),
    request: once(() =>
      db.prepare(`SELECT ${REQUEST_COLUMNS} FROM till_requests WHERE till_id = ? AND request_id = ?`),
    ),
    setProblem: once(() =>
      db.prepare('UPDATE till_requests SET problem = ? WHERE till_id = ? AND request_id = ?'),
    ),
    order: once(() =>
      db.prepare(
        `SELECT reference FROM till_requests WHERE till_id = ? AND order_id = ? AND operation = 'start'
         ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
    ),
    startedBy: once(() =>
      db.prepare(
        `SELECT ${REQUEST_COLUMNS} FROM till_requests
         WHERE till_id = ? AND reference = ? AND operation = 'start'`,
      ),
    ),
    between: once(() =>
      db.prepare(
        `SELECT ${REQUEST_COLUMNS} FROM till_requests
         WHERE till_id = ? AND operation = 'start' AND created_at >= ? AND created_at < ?
         ORDER BY created_at, rowid`,
      ),
    ),
  };
  return {
    config() {
      const row = q.config().get() as { enabled: number; bind: TillBind } | undefined;
      return { enabled: row?.enabled === 1, bind: row?.bind ?? 'loopback' };
    },
    saveConfig(config) {
      q.saveConfig().run({ enabled: config.enabled ? 1 : 0, bind: config.bind });
    },
    addTill(name, tokenHash, at) {
      const { id } = q.addTill().get(name, tokenHash, at) as { id: number };
      return { id, name, createdAt: at, lastUsedAt: null };
    },
    tills: () => q.tills().all() as TillRow[],
    tillByTokenHash: (hash) => q.byToken().get(hash) as TillRow | undefined,
    touch: (id, at) => {
      q.touch().run(at, id);
    },
    revoke: (id, at) => q.revoke().run(at, id).changes === 1,
    bindRequest(tillId, request, reference) {
      q.bind().run(tillId, request.id, request.operation, request.bodyHash, reference, request.orderId);
    },
    request: (tillId, requestId) => q.request().get(tillId, requestId) as TillRequestRow | undefined,
    setProblem: (tillId, requestId, problem) => {
      q.setProblem().run(problem, tillId, requestId);
    },
    referenceForOrder: (tillId, orderId) =>
      (q.order().get(tillId, orderId) as { reference: string } | undefined)?.reference,
    startedBy: (tillId, reference) => q.startedBy().get(tillId, reference) as TillRequestRow | undefined,
    startedBetween: (tillId, from, to) => q.between().all(tillId, from, to) as TillRequestRow[],
  };
}
