#!/usr/bin/env node
// `npm run bench`: bundles scripts/bench/main.ts (TypeScript, which plain Node cannot run here) with
// rolldown — already installed as vite's bundler — into node_modules/.cache/bench, then runs it.
// better-sqlite3 stays external (native module). See scripts/bench/main.ts for what is measured.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules', '.cache', 'bench');
await build({
  // The settlement RSS probe is its own entry, so its process loads only the reconcile path.
  input: {
    bench: join(root, 'scripts', 'bench', 'main.ts'),
    'settlement-probe': join(root, 'scripts', 'bench', 'settlement-probe.ts'),
  },
  platform: 'node',
  external: ['better-sqlite3'],
  logLevel: 'warn',
  write: true,
  output: { dir: outDir, format: 'esm', entryFileNames: '[name].mjs' },
});
const run = spawnSync(process.execPath, [join(outDir, 'bench.mjs')], {
  stdio: 'inherit',
  // The bench's Vipps traffic is checked against ../shared/vipps-specs (scripts/bench/spec-traffic.ts).
  env: { VIPPS_SPECS_DIR: join(root, '..', 'shared', 'vipps-specs'), ...process.env, BENCH_ROOT: root },
});
process.exit(run.status ?? 0);
