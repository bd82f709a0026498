/**
 * `npm run mutation [-- stryker options]`: Stryker over the money rooms, one room after the other
 * (stryker.config.mjs), then reports/mutation/summary.md — each room's mutation score next to its
 * target — from the rooms' committed incremental results (test/mutation/incremental/<room>.json, the
 * same report format; a run that was interrupted leaves a partial one, which the summary says).
 * HTML reports: reports/mutation/<room>/index.html.
 *   npm run mutation -- --room vipps      one room only
 *   npm run mutation -- --summary-only    the summary from the last reports, without a run
 *   npm run mutation -- --force           every mutant again, not only the changed ones
 *   npm run mutation -- --changed         only the room files whose text differs from the committed
 *                                         results (what .ci/run does); their results are merged in
 *   npm run mutation -- --gate            exit 1 when a room is below its target (after the run)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedSources, mergeReports } from './lib/mutation-report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The targets (#17), in percent. */
const TARGETS = { payments: 85, journal: 80, vipps: 80 };
const reportOf = (room) => join(root, 'test/mutation/incremental', `${room}.json`);
const SUMMARY = join(root, 'reports/mutation/summary.md');

const args = process.argv.slice(2);
const summaryOnly = args.includes('--summary-only');
const roomAt = args.indexOf('--room');
const only = roomAt >= 0 ? args[roomAt + 1] : undefined;
if (only !== undefined && !(only in TARGETS)) {
  console.error(`--room must be one of ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const OWN_FLAGS = ['--summary-only', '--changed', '--gate'];
const changedOnly = args.includes('--changed');
const gate = args.includes('--gate');
const strykerArgs = args.filter(
  (a, i) => !OWN_FLAGS.includes(a) && (roomAt < 0 || (i !== roomAt && i !== roomAt + 1)),
);

function stryker(room, extra) {
  const run = spawnSync(join(root, 'node_modules/.bin/stryker'), ['run', ...strykerArgs, ...extra], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, STRYKER_ROOM: room },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/**
 * Only the files changed since the committed results, in a scratch copy of them: Stryker's report
 * then holds just those files, and is merged back into the room's results.
 */
function strykerOnChanged(room) {
  const committed = JSON.parse(readFileSync(reportOf(room), 'utf8'));
  const changed = changedSources(root, room, committed);
  if (changed.length === 0) {
    console.log(`src/main/${room}: no file changed since the committed results`);
    return;
  }
  console.log(`src/main/${room}: ${changed.length} changed file(s): ${changed.join(', ')}`);
  const scratch = join(mkdtempSync(join(tmpdir(), 'mutation-')), `${room}.json`);
  copyFileSync(reportOf(room), scratch);
  stryker(room, ['--mutate', changed.join(','), '--incrementalFile', scratch]);
  const merged = mergeReports([committed, JSON.parse(readFileSync(scratch, 'utf8'))]);
  for (const file of Object.keys(merged.files)) if (!existsSync(join(root, file))) delete merged.files[file];
  // A file Stryker found nothing to mutate in (types only) is recorded as such, so it counts as
  // unchanged next time.
  for (const file of changed) {
    merged.files[file] ??= {
      language: 'typescript',
      source: readFileSync(join(root, file), 'utf8'),
      mutants: [],
    };
  }
  writeFileSync(reportOf(room), JSON.stringify(merged));
}

if (!summaryOnly) {
  for (const room of only ? [only] : Object.keys(TARGETS)) {
    console.log(`== mutation: src/main/${room}`);
    if (changedOnly && existsSync(reportOf(room))) strykerOnChanged(room);
    else stryker(room, []);
  }
}

/** Reviewed equivalent mutants (test/mutation/equivalent.md): `file:line:mutator` → seen yet. */
function equivalents() {
  const rows = new Map();
  const text = readFileSync(join(root, 'test/mutation/equivalent.md'), 'utf8');
  for (const line of text.split('\n')) {
    const m = /^\| (src\/\S+) \| (\d+) \| (\w+) \|/.exec(line);
    if (m) rows.set(`${m[1]}:${m[2]}:${m[3]}`, false);
  }
  return rows;
}
const reviewed = equivalents();

/** Score as Stryker counts it: detected / (detected + survived + not covered); ignored and errors apart. */
function tally(room) {
  const t = { detected: 0, survived: 0, noCoverage: 0, equivalent: 0, other: 0, total: 0 };
  if (!existsSync(reportOf(room))) return undefined;
  const report = JSON.parse(readFileSync(reportOf(room), 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const { status, location, mutatorName } of mutants) {
      t.total += 1;
      const key = `${file}:${location.start.line}:${mutatorName}`;
      if ((status === 'Survived' || status === 'NoCoverage') && reviewed.has(key)) {
        reviewed.set(key, true);
        t.equivalent += 1;
      }
      if (status === 'Killed' || status === 'Timeout') t.detected += 1;
      else if (status === 'Survived') t.survived += 1;
      else if (status === 'NoCoverage') t.noCoverage += 1;
      else t.other += 1;
    }
  }
  return t;
}

const pct = (part, whole) => (whole === 0 ? 100 : (100 * part) / whole);
const lines = [
  '# Mutation score (StrykerJS, `npm run mutation`)',
  '',
  'Score = killed or timed out / (those + survived + not covered), as Stryker counts it; "without',
  'equivalents" leaves out the reviewed rows of test/mutation/equivalent.md. Not counted: ignored',
  '(module-level constants, ignoreStatic) and mutants that break the code (runtime/compile errors).',
  '"mutants in results" below the instrumented total means an interrupted run: rerun to finish it.',
  '',
  '| room | score | without equivalents | target | killed | survived | no coverage | equivalent | not counted | mutants in results |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
let below = false;
for (const [room, target] of Object.entries(TARGETS)) {
  const t = tally(room);
  if (!t) {
    lines.push(`| src/main/${room} | not run | | ${target} % | | | | | | |`);
    below = true;
    continue;
  }
  const valid = t.detected + t.survived + t.noCoverage;
  const score = pct(t.detected, valid);
  const adjusted = pct(t.detected, valid - t.equivalent);
  if (adjusted < target) below = true;
  lines.push(
    `| src/main/${room} | ${score.toFixed(2)} % | ${adjusted.toFixed(2)} % | ${target} % | ${t.detected} | ${t.survived} | ${t.noCoverage} | ${t.equivalent} | ${t.other} | ${t.total} |`,
  );
}
const stale = [...reviewed].filter(([, seen]) => !seen).map(([key]) => key);
if (stale.length)
  lines.push('', `Equivalent rows not matched by a surviving mutant (review): ${stale.join(', ')}`);
mkdirSync(dirname(SUMMARY), { recursive: true });
writeFileSync(SUMMARY, `${lines.join('\n')}\n`);
console.log(lines.slice(7).join('\n'));
console.log('\nsummary: reports/mutation/summary.md; HTML: reports/mutation/<room>/index.html');
if (below) console.log('At least one room is below its target.');
if (below && gate) process.exit(1);
