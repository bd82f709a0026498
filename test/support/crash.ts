import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(__dirname, '../..');

/** Runs test/support/engine-child.ts (TypeScript through jiti) and waits for it to end or be killed. */
export function runEngineChild(env: {
  JOURNAL_FILE: string;
  SIM_URL: string;
  SCENARIO: string;
  CRASH_AT: string;
  REFERENCE?: string;
}): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [resolve(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs'), resolve(ROOT, 'test/support/engine-child.ts')],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`engine child did not finish: ${stdout} ${stderr}`));
    }, 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}
