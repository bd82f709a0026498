import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, name + suffix), { force: true });
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(dir, `journal-${stamp}.sqlite`);
}
