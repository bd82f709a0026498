#!/usr/bin/env node
/**
 * `npm run golive -- --env test|training`: bundles src/main/golive/cli.ts (with the app's own Vipps
 * client and simulator) into out/golive/ with Vite, then runs it. See src/main/golive/cli.ts.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'out/golive');

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'src/main/golive/cli.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'cli.mjs' } },
  },
});

const { main } = await import(pathToFileURL(resolve(outDir, 'cli.mjs')).href);
const code = await main(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
