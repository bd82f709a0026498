/**
 * `npm run security` runs Electronegativity, whose optional lookups go through got 11. On Node 24 got's
 * retry after a failed DNS lookup throws an uncaught error that kills the review on machines without
 * internet; scripts/electronegativity-offline.cjs (preloaded by scripts/security-check.mjs) hands
 * Electronegativity a got that rejects at once, an ordinary rejection it catches.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

// got as Electronegativity resolves and imports it (Babel's interop: `.default` of a CommonJS export).
const LOOKUP = `
  const fromElectronegativity = require('node:module').createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const loaded = fromElectronegativity('got');
  const got = loaded && loaded.__esModule ? loaded.default : loaded;
  got('http://vipps-counter.invalid/', { timeout: { request: 1000 } })
    .then(() => console.log('answered'), () => console.log('rejected'));
`;

it('a failed lookup inside Electronegativity is a caught rejection, not a crash', () => {
  const run = spawnSync(
    process.execPath,
    ['--require', join(ROOT, 'scripts', 'electronegativity-offline.cjs'), '-e', LOOKUP],
    { cwd: ROOT, encoding: 'utf8', timeout: 15_000 },
  );
  expect({ status: run.status, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({
    status: 0,
    stdout: 'rejected',
    stderr: '',
  });
});
