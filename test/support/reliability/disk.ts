/**
 * Real file-system conditions for the journal-fault suite. We run as root here, and root ignores
 * permission bits, so "read-only" is made with the immutable attribute (chattr +i), which binds root
 * too; as another user, plain chmod does it. A full disk is a real tiny tmpfs (root may mount one):
 * SQLite then gets ENOSPC and answers SQLITE_FULL, exactly what a customer's full disk gives — unlike
 * `ulimit -f` (EFBIG, a different error path) or `max_page_count` (an SQLite limit, not the disk).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const isRoot = () => process.getuid?.() === 0;

/** Makes a file or directory read-only for this process; returns the undo. */
export function makeReadOnly(path: string): () => void {
  if (isRoot()) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  const mode = statSync(path).mode & 0o777;
  chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
  return () => chmodSync(path, mode);
}

/** Mounts a tmpfs of `bytes` at `dir`; returns the unmount. */
export function mountTinyDisk(dir: string, bytes: number): () => void {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `The full-disk test mounts a ${bytes}-byte tmpfs and needs root with CAP_SYS_ADMIN (as on the project's CI machines): ${(error as Error).message}`,
    );
  }
  return () => execFileSync('umount', [dir]);
}
