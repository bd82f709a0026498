import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/main/journal';

const ROOT = resolve(__dirname, '../../..');
const children: ChildProcess[] = [];

/** Starts a real second process on the journal and resolves with its first line of output. */
function holder(file: string): { child: ChildProcess; said: Promise<string> } {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs'), resolve(ROOT, 'test/support/journal-holder.ts')],
    { cwd: ROOT, env: { ...process.env, JOURNAL_FILE: file }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  children.push(child);
  const said = new Promise<string>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('\n')) done(out.trim());
    });
    child.on('exit', () => done(out.trim()));
    setTimeout(() => fail(new Error('journal holder said nothing')), 20_000).unref();
  });
  return { child, said };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) =>
    child.exitCode !== null || child.signalCode ? done() : child.once('exit', () => done()),
  );

function journalFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'pos-writer-lock-')), 'journal-test.sqlite');
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('one writer per journal', () => {
  it('refuses a second process with a clear JOURNAL error while the first holds the journal', async () => {
    const file = journalFile();
    const first = holder(file);
    expect(await first.said).toBe('open');

    const refusal = (() => {
      try {
        openJournal(file).close();
        return null;
      } catch (error) {
        return error as { code?: string; message: string };
      }
    })();
    expect(refusal?.code).toBe('JOURNAL');
    expect(refusal?.message).toMatch(/in use by another running copy of the app \(process \d+, since /);
    const second = holder(file);
    expect(await second.said).toMatch(/^refused: .*in use by another running copy of the app/);
  });

  it('the lock does not outlive a crash: after kill -9 the next process opens the journal', async () => {
    const file = journalFile();
    const first = holder(file);
    expect(await first.said).toBe('open');
    first.child.kill('SIGKILL');
    await exited(first.child);

    const next = openJournal(file);
    expect(existsSync(`${file}.lock`)).toBe(true);
    next.close();
  });

  it('is released on close, so the same process (or the next run) can open it again', async () => {
    const file = journalFile();
    const first = openJournal(file);
    expect(() => openJournal(file)).toThrowError(/in use/);
    first.close();
    const again = openJournal(file);
    again.close();

    const other = holder(file);
    expect(await other.said).toBe('open');
  });

  it('leaves the journal readable by a plain SQLite connection (support tools, the reliability oracle)', async () => {
    const file = journalFile();
    const journal = openJournal(file);
    const Database = (await import('better-sqlite3')).default;
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 0 });
    reader.close();
    journal.close();
  });
});
