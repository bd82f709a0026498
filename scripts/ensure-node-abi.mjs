// Tests run in plain Node, but `npm start` rebuilds better-sqlite3 for Electron's ABI.
// Make sure the Node build is in place before vitest loads it; rebuild from source if not.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  console.log(`better-sqlite3 is not built for this Node (${error.code ?? error.message}); rebuilding…`);
  execSync('npm rebuild better-sqlite3', {
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
  });
}
