/**
 * Stryker's incremental results (mutation-testing-report-schema JSON, one per room) read and merged.
 * Test ids are local to one report, so a merge re-numbers them by (test file, test name) and maps
 * each mutant's coveredBy / killedBy along.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reviewed rows of test/mutation/equivalent.md as `file:line:mutator` keys: a surviving mutant whose
 * key is listed there has been judged equivalent (one row covers every mutant of that mutator on
 * that line).
 */
export function reviewedKeys(root) {
  const keys = new Set();
  for (const line of readFileSync(join(root, 'test/mutation/equivalent.md'), 'utf8').split('\n')) {
    const m = /^\| (src\/\S+) \| (\d+) \| (\w+) \|/.exec(line);
    if (m) keys.add(`${m[1]}:${m[2]}:${m[3]}`);
  }
  return keys;
}

/** The key a reviewed row of equivalent.md matches a mutant by. */
export const mutantKey = (file, mutant) => `${file}:${mutant.location.start.line}:${mutant.mutatorName}`;

/** Merges reports; for each source file the last report that holds it wins. */
export function mergeReports(reports) {
  const ids = new Map();
  const idFor = (file, name) => {
    const key = `${file}\u0000${name}`;
    if (!ids.has(key)) ids.set(key, String(ids.size));
    return ids.get(key);
  };
  const testFiles = {};
  for (const r of reports) {
    for (const [file, tf] of Object.entries(r.testFiles ?? {})) {
      const byName = new Map((testFiles[file]?.tests ?? []).map((t) => [t.name, t]));
      for (const t of tf.tests) byName.set(t.name, { ...t, id: idFor(file, t.name) });
      testFiles[file] = { ...tf, tests: [...byName.values()] };
    }
  }
  const files = {};
  for (const r of reports) {
    const local = new Map();
    for (const [file, tf] of Object.entries(r.testFiles ?? {}))
      for (const t of tf.tests) local.set(t.id, idFor(file, t.name));
    const remap = (list) => list?.map((id) => local.get(id)).filter((id) => id !== undefined);
    for (const [file, f] of Object.entries(r.files)) {
      files[file] = {
        ...f,
        mutants: f.mutants.map((m) => ({
          ...m,
          ...(m.coveredBy ? { coveredBy: remap(m.coveredBy) } : {}),
          ...(m.killedBy ? { killedBy: remap(m.killedBy) } : {}),
        })),
      };
    }
  }
  return { ...reports.at(-1), files, testFiles };
}

/** The room's source files whose text differs from the report's copy, or that it does not hold. */
export function changedSources(root, room, report) {
  const dir = join(root, 'src/main', room);
  const files = readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.ts'))
    .map((f) =>
      relative(root, join(dir, String(f)))
        .split('\\')
        .join('/'),
    );
  return files.filter((f) => report.files[f]?.source !== readFileSync(join(root, f), 'utf8'));
}
