import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, it } from 'vitest';
import { trainingJournalFile } from '../../../src/main/training/journal-file';

it('gives each training run its own journal and keeps only the newest few', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-training-'));
  const made: string[] = [];
  for (let day = 1; day <= 7; day++) {
    const file = trainingJournalFile(dataDir, new Date(Date.UTC(2026, 0, day, 9)));
    writeFileSync(file, 'x');
    writeFileSync(`${file}-wal`, 'x');
    made.push(basename(file));
  }
  writeFileSync(join(dataDir, 'journal-production.sqlite'), 'real');
  trainingJournalFile(dataDir, new Date(Date.UTC(2026, 0, 8, 9)));
  const left = readdirSync(join(dataDir, 'training')).sort();
  expect(left).toEqual(
    made
      .slice(-4)
      .flatMap((name) => [name, `${name}-wal`])
      .sort(),
  );
  expect(readdirSync(dataDir)).toContain('journal-production.sqlite');
});
