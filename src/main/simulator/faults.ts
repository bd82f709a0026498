/**
 * Fault injection: the network and Vipps misbehaving on purpose, so the client and engine can be
 * tested against every way a call can fail. Faults are checked in the order they were added.
 *
 * - latency: wait `ms` (real time), then carry on; several matching latencies add up.
 * - status: answer `status` (default 500) WITHOUT applying the request.
 * - rate-limit: answer 429 with Retry-After WITHOUT applying the request.
 * - drop: destroy the socket before reading or applying anything.
 * - lost-response: APPLY the request (money moves), then destroy the socket without answering —
 *   the case where the caller cannot know the outcome.
 *
 * A fault fires `times` times (default: until removed or cleared). With `probability` it fires on
 * that share of matching requests, decided by a seeded generator so soak runs are repeatable.
 */
import type { Operation } from './types';

export type FaultKind = 'latency' | 'status' | 'rate-limit' | 'drop' | 'lost-response';

export interface FaultMatch {
  method?: string;
  path?: RegExp;
  operation?: Operation;
}

export interface FaultSpec {
  kind: FaultKind;
  match?: FaultMatch;
  times?: number;
  /** latency only. */
  ms?: number;
  /** status only; 500, 502, 503 … */
  status?: number;
  /** rate-limit only; default 1. */
  retryAfterSeconds?: number;
  /** 0..1: share of matching requests that get the fault. Default 1. */
  probability?: number;
}

export interface FaultHandle {
  readonly id: number;
  /** How many times the fault has fired. */
  fired(): number;
  remove(): void;
}

export type TerminalFault =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'drop' }
  | { kind: 'lost-response' };

export interface FaultPlan {
  latencyMs: number;
  terminal: TerminalFault | null;
}

export interface Faults {
  add(spec: FaultSpec): FaultHandle;
  clear(): void;
  /** Restart the generator behind `probability` (default seed 1). */
  seed(seed: number): void;
}

export interface FaultEngine extends Faults {
  plan(request: { method: string; path: string; operation: Operation }): FaultPlan;
}

interface ActiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
  fired: number;
}

/** mulberry32: tiny, fast and good enough to pick which requests fail. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validate(spec: FaultSpec): void {
  const kinds: FaultKind[] = ['latency', 'status', 'rate-limit', 'drop', 'lost-response'];
  if (!kinds.includes(spec.kind)) throw new TypeError(`unknown fault kind ${String(spec.kind)}`);
  if (spec.kind === 'latency' && !(Number(spec.ms) >= 0)) throw new TypeError('latency fault needs ms');
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
    throw new RangeError('probability must be between 0 and 1');
  }
  if (spec.times !== undefined && !(spec.times >= 1)) throw new RangeError('times must be at least 1');
}

function matches(m: FaultMatch | undefined, req: { method: string; path: string; operation: Operation }) {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (m.operation && m.operation !== req.operation) return false;
  if (m.path && !m.path.test(req.path)) return false;
  return true;
}

function terminalOf(spec: FaultSpec): TerminalFault {
  switch (spec.kind) {
    case 'status':
      return { kind: 'status', status: spec.status ?? 500 };
    case 'rate-limit':
      return { kind: 'rate-limit', retryAfterSeconds: spec.retryAfterSeconds ?? 1 };
    case 'drop':
      return { kind: 'drop' };
    default:
      return { kind: 'lost-response' };
  }
}

export function createFaults(initialSeed = 1): FaultEngine {
  let faults: ActiveFault[] = [];
  let nextId = 1;
  let random = seededRandom(initialSeed);

  const fire = (f: ActiveFault) => {
    f.fired += 1;
    f.remaining -= 1;
    if (f.remaining <= 0) faults = faults.filter((x) => x !== f);
  };

  return {
    add(spec) {
      validate(spec);
      const fault: ActiveFault = {
        id: nextId++,
        spec,
        remaining: spec.times ?? Number.POSITIVE_INFINITY,
        fired: 0,
      };
      faults.push(fault);
      return {
        id: fault.id,
        fired: () => fault.fired,
        remove: () => {
          faults = faults.filter((f) => f !== fault);
        },
      };
    },
    clear() {
      faults = [];
    },
    seed(seed) {
      random = seededRandom(seed);
    },
    plan(req) {
      const plan: FaultPlan = { latencyMs: 0, terminal: null };
      for (const f of [...faults]) {
        if (!matches(f.spec.match, req)) continue;
        if (f.spec.kind !== 'latency' && plan.terminal) continue;
        if (f.spec.probability !== undefined && random() >= f.spec.probability) continue;
        fire(f);
        if (f.spec.kind === 'latency') plan.latencyMs += f.spec.ms ?? 0;
        else plan.terminal = terminalOf(f.spec);
      }
      return plan;
    },
  };
}
