// Which build of better-sqlite3 sits in node_modules: the one for Node (tests, web host) or the one
// for Electron (npm start, installers). Both are the same file, build/Release/better_sqlite3.node,
// switched by ensure-node-abi.mjs and ensure-electron-abi.mjs.
//
// @electron/rebuild skips a module whose build/Release/.forge-meta names the target, without
// looking at the .node file. Switching back to the Node build (prebuild-install unpacks a new
// .node) leaves that marker saying "Electron", so the next Electron rebuild would be skipped and
// Electron would load the Node build. So: the Node side always deletes .forge-meta, and the
// Electron side trusts only our own record (.pos-build.json: the target plus the .node's hash)
// and deletes .forge-meta before every rebuild it decides to run.
//
// Everything is resolved from the current directory (npm runs scripts in the project root).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

const requireHere = createRequire(join(process.cwd(), 'package.json'));

export function packageDir(name) {
  return dirname(requireHere.resolve(`${name}/package.json`));
}

const release = () => join(packageDir('better-sqlite3'), 'build', 'Release');
export const addonFile = () => join(release(), 'better_sqlite3.node');
const forgeMeta = () => join(release(), '.forge-meta');
const ourRecord = () => join(release(), '.pos-build.json');

function addonHash() {
  return existsSync(addonFile())
    ? createHash('sha256').update(readFileSync(addonFile())).digest('hex')
    : null;
}

/** Makes @electron/rebuild look at the module again instead of trusting a possibly stale marker. */
export function forgetElectronRebuildMarker() {
  rmSync(forgeMeta(), { force: true });
}

export function recordBuild(target) {
  writeFileSync(ourRecord(), `${JSON.stringify({ target, sha256: addonHash() })}\n`);
}

/** True only when this file is the one our own record says was built for `target`. */
export function isBuiltFor(target) {
  try {
    const record = JSON.parse(readFileSync(ourRecord(), 'utf8'));
    return record.target === target && record.sha256 === addonHash();
  } catch {
    return false;
  }
}

/** PATH with the project's node_modules/.bin last, so commands run outside npm too. */
export function pathWithProjectBin(env = process.env) {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return {
    ...env,
    [key]: [env[key], join(process.cwd(), 'node_modules', '.bin')].filter(Boolean).join(delimiter),
  };
}
