// npm run test:electron — the real app in real Electron (test/electron/smoke.test.ts).
// Builds the app and runs the smoke test (better-sqlite3's Node-API prebuild loads in Electron as
// it is). Where the Electron binary is not installed the test reports itself skipped and says why.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const haveElectron = existsSync(new URL('../node_modules/electron/path.txt', import.meta.url));

if (!haveElectron) {
  console.log(
    'Electron smoke test SKIPPED: the Electron binary is not installed (node_modules/electron/path.txt is missing).',
  );
  console.log(
    "Install it with `npx install-electron` where Electron's release host is reachable; the pull-request workflow does.",
  );
  run('npx vitest run --config vitest.electron.config.mts');
  process.exit(0);
}
run('npx electron-vite build');
run('npx vitest run --config vitest.electron.config.mts');
