import type Database from 'better-sqlite3';
import type { OperationRow } from './rows';

interface RawOperation {
  id: string;
  reference: string;
  kind: OperationRow['kind'];
  idempotency_key: string;
  amount: number | null;
  request_id: string | null;
  request_body: string | null;
  status: OperationRow['status'];
  attempts: number;
  reason: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_retryable: number;
  created_at: string;
  updated_at: string;
}

function fromRaw(raw: RawOperation): OperationRow {
  return {
    id: raw.id,
    reference: raw.reference,
    kind: raw.kind,
    idempotencyKey: raw.idempotency_key,
    amount: raw.amount,
    requestId: raw.request_id,
    requestBody: raw.request_body,
    status: raw.status,
    attempts: raw.attempts,
    reason: raw.reason,
    lastError:
      raw.last_error_code === null
        ? null
        : {
            code: raw.last_error_code as NonNullable<OperationRow['lastError']>['code'],
            message: raw.last_error_message ?? '',
            retryable: raw.last_error_retryable === 1,
          },
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

function toParams(op: OperationRow): RawOperation {
  return {
    id: op.id,
    reference: op.reference,
    kind: op.kind,
    idempotency_key: op.idempotencyKey,
    amount: op.amount,
    request_id: op.requestId,
    request_body: op.requestBody,
    status: op.status,
    attempts: op.attempts,
    reason: op.reason,
    last_error_code: op.lastError?.code ?? null,
    last_error_message: op.lastError?.message ?? null,
    last_error_retryable: op.lastError?.retryable ? 1 : 0,
    created_at: op.createdAt,
    updated_at: op.updatedAt,
  };
}

export interface OperationsRepo {
  insert(op: OperationRow): void;
  get(id: string): OperationRow | undefined;
  byKey(idempotencyKey: string): OperationRow | undefined;
  byRequestId(reference: string, requestId: string): OperationRow | undefined;
  forReference(reference: string): OperationRow[];
  /** Pending and unknown operations: intents whose outcome is not in the journal yet. */
  open(): OperationRow[];
  save(op: OperationRow): void;
}

export function operationsRepo(db: Database.Database): OperationsRepo {
  const insert = db.prepare(`INSERT INTO operations
    (id, reference, kind, idempotency_key, amount, request_id, request_body, status, attempts, reason,
     last_error_code, last_error_message, last_error_retryable, created_at, updated_at)
    VALUES (@id, @reference, @kind, @idempotency_key, @amount, @request_id, @request_body, @status, @attempts,
     @reason, @last_error_code, @last_error_message, @last_error_retryable, @created_at, @updated_at)`);
  const save = db.prepare(`UPDATE operations SET request_body = @request_body, status = @status,
    attempts = @attempts, last_error_code = @last_error_code, last_error_message = @last_error_message,
    last_error_retryable = @last_error_retryable, updated_at = @updated_at WHERE id = @id`);
  const get = db.prepare('SELECT * FROM operations WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM operations WHERE idempotency_key = ?');
  const byRequest = db.prepare('SELECT * FROM operations WHERE reference = ? AND request_id = ?');
  const forReference = db.prepare('SELECT * FROM operations WHERE reference = ? ORDER BY created_at, rowid');
  const open = db.prepare(
    "SELECT * FROM operations WHERE status IN ('pending', 'unknown') ORDER BY created_at, rowid",
  );
  const one = (raw: unknown) => (raw ? fromRaw(raw as RawOperation) : undefined);
  return {
    insert: (op) => {
      insert.run(toParams(op));
    },
    get: (id) => one(get.get(id)),
    byKey: (key) => one(byKey.get(key)),
    byRequestId: (reference, requestId) => one(byRequest.get(reference, requestId)),
    forReference: (reference) => (forReference.all(reference) as RawOperation[]).map(fromRaw),
    open: () => (open.all() as RawOperation[]).map(fromRaw),
    save: (op) => {
      const result = save.run(toParams(op));
      if (result.changes !== 1) throw new Error(`operation ${op.id} is not in the journal`);
    },
  };
}
