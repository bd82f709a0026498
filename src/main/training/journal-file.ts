import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../../preload/contract';

const KEEP_TRAINING_JOURNALS = 5;

/**
 * Training starts a fresh simulator every time the app starts, so each run gets its own journal:
 * payments from an earlier run would ask a Vipps that never heard of them. These hold practice
 * sales only (no real money), so only the newest few are kept. Real journals are never removed.
 */
export function trainingJournalFile(dataDir: string, now: Date = new Date()): string {
  const dir = join(dataDir, 'training');
  mkdirSync(dir, { recursive: true });
  const old = readdirSync(dir)
    .filter((name) => /^journal-[\dTZ-]+\.sqlite$/.test(name))
    .sort()
    .slice(0, -(KEEP_TRAINING_JOURNALS - 1));
  for (const name of old) {
    for (const suffix of ['', '-wal', '-shm', '.lock', '.lock-owner'])
      rmSync(join(dir, name + suffix), { force: true });
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(dir, `journal-${stamp}.sqlite`);
}

/**
 * One journal per environment. The built-in simulator forgets everything when the app stops, so
 * each training run gets a fresh journal; an external Vipps (a base URL override) outlives us, so
 * its journal must too, or payments in flight could not be recovered after a restart.
 */
export function journalFileFor(dataDir: string, environment: Environment, externalVipps: boolean): string {
  if (environment !== 'training') return join(dataDir, `journal-${environment}.sqlite`);
  if (externalVipps) return join(dataDir, 'journal-training.sqlite');
  return trainingJournalFile(dataDir);
}
