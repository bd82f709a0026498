/**
 * `npm run security` runs Electronegativity, whose optional lookups go through got 11. On Node 24 got's
 * retry after a failed DNS lookup throws an uncaught error that kills the review on machines without
 * internet; scripts/electronegativity-offline.cjs (preloaded by scripts/security-check.mjs) makes it
 * one attempt, so the failure is an ordinary rejection that Electronegativity catches.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

// got as Electronegativity resolves and imports it (Babel output reads `.default`); `.invalid` never resolves.
const LOOKUP = `
  const fromElectronegativity = require('node:module').createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const got = fromElectronegativity('got').default;
  got('http://vipps-counter.invalid/', { timeout: { request: 1000 } })
    .then(() => console.log('answered'), (error) => console.log('rejected ' + error.code));
`;

it('a failed lookup inside Electronegativity is a caught rejection, not a crash', () => {
  const run = spawnSync(
    process.execPath,
    ['--require', join(ROOT, 'scripts', 'electronegativity-offline.cjs'), '-e', LOOKUP],
    { cwd: ROOT, encoding: 'utf8', timeout: 15_000 },
  );
  // ENOTFOUND, or ETIMEDOUT when a busy machine's resolver is slower than got's 1 s: either is caught.
  expect({ status: run.status, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({
    status: 0,
    stdout: expect.stringMatching(/^rejected (ENOTFOUND|EAI_AGAIN|ETIMEDOUT)$/),
    stderr: '',
  });
});
