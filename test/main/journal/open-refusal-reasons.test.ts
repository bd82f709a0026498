/**
 * Each reason openJournal gives for refusing a file, in the words support reads (the message
 * crosses IPC and goes to the log), and what each cheap start check looks at: the header's promise
 * of the file length (only when SQLite itself trusts it), the root of every table and index, and —
 * only after an unclean shutdown — every page. Nothing of a refused file is changed or left open.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPosFailure } from '../../../src/main/errors';
import { openJournal } from '../../../src/main/journal';
import { MIGRATIONS, type Migration } from '../../../src/main/journal/migrations';
import { sha256 } from '../../support/reliability/disk';
import { damagePaymentsLeaf, journalWithSales, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

const TAIL = 'Nothing was deleted; fix the file or its location and restart.';
const fileIn = (name = 'journal.sqlite') => join(tmp.dir, name);

/** The message of the JOURNAL refusal; the file's bytes are checked unchanged. */
function refusal(file: string, options: Parameters<typeof openJournal>[1] = {}): string {
  const before = existsSync(file) && statSync(file).isFile() ? sha256(file) : null;
  try {
    openJournal(file, options).close();
  } catch (error) {
    if (!isPosFailure(error)) throw error;
    expect(error.code).toBe('JOURNAL');
    if (before !== null) expect(sha256(file)).toBe(before);
    return error.message;
  }
  throw new Error('the journal was not refused');
}

/** Overwrites page `page` (1-based) of `file` with garbage. */
function smash(file: string, page: number, pageSize = 4096): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

function rootPage(file: string, name: string): number {
  const db = new Database(file, { readonly: true });
  const page = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
  db.close();
  return page;
}

