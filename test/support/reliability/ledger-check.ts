/**
 * The oracle of the reliability suites: reads journal files with plain SQL (not through the engine
 * under test) and holds them against the simulator's ledger of money that really moved.
 */
import Database from 'better-sqlite3';
import type { Simulator } from '../../../src/main/simulator';
import { FINAL_SALE_STATUSES } from '../../../src/preload/contract';

interface JournalPayment {
  reference: string;
  status: string;
  vipps_state: string | null;
  attention: string | null;
  authorized: number;
  captured: number;
  refunded: number;
  cancelled: number;
}

interface JournalOperation {
  reference: string;
  kind: string;
  idempotency_key: string;
  status: string;
}

export interface Agreement {
  payments: number;
  operations: number;
  operationsByKind: Record<string, number>;
  moneyMovements: number;
  /** Money that moved at Vipps (or a payment Vipps has) without a succeeded intent in the journal. */
  lost: string[];
  /** The same idempotency key moving money twice, or two movements for one intent. */
  duplicates: string[];
  /** The journal says succeeded but Vipps moved nothing, or state/aggregate disagree. */
  mismatched: string[];
  /** Neither final nor surfaced for staff, or an intent still without an outcome. */
  unsettled: string[];
  needsAttention: number;
  final: number;
}

function readJournal(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      payments: db.prepare('SELECT * FROM payments').all() as JournalPayment[],
      operations: db.prepare('SELECT * FROM operations').all() as JournalOperation[],
    };
  } finally {
    db.close();
  }
}

export function countOperations(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM operations').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** `only` narrows the check to some payments (suites that share a simulator with other tests). */
export function compareWithLedger(
  sim: Simulator,
  journalFiles: readonly string[],
  only: (reference: string) => boolean = () => true,
): Agreement {
  const payments = new Map<string, JournalPayment>();
  const operations = new Map<string, JournalOperation>();
  for (const file of journalFiles) {
    const j = readJournal(file);
    for (const p of j.payments) if (only(p.reference)) payments.set(p.reference, p);
    for (const o of j.operations) if (only(o.reference)) operations.set(o.idempotency_key, o);
  }
  const a: Agreement = {
    payments: payments.size,
    operations: operations.size,
    operationsByKind: {},
    moneyMovements: 0,
    lost: [],
    duplicates: [],
    mismatched: [],
    unsettled: [],
    needsAttention: 0,
    final: 0,
  };
  for (const o of operations.values()) a.operationsByKind[o.kind] = (a.operationsByKind[o.kind] ?? 0) + 1;

  const movedByKey = new Map<string, number>();
  for (const entry of sim.ledger.entries()) {
    if (!payments.has(entry.reference)) continue;
    a.moneyMovements += 1;
    if (entry.idempotencyKey === null) continue; // the customer's approval: no intent of ours
    const times = (movedByKey.get(entry.idempotencyKey) ?? 0) + 1;
    movedByKey.set(entry.idempotencyKey, times);
    if (times > 1) a.duplicates.push(`${entry.reference} ${entry.kind} key ${entry.idempotencyKey}`);
    const op = operations.get(entry.idempotencyKey);
    if (op?.status !== 'succeeded') {
      a.lost.push(`${entry.reference} ${entry.kind} ${entry.amount} moved; journal: ${op?.status ?? 'none'}`);
    }
  }
  for (const o of operations.values()) {
    const moves = o.kind === 'capture' || o.kind === 'refund' || o.kind === 'cancel';
    if (moves && o.status === 'succeeded' && !movedByKey.has(o.idempotency_key)) {
      a.mismatched.push(`${o.reference} ${o.kind} succeeded in the journal, nothing moved at Vipps`);
    }
    if (o.status === 'pending' || o.status === 'unknown') {
      a.unsettled.push(`${o.reference} ${o.kind} still ${o.status}`);
    }
  }

  const simulated = sim.payments.list().filter((p) => only(p.reference));
  const simulatedRefs = new Set(simulated.map((s) => s.reference));
  for (const remote of simulated) {
    const local = payments.get(remote.reference);
    if (!local) {
      a.lost.push(`${remote.reference} exists at Vipps (${remote.state}) but not in any journal`);
      continue;
    }
    const r = remote.aggregate;
    const same =
      local.vipps_state === remote.state &&
      local.authorized === r.authorized &&
      local.captured === r.captured &&
      local.refunded === r.refunded &&
      local.cancelled === r.cancelled;
    if (!same) {
      a.mismatched.push(
        `${remote.reference} Vipps ${remote.state} ${JSON.stringify(r)}; journal ${local.vipps_state} ${JSON.stringify({ authorized: local.authorized, captured: local.captured, refunded: local.refunded, cancelled: local.cancelled })}`,
      );
    }
  }
  for (const p of payments.values()) {
    const final = (FINAL_SALE_STATUSES as readonly string[]).includes(p.status);
    if (final) a.final += 1;
    else if (p.attention && p.status !== 'UNKNOWN') a.needsAttention += 1;
    else a.unsettled.push(`${p.reference} ${p.status} without attention`);
    const atVipps = simulatedRefs.has(p.reference);
    if (!atVipps && p.status !== 'FAILED')
      a.mismatched.push(`${p.reference} ${p.status} but Vipps has no such payment`);
  }
  return a;
}

export function describeAgreement(suite: string, a: Agreement, extra = ''): string {
  const kinds = Object.entries(a.operationsByKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return (
    `[reliability] ${suite}: ${extra}${a.payments} payments, ${a.operations} operations (${kinds}), ` +
    `${a.moneyMovements} money movements at Vipps; lost ${a.lost.length}, duplicate ${a.duplicates.length}, ` +
    `mismatched ${a.mismatched.length}, unsettled ${a.unsettled.length}; final ${a.final}, needing attention ${a.needsAttention}`
  );
}

export interface ReceiptAgreement {
  completed: number;
  /** Completed sales without exactly one receipt accepted by Vipps. */
  missing: string[];
  duplicate: string[];
  /** Receipt POSTs Vipps refused with 409 (one already there): a resend after a crash, harmless. */
  refusedAsExisting: number;
}

/** Every completed sale has exactly one receipt at Vipps (Order Management keeps the first). */
export function compareReceipts(sim: Simulator, journalFiles: readonly string[]): ReceiptAgreement {
  const accepted = new Map<string, number>();
  let refusedAsExisting = 0;
  for (const r of sim.requests.list()) {
    if (r.operation !== 'addReceipt') continue;
    const reference = /\/receipts\/([A-Za-z0-9-]+)/.exec(r.path)?.[1];
    if (!reference) continue;
    if (typeof r.outcome === 'number' && r.outcome < 300)
      accepted.set(reference, (accepted.get(reference) ?? 0) + 1);
    if (r.outcome === 409) refusedAsExisting += 1;
  }
  const result: ReceiptAgreement = { completed: 0, missing: [], duplicate: [], refusedAsExisting };
  for (const file of journalFiles) {
    for (const p of readJournal(file).payments) {
      if (p.status !== 'COMPLETED') continue;
      result.completed += 1;
      const n = accepted.get(p.reference) ?? 0;
      if (n === 0) result.missing.push(p.reference);
      if (n > 1) result.duplicate.push(`${p.reference} ×${n}`);
    }
  }
  return result;
}
