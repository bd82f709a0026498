// Tests, the web host and the benchmarks run in plain Node, but `npm start` rebuilds
// better-sqlite3 for Electron's ABI. Put the Node build back before they load it (npm rebuild:
// prebuild-install, or node-gyp when no prebuilt binary matches), and forget Electron's rebuild
// marker either way (see native-build.mjs).
//
// npm_config_nodedir is left as the caller has it: scripts/use-node24.sh sets it on this project's
// Linux machines, and elsewhere node-gyp finds (or downloads) the headers of the running Node itself.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { addonFile, forgetElectronRebuildMarker, pathWithProjectBin, recordBuild } from './native-build.mjs';

const require = createRequire(import.meta.url);
const target = `${process.platform}--${process.arch}--node${process.versions.modules}`;

function loads() {
  try {
    require(addonFile());
    return true;
  } catch (error) {
    console.log(`better-sqlite3 is not built for this Node (${error.code ?? error.message}); rebuilding…`);
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
      'Could not rebuild better-sqlite3 for Node. Without a prebuilt binary it is compiled from source: ' +
        'see README › Set-up for the build tools (Python 3 and a C++ compiler).',
    );
    process.exit(1);
  }
}
forgetElectronRebuildMarker();
recordBuild(target);