describe('why a journal is refused, in the words support reads', () => {
  it('a damaged table root: "the journal file is damaged", found at open by the structure check', () => {
    const file = journalWithSales(fileIn(), 300);
    smash(file, rootPage(file, 'payments'));
    expect(refusal(file)).toBe(
      `The payment journal (${file}) cannot be used: the journal file is damaged. ${TAIL}`,
    );
    // Nothing of the refused file is left open: SQLite removed its -wal and -shm on close.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it('a damaged index root is found too (each index is read through itself)', () => {
    const file = journalWithSales(fileIn(), 300);
    smash(file, rootPage(file, 'payments_by_created'));
    expect(refusal(file)).toMatch(/cannot be used: the journal file is damaged\. /);
  });

  it('a path that is a folder: "cannot be opened or created at that location"', () => {
    const file = fileIn('folder.sqlite');
    mkdirSync(file);
    expect(refusal(file)).toBe(
      `The payment journal (${file}) cannot be used: the journal file cannot be opened or created at that location. ${TAIL}`,
    );
  });

  it('a file another program holds locked: "locked by another running copy", after the busy timeout given', () => {
    const file = journalWithSales(fileIn(), 3);
    const other = new Database(file);
    other.pragma('journal_mode = DELETE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(refusal(file, { busyTimeoutMs: 1 })).toBe(
        `The payment journal (${file}) cannot be used: the journal is locked by another running copy of the app. ${TAIL}`,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('a folder where the journal folder should be: the system message itself', () => {
    const parent = fileIn('plain-file');
    writeFileSync(parent, 'x');
    const file = join(parent, 'journal.sqlite');
    expect(refusal(file)).toBe(
      `The payment journal (${file}) cannot be used: EEXIST: file already exists, mkdir '${parent}'. ${TAIL}`,
    );
  });

  it('a refusal that already says what is wrong is passed on as it is, not wrapped', () => {
    const file = fileIn();
    const future: Migration = { id: 9990, name: 'from-the-future', sql: 'CREATE TABLE future (x)' };
    openJournal(file, { migrations: [...MIGRATIONS, future] }).close();
    expect(refusal(file)).toBe(
      `The payment journal was written by a newer version of this app (schema 9990, this app knows up to ${MIGRATIONS.at(-1)!.id}). Install the newer version; the journal was not changed.`,
    );
  });

  it('a journal from a newer app is refused before anything is written (not even the WAL switch)', () => {
    // A journal in rollback mode (an older copy or a support tool switched it): turning on WAL would
    // rewrite its header, so the history check has to come first.
    const file = fileIn();
    const future: Migration = { id: 9990, name: 'from-the-future', sql: 'CREATE TABLE future (x)' };
    openJournal(file, { migrations: [...MIGRATIONS, future] }).close();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    expect(refusal(file)).toMatch(/newer version of this app/);
    expect(readFileSync(file)[18]).toBe(1);
  });
});

describe('the busy timeout', () => {
  it('is 5 s unless the opener gives one', () => {
    const a = openJournal(fileIn('a.sqlite'));
    const b = openJournal(fileIn('b.sqlite'), { busyTimeoutMs: 1234.9 });
    try {
      expect(a.connection.prepare('PRAGMA busy_timeout').pluck().get()).toBe(5000);
      expect(b.connection.prepare('PRAGMA busy_timeout').pluck().get()).toBe(1234);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe("the header's promise of the file length", () => {
  it('is read with 64 KiB pages too (stored as 1 in the header)', () => {
    const file = fileIn();
    const db = new Database(file);
    db.pragma('page_size = 65536');
    db.exec('CREATE TABLE filler (x); ');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 20; i++) insert.run('x'.repeat(30_000));
    db.close();
    expect(readFileSync(file).readUInt16BE(16)).toBe(1);
    truncateSync(file, statSync(file).size - 65_536);
    expect(refusal(file)).toMatch(/damaged \(\d+ bytes where its header promises \d+; it was cut short\)/);
  });

  it('is ignored when stale (an older writer): SQLite then goes by the length, and so does the check', () => {
    const file = journalWithSales(fileIn(), 20);
    const bytes = readFileSync(file);
    // A page count far beyond the file, with the "valid-for" counter no longer matching the change counter.
    bytes.writeUInt32BE(bytes.readUInt32BE(28) + 100, 28);
    bytes.writeUInt32BE(bytes.readUInt32BE(24) + 1, 92);
    writeFileSync(file, bytes);
    const j = openJournal(file);
    expect(j.payments.count()).toBe(20);
    j.close();
  });

  it('is no promise in a file that is not SQLite: such a file is refused as not a journal', () => {
    const file = fileIn();
    // Bytes that, read as a header, would promise far more than the file holds.
    writeFileSync(file, Buffer.alloc(4096, 0x01));
    expect(refusal(file)).toContain(
      'cannot be used: the file is not a payment journal (not an SQLite database).',
    );
  });
});

describe('after an unclean shutdown (a WAL file left with content)', () => {
  function crashedCopy(count: number, damage: boolean): string {
    const file = journalWithSales(fileIn(), count);
    const crashed = fileIn('crashed.sqlite');
    const live = new Database(file);
    live.prepare("UPDATE payments SET description = 'x' WHERE reference = 'lane1-00000001'").run();
    writeFileSync(crashed, readFileSync(file));
    writeFileSync(`${crashed}-wal`, readFileSync(`${file}-wal`));
    live.close();
    if (damage) damagePaymentsLeaf(file, crashed);
    return crashed;
  }

  it('an undamaged journal opens, with the change the log held', () => {
    const crashed = crashedCopy(50, false);
    const j = openJournal(crashed);
    expect(j.payments.get('lane1-00000001')?.description).toBe('x');
    j.close();
  });

  it('damage deep inside is refused with the first lines of what SQLite found (its first line)', () => {
    const crashed = crashedCopy(2000, true);
    let message = '';
    try {
      openJournal(crashed).close();
    } catch (error) {
      message = (error as Error).message;
    }
    const detail = /the journal file is damaged \((.*)\)\. Nothing was deleted/s.exec(message)?.[1];
    expect(detail).toMatch(/^\*\*\* in database main \*\*\*/);
    expect(detail!.length).toBeLessThanOrEqual(200);
  });

  it('an empty WAL file is no sign of a crash: the start checks the structure only', () => {
    // The same deep damage, but a WAL file without content: the cheap check does not read that leaf.
    const file = journalWithSales(fileIn(), 2000);
    damagePaymentsLeaf(file);
    writeFileSync(`${file}-wal`, '');
    const j = openJournal(file);
    expect(j.payments.get('lane1-00000000')?.reference).toBe('lane1-00000000');
    j.close();
  });
});
