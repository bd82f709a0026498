import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of src/main/{payments,journal,vipps} (stryker.config.mjs):
 * the fast unit and contract tests of those rooms. Left out on purpose: crash injection (child
 * processes killed mid-write, which the journal's writer-lock test does too), the long reliability
 * suites and e2e — minutes per run, which a mutant
 * run multiplies by thousands.
 */
export default defineConfig({
  test: {
    include: [
      'test/main/payments/**/*.test.ts',
      'test/main/journal/**/*.test.ts',
      'test/main/vipps/**/*.test.ts',
      'test/main/contract/**/*.test.ts',
      'test/mutation/**/*.test.ts',
    ],
    exclude: [
      // Both spawn child processes and kill them (-9) mid-work, with waits a loaded machine misses.
      'test/main/payments/crash-recovery.test.ts',
      'test/main/journal/writer-lock.test.ts',
      // Timing-bound (150 ms client timeouts, a rate window): on a loaded machine they flap, and a
      // flap would count as a killed mutant.
      'test/main/payments/faults.test.ts',
      'test/main/payments/rate-budget.test.ts',
    ],
    environment: 'node',
    // No spec-traffic setup: compiling the OpenAPI validators after every file, for every mutant, would
    // cost more than the tests; the contract tests validate the client's requests themselves.
    setupFiles: ['test/setup/electron-mock.ts'],
    // Generous: the machine is shared, and a slow pass in the initial run stops the whole run.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One worker reused across files: a fresh process per file per mutant is most of a run's time.
    // Stryker switches mutants at run time (ignoreStatic), so cached modules are fine.
    pool: 'threads',
    isolate: false,
  },
});
