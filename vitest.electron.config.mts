import { defineConfig } from 'vitest/config';

/** The real-Electron smoke test (npm run test:electron), apart from `npm test`: it needs
 * better-sqlite3 built for Electron's ABI, which the other suites cannot share a run with. */
export default defineConfig({
  test: {
    name: 'electron',
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
