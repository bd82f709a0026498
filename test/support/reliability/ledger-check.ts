/**
 * The oracle of the reliability suites: reads journal files with plain SQL (not through the engine
 * under test) and holds them against the simulator's ledger of money that really moved.
 */
import Database from 'better-sqlite3';
import type { Journal } from '../../../src/main/journal';
import type { LedgerEntry, Simulator } from '../../../src/main/simulator';
import { FINAL_SALE_STATUSES } from '../../../src/preload/contract';
import { type Ask, askIdFromDescription } from './asks';

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
  amount: number | null;
  request_id: string | null;
  status: string;
}

export interface Agreement {
  payments: number;
  operations: number;
  operationsByKind: Record<string, number>;
  /** Captures, refunds and cancels at Vipps (approvals are the customer's, counted apart). */
  moneyMovements: number;
  /** Customers' approvals (reservations) of our payments. */
  approvals: number;
  /** Money that moved at Vipps (or a payment Vipps has) without a succeeded intent in the journal. */
  lost: string[];
  /** The same idempotency key moving money twice, or two movements for one intent. */
  duplicates: string[];
  /** The journal says succeeded but Vipps moved nothing, or state/aggregate disagree. */
  mismatched: string[];
  /**
   * Money that moved otherwise than asked: a movement whose kind or amount differs from its intent
   * or from the cashier's request, a payment or movement no cashier asked for.
   */
  wrongMoney: string[];
  /** The sale's status in the POS says something Vipps' own aggregate contradicts. */
  statusDisagrees: string[];
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

export interface CompareOptions {
  /** Narrows the check to some payments (suites that share a simulator with other tests). */
  only?: (reference: string) => boolean;
  /**
   * What the cashiers asked for, recorded before the engine was called. With it, every payment and
   * movement at Vipps is also held against the request, not only against the engine's journal.
   */
  asks?: readonly Ask[];
}

type Remote = ReturnType<Simulator['payments']['list']>[number];

/** A movement must be what its intent says: the same kind and (capture, refund) the same amount. */
function unlikeIntent(entry: LedgerEntry, op: { kind: string; amount: number | null }): string | null {
  if (op.kind !== entry.kind) return `${entry.reference} ${entry.kind} moved by a ${op.kind} intent`;
  if (entry.kind !== 'cancel' && op.amount !== entry.amount)
    return `${entry.reference} ${entry.kind} moved ${entry.amount}; its intent says ${op.amount}`;
  return null;
}

/**
 * The part of the oracle that holds in any state, also mid-test: every movement of a payment in
 * this journal is what its intent says. The engine harness runs it whenever it closes.
 */
export function movementsUnlikeIntents(sim: Simulator, journal: Journal): string[] {
  const problems: string[] = [];
  for (const entry of sim.ledger.entries()) {
    if (entry.idempotencyKey === null || !journal.payments.get(entry.reference)) continue;
    const op = journal.operations.byKey(entry.idempotencyKey);
    const unlike = op && unlikeIntent(entry, op);
    if (unlike) problems.push(unlike);
  }
  return problems;
}

/** Which cashier request a movement at Vipps answers, and whether it moved what was asked. */
function checkAgainstAsks(
  entry: LedgerEntry,
  op: JournalOperation | undefined,
  saleAsk: Ask | undefined,
  asksByReference: Map<string, Ask[]>,
  capturedBefore: number,
): string | null {
  const tag = `${entry.reference} ${entry.kind} ${entry.amount}`;
  if (!saleAsk) return `${tag}: no cashier asked for this sale`;
  const asked = asksByReference.get(entry.reference) ?? [];
  switch (entry.kind) {
    case 'authorize':
      return entry.amount === saleAsk.amount ? null : `${tag}: approved, the cashier asked ${saleAsk.amount}`;
    case 'refund': {
      const ask = asked.find((a) => a.kind === 'refund' && a.requestId === op?.request_id);
      if (!ask) return `${tag}: no cashier asked for this refund (requestId ${op?.request_id})`;
      return ask.amount === entry.amount ? null : `${tag}: refunded, the cashier asked ${ask.amount}`;
    }
    case 'capture': {
      // Captured on approval (capture-now) or when the cashier completed a reservation: all of it.
      const ask = asked.find((a) => a.kind === 'capture' && a.amount !== null);
      const expected = ask?.amount ?? saleAsk.amount;
      return entry.amount === expected ? null : `${tag}: captured, the cashier asked ${expected}`;
    }
    case 'cancel': {
      if (!asked.some((a) => a.kind === 'cancel' || a.kind === 'release'))
        return `${tag}: no cashier cancelled or released this sale`;
      const rest = (saleAsk.amount ?? 0) - capturedBefore;
      return entry.amount === rest ? null : `${tag}: released, ${rest} was left of what the cashier asked`;
    }
  }
}

/** The sale's status as the cashier sees it, against Vipps' own state and aggregate. */
function statusProblem(local: JournalPayment, remote: Remote): string | null {
  const { authorized, captured, cancelled, refunded } = remote.aggregate;
  const says = `${local.reference} shown ${local.status}, Vipps ${remote.state} ${JSON.stringify(remote.aggregate)}`;
  const ok = (() => {
    switch (local.status) {
      case 'COMPLETED':
        return captured > 0 && captured + cancelled === authorized;
      case 'RELEASED':
        return authorized > 0 && captured === 0 && cancelled === authorized;
      case 'CANCELLED':
        return remote.state === 'TERMINATED' && captured === 0;
      case 'REJECTED':
        return remote.state === 'ABORTED' && authorized === 0;
      case 'EXPIRED':
        return remote.state === 'EXPIRED' && authorized === 0;
      case 'RESERVED':
      case 'DECISION_NEEDED':
        // Money is held: the sale must say why staff should look at it.
        return local.attention !== null && authorized > 0 && captured === 0 && cancelled === 0;
      default:
        return captured === 0 && refunded === 0;
    }
  })();
  return ok ? null : says;
}

export function compareWithLedger(
  sim: Simulator,
  journalFiles: readonly string[],
  options: CompareOptions = {},
): Agreement {
  const only = options.only ?? (() => true);
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
    approvals: 0,
    lost: [],
    duplicates: [],
    mismatched: [],
    wrongMoney: [],
    statusDisagrees: [],
    unsettled: [],
    needsAttention: 0,
    final: 0,
  };
  for (const o of operations.values()) a.operationsByKind[o.kind] = (a.operationsByKind[o.kind] ?? 0) + 1;

