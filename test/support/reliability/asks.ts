/**
 * What the cashiers asked for, written down by the test BEFORE the engine is called, so the oracle
 * can hold Vipps' money movements against the request and not against the engine's own record of it.
 * A sale is told apart at Vipps by its description (`Ask <id>`), which the engine passes through as
 * the payment description; a refund by its requestId, which the journal keeps with the intent.
 * In a child process the book is an append-only JSON-lines file (synchronous, so it survives SIGKILL).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export type AskKind = 'sale' | 'capture' | 'cancel' | 'release' | 'refund';

export interface Ask {
  id: string;
  kind: AskKind;
  /** Minor units asked for; null where the cashier names no amount (cancel, release, complete). */
  amount: number | null;
  /** null for a sale (Vipps' reference is made by the engine). */
  reference: string | null;
  requestId: string | null;
}

export interface AskBook {
  record(ask: Omit<Ask, 'id'>): Ask;
  list(): readonly Ask[];
}

let counter = 0;

export function saleDescription(ask: Ask): string {
  return `Ask ${ask.id}`;
}

export function askIdFromDescription(description: string | null): string | null {
  return /^Ask (\S+)$/.exec(description ?? '')?.[1] ?? null;
}

export function createAskBook(file?: string): AskBook {
  const asks: Ask[] = [];
  const prefix = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  return {
    record(ask) {
      counter += 1;
      const row: Ask = { ...ask, id: `${prefix}-${counter}` };
      if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
      asks.push(row);
      return row;
    },
    list: () => asks,
  };
}

/** The asks of child processes; a line cut short by a kill is skipped (that ask never reached the engine). */
export function readAsks(files: readonly string[]): Ask[] {
  const out: Ask[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as Ask);
      } catch {
        // torn last line
      }
    }
  }
  return out;
}
