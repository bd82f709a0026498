import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../../src');

/** Relative imports of one source file (type-only ones too: they still tie the files together). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((spec) => {
    const base = resolve(dirname(file), spec);
    const candidates = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
    return candidates.find((candidate) => existsSync(candidate)) ?? base;
  });
}

/** The first import chain that leads from `start` back to itself, or null. */
function cycleThrough(start: string): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, path: string[]): string[] | null => {
    for (const next of importsOf(file)) {
      if (next === start) return [...path, next];
      if (seen.has(next) || !existsSync(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

describe('import structure', () => {
  it.each(['main/ipc/extension.ts', 'main/core/index.ts'])('%s is not part of an import cycle', (file) => {
    const cycle = cycleThrough(join(SRC, file));
    expect(cycle?.map((f) => relative(SRC, f)) ?? null).toBeNull();
  });
});
