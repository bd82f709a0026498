/**
 * The write-ahead witness: when a money request reaches the simulator, it reads the journal files
 * through its own SQLite connections (not the engine's) and checks that the intent for that request
 * is already committed — same Idempotency-Key, same kind, same amount, same reference, and for a
 * create the exact body. A receipt must have its job committed with the very body sent.
 * Nothing here waits: the engine is awaiting the answer, so what is not on disk now was sent first.
 */
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type { SimRequest, Simulator } from '../../src/main/simulator';

type MoneyKind = 'create' | 'capture' | 'cancel' | 'refund' | 'receipt';

const KIND_OF: Record<string, MoneyKind> = {
  createPayment: 'create',
  capturePayment: 'capture',
  cancelPayment: 'cancel',
  refundPayment: 'refund',
  addReceipt: 'receipt',
};

interface IntentRow {
  reference: string;
  kind: string;
  amount: number | null;
  request_body: string | null;
  status: string;
}

interface ReceiptRow {
  body: string | null;
  status: string;
}

interface Reader {
  file: string;
  db: Database.Database | null;
}

export interface WriteAheadWitness {
  /** Money requests checked, by kind. */
  readonly checked: Record<MoneyKind, number>;
  /** Requests that reached Vipps before their intent was on disk (or unlike it). */
  readonly violations: string[];
  /** Adds a journal file to look in (it may not exist yet); returns a remover. */
  watch(file: string): () => void;
  /**
   * Leaves payments out that no app journals on purpose (the benchmark's naive guideline poller
   * talks to Vipps directly beside the engine); returns a remover.
   */
  exempt(isOutsideTheApp: (reference: string) => boolean): () => void;
  stop(): void;
}

const witnesses = new WeakMap<Simulator, WriteAheadWitness>();

/** One witness per simulator, shared by every engine that talks to it. */
export function writeAheadWitness(sim: Simulator): WriteAheadWitness {
  let w = witnesses.get(sim);
  if (!w) {
    w = createWitness(sim);
    witnesses.set(sim, w);
  }
  return w;
}

function open(reader: Reader): Database.Database | null {
  if (reader.db) return reader.db;
  try {
    reader.db = new Database(reader.file, { readonly: true, fileMustExist: true });
  } catch {
    return null; // not made yet: its engine has not started
  }
  return reader.db;
}

function bodyAmount(kind: MoneyKind, body: unknown): number | null {
  const b = body as { amount?: { value?: unknown }; modificationAmount?: { value?: unknown } } | undefined;
  const value = kind === 'create' ? b?.amount?.value : b?.modificationAmount?.value;
  return typeof value === 'number' ? value : null;
}

export function createWitness(sim: Simulator): WriteAheadWitness {
  const readers = new Set<Reader>();
  const checked: Record<MoneyKind, number> = { create: 0, capture: 0, cancel: 0, refund: 0, receipt: 0 };
  const violations: string[] = [];

  function findIntent(key: string): IntentRow | undefined {
    for (const r of readers) {
      const row = open(r)
        ?.prepare(
          'SELECT reference, kind, amount, request_body, status FROM operations WHERE idempotency_key = ?',
        )
        .get(key) as IntentRow | undefined;
      if (row) return row;
    }
    return undefined;
  }

  function findJob(reference: string): ReceiptRow | undefined {
    for (const r of readers) {
      const row = open(r)
        ?.prepare('SELECT body, status FROM receipt_jobs WHERE reference = ?')
        .get(reference) as ReceiptRow | undefined;
      if (row) return row;
    }
    return undefined;
  }

  function checkIntent(kind: MoneyKind, req: Readonly<SimRequest>): string | null {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string') return 'no Idempotency-Key';
    const intent = findIntent(key);
    if (!intent) return `key ${key} not committed in any journal`;
    const reference =
      kind === 'create' ? (req.body as { reference?: string } | undefined)?.reference : req.params.reference;
    if (intent.kind !== kind) return `key ${key} belongs to a ${intent.kind} intent`;
    if (intent.reference !== reference)
      return `key ${key} belongs to ${intent.reference}, sent for ${reference}`;
    if (kind === 'create') {
      // A decided create drops its body; a request delayed on the wire (latency faults) may arrive
      // after that, and a decided intent was committed long before. A kept body must be the one sent.
      if (intent.request_body !== null && !isDeepStrictEqual(JSON.parse(intent.request_body), req.body))
        return 'create body differs from the committed request';
    } else if (kind !== 'cancel' && intent.amount !== bodyAmount(kind, req.body)) {
      return `amount ${bodyAmount(kind, req.body)} sent, intent says ${intent.amount}`;
    }
    return null;
  }

  function checkReceipt(req: Readonly<SimRequest>): string | null {
    const reference = req.params.orderId ?? '';
    const job = findJob(reference);
    if (!job) return `no receipt job committed for ${reference}`;
    // A sent job drops its body (and a request delayed on the wire may arrive after that).
    if (job.body !== null && !isDeepStrictEqual(JSON.parse(job.body), req.body))
      return 'receipt body differs from the committed job';
    if (job.body === null && job.status !== 'sent') return `receipt job ${job.status} without a body`;
    return null;
  }

  const exemptions = new Set<(reference: string) => boolean>();
  const referenceOf = (req: Readonly<SimRequest>): string =>
    req.params.reference ??
    req.params.orderId ??
    (req.body as { reference?: string } | undefined)?.reference ??
    '';

  const stopObserving = sim.observe({
    request(req) {
      const kind = KIND_OF[req.operation];
      if (!kind || readers.size === 0) return;
      const reference = referenceOf(req);
      if ([...exemptions].some((outside) => outside(reference))) return;
      checked[kind] += 1;
      const problem = kind === 'receipt' ? checkReceipt(req) : checkIntent(kind, req);
      if (problem) violations.push(`${kind} ${req.path}: ${problem}`);
    },
  });

  return {
    checked,
    violations,
    watch(file) {
      const reader: Reader = { file, db: null };
      readers.add(reader);
      return () => {
        readers.delete(reader);
        reader.db?.close();
      };
    },
    exempt(isOutsideTheApp) {
      exemptions.add(isOutsideTheApp);
      return () => exemptions.delete(isOutsideTheApp);
    },
    stop() {
      stopObserving();
      for (const r of readers) r.db?.close();
      readers.clear();
    },
  };
}

export function describeWitness(w: WriteAheadWitness): string {
  const kinds = Object.entries(w.checked)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `write-ahead order checked on ${kinds}; violations ${w.violations.length}`;
}
