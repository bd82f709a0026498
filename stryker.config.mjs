// @ts-check
/**
 * Mutation testing of the money rooms, one room per Stryker run (`npm run mutation`, which runs
 * scripts/mutation.mjs; STRYKER_ROOM=payments|journal|vipps picks the room). Incremental: each
 * room's last results are committed in test/mutation/incremental/<room>.json, so a rerun tests only
 * the mutants of changed code or changed tests (`--force` retests everything). One room at a time
 * keeps a finished room's results even when a later one is stopped.
 * Surviving mutants judged equivalent are listed, each with its reason, in test/mutation/equivalent.md.
 */
import { resolve } from 'node:path';

const ROOMS = ['payments', 'journal', 'vipps'];
const room = process.env.STRYKER_ROOM ?? 'payments';
if (!ROOMS.includes(room)) throw new Error(`STRYKER_ROOM must be one of ${ROOMS.join(', ')}`);

// Stryker runs the tests in a sandbox copy (.stryker-tmp/…), where ../shared is not beside the worktree.
process.env.VIPPS_SPECS_DIR ??= resolve(import.meta.dirname, '../shared/vipps-specs');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  mutate: [`src/main/${room}/**/*.ts`],
  coverageAnalysis: 'perTest',
  // Module-level constants would need a fresh test process per mutant: far too slow on two cores.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `test/mutation/incremental/${room}.json`,
  // Two cores shared with everything else on the machine.
  concurrency: 2,
  timeoutMS: 5000,
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: `reports/mutation/${room}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${room}/mutation.json` },
  // One sandbox folder per room, so two rooms can run side by side; none is copied into another.
  tempDirName: `.stryker-tmp-${room}`,
  ignorePatterns: ['/.stryker-tmp*', '/reports', '/bench', '/out', '/dist'],
  cleanTempDir: 'always',
};
