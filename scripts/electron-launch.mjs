// `npm start` (electron-vite preview) and `npm run dev` (electron-vite dev) go through here:
//   1. Electron's binary: the electron package has no postinstall; its binary is downloaded on
//      first use (its install-electron bin). electron-vite never does that — it reads
//      node_modules/electron/path.txt itself and stops with "Electron uninstall" — so it is done
//      here first, with a clear message when the download is impossible.
//   2. electron-vite, told where the binary is (ELECTRON_EXEC_PATH). better-sqlite3 needs no
//      rebuild for Electron: its Node-API prebuilds load in Node and Electron alike.
//
//   node scripts/electron-launch.mjs preview|dev [electron-vite options]
//
// ELECTRON_EXEC_PATH (an Electron executable) or ELECTRON_OVERRIDE_DIST_PATH (a folder with one)
// use a binary from elsewhere; ELECTRON_MIRROR and electron_config_cache work as for Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageDir } from './native-build.mjs';

const [mode, ...rest] = process.argv.slice(2);
if (mode !== 'preview' && mode !== 'dev') {
  console.error('usage: node scripts/electron-launch.mjs preview|dev [electron-vite options]');
  process.exit(2);
}

const electronDir = packageDir('electron');
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

function fail(lines) {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
}

/** True when the electron package knows its binary (path.txt) and, unless overridden, has it. */
function installed() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return (
    Boolean(process.env.ELECTRON_OVERRIDE_DIST_PATH) ||
    existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))
  );
}

/** Runs Electron's own installer (the install-electron bin) unless the binary is already there. */
function installElectron() {
  if (installed()) return;
  console.log(`Electron ${version}: fetching the binary (once per checkout)…`);
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0) {
    fail([
      `Could not download Electron ${version}. npm start and npm run dev need its binary, which is`,
      'fetched from GitHub (or from ELECTRON_MIRROR) the first time.',
      '  • Check the internet connection or proxy, or set ELECTRON_MIRROR to a reachable mirror,',
      '    then run the command again.',
      `  • Or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron ${version} binary.`,
      '  • Without Electron, npm run web serves the same app to a browser on this computer.',
    ]);
  }
}

/** Where the electron package says its binary is (its index.js, which honours the overrides). */
function electronPathFromPackage() {
  return createRequire(import.meta.url)(electronDir);
}

function electronExecutable() {
  const given = process.env.ELECTRON_EXEC_PATH;
  if (given) {
    if (!existsSync(given)) fail([`ELECTRON_EXEC_PATH is set to ${given}, which does not exist.`]);
    return given;
  }
  installElectron();
  const path = electronPathFromPackage();
  if (!existsSync(path))
    fail([`Electron's binary is not at ${path}. Delete node_modules/electron and run npm ci.`]);
  return path;
}

const executable = electronExecutable();

const cli = join(packageDir('electron-vite'), 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [cli, mode, ...rest], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: executable },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
