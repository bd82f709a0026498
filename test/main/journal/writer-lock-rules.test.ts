/**
 * The writer lock's rules inside one process (fast; writer-lock.test.ts proves the same across real
 * processes and a kill -9): a second open of one file is refused with who holds it, a lock left on
 * disk by a process that is gone is no lock, and closing the journal gives the lock back.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isPosFailure } from '../../../src/main/errors';
import { type Journal, openJournal } from '../../../src/main/journal';
import { JournalInUse, takeWriterLock } from '../../../src/main/journal/writer-lock';
import { tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
const opened: Journal[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const j of opened.splice(0)) j.close();
  tmp.cleanup();
});

const fileIn = () => join(tmp.dir, 'journal.sqlite');
function open(file: string): Journal {
  const j = openJournal(file);
  opened.push(j);
  return j;
}

/** The JOURNAL failure a second open meets. */
function refusalOf(file: string): { code: string; message: string; retryable: boolean } {
  try {
    open(file);
  } catch (error) {
    if (!isPosFailure(error)) throw error;
    return { code: error.code, message: error.message, retryable: error.retryable };
  }
  throw new Error('the second open was not refused');
}

it('refuses a second open of the same file, naming the copy that holds it', () => {
  const file = fileIn();
  open(file);
  const owner = readFileSync(`${file}.lock-owner`, 'utf8');
  expect(owner).toMatch(new RegExp(`^process ${process.pid}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`));

  const refusal = refusalOf(file);
  expect(refusal.code).toBe('JOURNAL');
  expect(refusal.retryable).toBe(false);
  expect(refusal.message).toBe(
    `The payment journal (${file}) cannot be used: the journal is in use by another running copy of the app (${owner}); close that copy first. Nothing was deleted; fix the file or its location and restart.`,
  );
});

it('words the refusal without a holder when the owner note is missing or empty', () => {
  const file = fileIn();
  const lock = takeWriterLock(file);
  try {
    writeFileSync(`${file}.lock-owner`, '  \n');
    expect(() => takeWriterLock(file)).toThrow(new JournalInUse(file, null).message);
    expect(new JournalInUse(file, null).message).toBe(
      'the journal is in use by another running copy of the app; close that copy first',
    );
    try {
      takeWriterLock(file);
    } catch (error) {
      expect(error).toBeInstanceOf(JournalInUse);
      expect((error as JournalInUse).holder).toBeNull();
      expect((error as JournalInUse).file).toBe(file);
    }
    writeFileSync(`${file}.lock-owner`, ' process 4242, since yesterday \n');
    expect(() => takeWriterLock(file)).toThrow(
      /another running copy of the app \(process 4242, since yesterday\);/,
    );
  } finally {
    lock.release();
  }
});

it('is no lock at all when only files of a process that is gone are left', () => {
  const file = fileIn();
  // A crashed copy leaves its lock file and owner note behind; the OS already dropped its file lock.
  const crashed = takeWriterLock(file);
  crashed.release();
  writeFileSync(`${file}.lock-owner`, 'process 999999, since 2026-11-01T08:00:00.000Z');
  expect(existsSync(`${file}.lock`)).toBe(true);

  const j = open(file);
  expect(readFileSync(`${file}.lock-owner`, 'utf8')).toMatch(new RegExp(`^process ${process.pid}, `));
  expect(j.payments.count()).toBe(0);
});

it('gives the lock back on close (twice is harmless), and only then', () => {
  const file = fileIn();
  const first = openJournal(file);
  expect(() => openJournal(file)).toThrow(/in use by another running copy/);
  first.close();
  first.close();
  const second = open(file);
  expect(second.payments.count()).toBe(0);
});

it('gives the lock back when the open is refused, so a fixed file opens without a restart', () => {
  const file = fileIn();
  mkdirSync(file);
  expect(() => openJournal(file)).toThrow(/cannot be opened or created at that location/);
  // The refused open left no lock behind.
  const lock = takeWriterLock(file);
  lock.release();
});

it('still opens when the owner note cannot be written (only the wording suffers)', () => {
  const file = fileIn();
  mkdirSync(`${file}.lock-owner`);
  const j = open(file);
  expect(j.payments.count()).toBe(0);
  expect(refusalOf(file).message).toMatch(/in use by another running copy of the app; close that copy first/);
});

it('a lock file that is not SQLite is refused as such, not as "in use"', () => {
  const file = fileIn();
  writeFileSync(`${file}.lock`, 'not a lock\n'.repeat(100));
  const refusal = refusalOf(file);
  expect(refusal.message).toContain('the file is not a payment journal (not an SQLite database)');
  expect(refusal.message).not.toMatch(/in use/);
});
