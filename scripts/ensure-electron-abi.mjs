// Rebuilds better-sqlite3 for Electron's ABI (electron-builder install-app-deps) unless the file in
// place is the one this script last built for the same Electron, platform and arch. Never trusts
// @electron/rebuild's own marker, which goes stale when the Node build is put back (native-build.mjs).
//
//   node scripts/ensure-electron-abi.mjs [--arch=x64|arm64]
//
// POS_SKIP_ELECTRON_REBUILD=1 skips it: only for runs whose "Electron" is a stand-in that loads no
// native module (test/main/shell/start-chain.test.ts; the real rebuild needs Electron's headers
// from the internet).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  forgetElectronRebuildMarker,
  isBuiltFor,
  packageDir,
  pathWithProjectBin,
  recordBuild,
} from './native-build.mjs';

const args = process.argv.slice(2);
if (process.env.POS_SKIP_ELECTRON_REBUILD === '1') {
  console.log('better-sqlite3: Electron rebuild skipped (POS_SKIP_ELECTRON_REBUILD=1).');
  process.exit(0);
}

const electronDir = packageDir('electron');
const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const arch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;
const target = `${process.platform}--${arch}--${abi}`;

if (isBuiltFor(target)) {
  console.log(`better-sqlite3: already built for Electron ${version} (${arch}).`);
  process.exit(0);
}
console.log(`better-sqlite3: rebuilding for Electron ${version} (${arch})…`);
forgetElectronRebuildMarker();
const result = spawnSync('electron-builder', ['install-app-deps', ...args], {
  stdio: 'inherit',
  env: pathWithProjectBin(),
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(
    `Could not rebuild better-sqlite3 for Electron ${version} (${arch}). It needs a prebuilt binary ` +
      "or Electron's headers (both downloaded) and, without a prebuilt binary, the build tools listed " +
      'in README › Set-up. `npm run web` runs the app without Electron.',
  );
  process.exit(1);
}
recordBuild(target);