  const simulated = sim.payments.list().filter((p) => only(p.reference));
  const simulatedByRef = new Map(simulated.map((s) => [s.reference, s]));
  const asks = options.asks;
  const saleAsks = new Map<string, Ask>();
  const asksByReference = new Map<string, Ask[]>();
  for (const ask of asks ?? []) {
    if (ask.kind === 'sale') saleAsks.set(ask.id, ask);
    else if (ask.reference)
      asksByReference.set(ask.reference, [...(asksByReference.get(ask.reference) ?? []), ask]);
  }
  const saleAskOf = (reference: string) => {
    const id = askIdFromDescription(simulatedByRef.get(reference)?.paymentDescription ?? null);
    return id ? saleAsks.get(id) : undefined;
  };

  const movedByKey = new Map<string, number>();
  const capturedSoFar = new Map<string, number>();
  const movedByIntent = new Map<string, number>();
  for (const entry of sim.ledger.entries()) {
    if (!payments.has(entry.reference)) continue;
    const op = entry.idempotencyKey === null ? undefined : operations.get(entry.idempotencyKey);
    if (asks) {
      const capturedBefore = capturedSoFar.get(entry.reference) ?? 0;
      const problem = checkAgainstAsks(
        entry,
        op,
        saleAskOf(entry.reference),
        asksByReference,
        capturedBefore,
      );
      if (problem) a.wrongMoney.push(problem);
    }
    if (entry.kind === 'capture')
      capturedSoFar.set(entry.reference, (capturedSoFar.get(entry.reference) ?? 0) + entry.amount);
    if (entry.idempotencyKey === null) {
      a.approvals += 1; // the customer's approval: no intent of ours
      continue;
    }
    a.moneyMovements += 1;
    const times = (movedByKey.get(entry.idempotencyKey) ?? 0) + 1;
    movedByKey.set(entry.idempotencyKey, times);
    if (times > 1) a.duplicates.push(`${entry.reference} ${entry.kind} key ${entry.idempotencyKey}`);
    if (op?.status !== 'succeeded') {
      a.lost.push(`${entry.reference} ${entry.kind} ${entry.amount} moved; journal: ${op?.status ?? 'none'}`);
    }
    if (op && op.kind !== entry.kind)
      a.wrongMoney.push(`${entry.reference} ${entry.kind} moved by a ${op.kind} intent`);
    if (op && entry.kind !== 'cancel' && op.amount !== entry.amount) {
      a.wrongMoney.push(
        `${entry.reference} ${entry.kind} moved ${entry.amount}; its intent says ${op.amount}`,
      );
    }
    if (op?.status === 'succeeded' && entry.kind !== 'cancel') {
      const k = `${entry.reference} ${entry.kind}`;
      movedByIntent.set(k, (movedByIntent.get(k) ?? 0) + (op.amount ?? 0));
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
    // The journal's own intents (not its copy of Vipps' answer) must add up to what Vipps holds.
    for (const kind of ['capture', 'refund'] as const) {
      const intended = movedByIntent.get(`${remote.reference} ${kind}`) ?? 0;
      const atVipps = kind === 'capture' ? r.captured : r.refunded;
      if (intended !== atVipps)
        a.wrongMoney.push(
          `${remote.reference} ${kind} intents add up to ${intended}, Vipps holds ${atVipps}`,
        );
    }
    if (asks) {
      const ask = saleAskOf(remote.reference);
      if (!ask) a.wrongMoney.push(`${remote.reference} at Vipps, but no cashier asked for this sale`);
      else if (ask.amount !== remote.amount.value)
        a.wrongMoney.push(
          `${remote.reference} created for ${remote.amount.value}, the cashier asked ${ask.amount}`,
        );
    }
    const problem = statusProblem(local, remote);
    if (problem) a.statusDisagrees.push(problem);
  }
  for (const p of payments.values()) {
    const final = (FINAL_SALE_STATUSES as readonly string[]).includes(p.status);
    if (final) a.final += 1;
    else if (p.attention && p.status !== 'UNKNOWN') a.needsAttention += 1;
    else a.unsettled.push(`${p.reference} ${p.status} without attention`);
    const atVipps = simulatedByRef.has(p.reference);
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
    `${a.moneyMovements} money movements and ${a.approvals} approvals at Vipps; lost ${a.lost.length}, ` +
    `duplicate ${a.duplicates.length}, mismatched ${a.mismatched.length}, wrong money ${a.wrongMoney.length}, ` +
    `status disagreeing ${a.statusDisagrees.length}, unsettled ${a.unsettled.length}; ` +
    `final ${a.final}, needing attention ${a.needsAttention}`
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
