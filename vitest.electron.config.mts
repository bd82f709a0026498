import { defineConfig } from 'vitest/config';

/** The real-Electron smoke test (npm run test:electron), apart from `npm test`: it launches the
 * built app with a real display, which `npm test` must not need. */
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
