import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Prints the run's total of spec-checked requests and answers (test/setup/spec-traffic.ts).
    globalSetup: ['test/setup/spec-traffic-global.ts'],
    projects: [
      {
        test: {
          name: 'main',
          include: ['test/main/**/*.test.ts'],
          environment: 'node',
          // Electron is mocked in one place; main-process code under test never loads the real binary.
          // Every simulator's traffic in these files is held to the specs (test/setup/spec-traffic.ts).
          setupFiles: ['test/setup/electron-mock.ts', 'test/setup/spec-traffic.ts'],
          testTimeout: 20_000,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/setup/renderer.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
          // The web host's simulator traffic is held to the specs too.
          setupFiles: ['test/setup/spec-traffic.ts'],
        },
      },
    ],
  },
});
