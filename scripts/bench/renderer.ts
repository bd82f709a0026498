/** The renderer bundle as the cashier's machine loads it: every file of out/renderer, gzipped. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from './stats';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function rendererBench(root: string, log: (line: string) => void): { rows: Row[]; details: object } {
  const out = join(root, 'out', 'renderer');
  if (!existsSync(out)) {
    log('  out/renderer is missing: building with electron-vite');
    execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const all = files(out).filter((f) => !f.endsWith('.map'));
  let raw = 0;
  let gzip = 0;
  let jsGzip = 0;
  const biggest: Array<{ file: string; gzip: number }> = [];
  for (const file of all) {
    const bytes = readFileSync(file);
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += z;
    if (file.endsWith('.js')) jsGzip += z;
    biggest.push({ file: relative(out, file), gzip: z });
  }
  biggest.sort((a, b) => b.gzip - a.gzip);
  const built = new Date(Math.max(...all.map((f) => statSync(f).mtimeMs))).toISOString();
  return {
    rows: [
      { section: 'renderer', metric: 'bundle, all files gzip', value: gzip / 1024, unit: 'KB', target: 300 },
      {
        section: 'renderer',
        metric: 'of which JavaScript gzip',
        value: jsGzip / 1024,
        unit: 'KB',
        target: null,
      },
    ],
    details: { files: all.length, rawKb: raw / 1024, built, biggest: biggest.slice(0, 5) },
  };
}
