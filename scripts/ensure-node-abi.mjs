// Before the tests, the web host and the benchmarks load better-sqlite3: check that it loads.
//
// better-sqlite3 13 ships Node-API prebuilds (prebuilds/<platform>-<arch>.node) that load in Node
// and in Electron alike, so nothing is rebuilt between `npm start` and `npm test` (the rebuild dance
// that older versions needed — and its stale @electron/rebuild marker — is gone). On a platform
// without a prebuild, npm install compiled it with node-gyp; if that build is missing or broken,
// this rebuilds it once and says what a compile needs when it fails.
//
// npm_config_nodedir is left as the caller has it: scripts/use-node24.sh sets it on this project's
// Linux machines, and elsewhere node-gyp finds (or downloads) the headers of the running Node itself.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathWithProjectBin } from './native-build.mjs';

const require = createRequire(join(process.cwd(), 'package.json'));

function loads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch (error) {
    console.log(`better-sqlite3 does not load in this Node (${error.code ?? error.message}); rebuilding…`);
    return false;
  }
}

if (!loads()) {
  const result = spawnSync('npm', ['rebuild', 'better-sqlite3'], {
    stdio: 'inherit',
    env: pathWithProjectBin(),
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(
      'Could not rebuild better-sqlite3. Without a prebuilt binary it is compiled from source: ' +
        'see README › Set up for the build tools (Python 3 and a C++ compiler).',
    );
    process.exit(1);
  }
}
