import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { contentSecurityPolicyMeta } from './src/main/windows/csp-meta';

export default defineConfig({
  main: {
    build: {
      // ky is ESM-only; bundling it keeps the CommonJS main bundle free of require(esm).
      externalizeDeps: { exclude: ['ky'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The web host: the same core and handler map served over HTTP on loopback (no Electron).
          web: resolve(__dirname, 'src/main/web/server.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file with no npm requires.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
    plugins: [react(), contentSecurityPolicyMeta()],
  },
});
