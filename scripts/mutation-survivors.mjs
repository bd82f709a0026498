/**
 * `node scripts/mutation-survivors.mjs <room|report.json> [path-filter] [--unreviewed]`: the mutants a
 * run left alive (survived or not covered), one line each as file:line, mutator and replacement, so a
 * new test can be aimed at them. Reads the room's committed incremental results
 * (test/mutation/incremental/<room>.json) or any Stryker JSON report given by path. `--unreviewed`
 * leaves out those listed in test/mutation/equivalent.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mutantKey, reviewedKeys } from './lib/mutation-report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unreviewedOnly = process.argv.includes('--unreviewed');
const [what, filter = ''] = process.argv.slice(2).filter((a) => a !== '--unreviewed');
const reviewed = reviewedKeys(root);
if (!what) {
  console.error(
    'usage: node scripts/mutation-survivors.mjs <payments|journal|vipps|report.json> [path-filter]',
  );
  process.exit(2);
}
const path = what.endsWith('.json') ? what : join(root, 'test/mutation/incremental', `${what}.json`);
const report = JSON.parse(readFileSync(path, 'utf8'));
let count = 0;
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  if (!file.includes(filter)) continue;
  const lines = source.split('\n');
  const alive = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .filter((m) => !unreviewedOnly || !reviewed.has(mutantKey(file, m)))
    .sort((a, b) => a.location.start.line - b.location.start.line);
  for (const m of alive) {
    count += 1;
    const line = m.location.start.line;
    const code = lines[line - 1]?.trim().slice(0, 100);
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
    console.log(
      `${file}:${line} ${m.status === 'NoCoverage' ? 'NO-COVERAGE' : 'SURVIVED'} ${m.mutatorName} → ${replacement}\n    ${code}`,
    );
  }
}
console.log(`${count} mutants alive`);
