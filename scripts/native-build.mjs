// Helpers for the scripts that launch or check the app's native pieces. Everything is resolved
// from the current directory (npm runs scripts in the project root).
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

const requireHere = createRequire(join(process.cwd(), 'package.json'));

export function packageDir(name) {
  return dirname(requireHere.resolve(`${name}/package.json`));
}

/** PATH with the project's node_modules/.bin last, so commands run outside npm too. */
export function pathWithProjectBin(env = process.env) {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return {
    ...env,
    [key]: [env[key], join(process.cwd(), 'node_modules', '.bin')].filter(Boolean).join(delimiter),
  };
}
