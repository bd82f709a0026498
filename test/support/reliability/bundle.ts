/**
 * Child processes must run our TypeScript without a TS runner (none is installed): the entry is
 * bundled with rolldown (already here as vite's bundler) into node_modules/.cache, next to the
 * node_modules it resolves at run time. better-sqlite3 stays external: it is a native module.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

const ROOT = resolve(__dirname, '../../..');
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'proof');
const built = new Map<string, Promise<string>>();

/** Bundles `entry` (a path relative to the repository) once per process; returns the .mjs file. */
export function bundleForNode(entry: string, name: string): Promise<string> {
  const existing = built.get(name);
  if (existing) return existing;
  const job = (async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    await build({
      input: join(ROOT, entry),
      platform: 'node',
      external: ['better-sqlite3'],
      write: true,
      logLevel: 'warn',
      output: { dir: OUT_DIR, format: 'esm', entryFileNames: `${name}.mjs` },
    });
    return join(OUT_DIR, `${name}.mjs`);
  })();
  built.set(name, job);
  return job;
}
