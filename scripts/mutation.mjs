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
 *   npm run mutation -- --files a.ts,b.ts  only these files of the room (with --room), against the
 *                                         committed results: mutants whose code or covering tests
 *                                         changed are tested again; merged back like --changed
 *   npm run mutation -- --gate            exit 1 when a room is below its target or a surviving
 *                                         mutant is neither killed nor reviewed (after the run)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedSources, mergeReports, mutantKey, reviewedKeys } from './lib/mutation-report.mjs';

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
const filesAt = args.indexOf('--files');
const files = filesAt >= 0 ? (args[filesAt + 1] ?? '').split(',').filter(Boolean) : undefined;
if (files !== undefined && (only === undefined || files.length === 0)) {
  console.error("--files needs --room and a comma-separated list of the room's files");
  process.exit(2);
}
const OWN_FLAGS = ['--summary-only', '--changed', '--gate'];
const changedOnly = args.includes('--changed');
const gate = args.includes('--gate');
const valueAt = new Set([roomAt, filesAt].filter((i) => i >= 0).flatMap((i) => [i, i + 1]));
const strykerArgs = args.filter((a, i) => !OWN_FLAGS.includes(a) && !valueAt.has(i));

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
function strykerOnChanged(room, chosen) {
  const committed = JSON.parse(readFileSync(reportOf(room), 'utf8'));
  const changed = chosen ?? changedSources(root, room, committed);
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
  writeFileSync(reportOf(room), JSON.stringify(withTypeOnlyFiles(merged, changed)));
}

/**
 * Stryker's report leaves out files it found nothing to mutate in (types only). They are recorded
 * with no mutants, so `--changed` counts them as unchanged next time instead of running Stryker.
 */
function withTypeOnlyFiles(report, files) {
  for (const file of files) {
    report.files[file] ??= {
      language: 'typescript',
      source: readFileSync(join(root, file), 'utf8'),
      mutants: [],
    };
  }
  return report;
}

/** After a run of the whole room: the room's type-only files, which its report left out. */
function recordTypeOnlyFiles(room) {
  const report = JSON.parse(readFileSync(reportOf(room), 'utf8'));
  const missing = changedSources(root, room, report).filter((file) => !report.files[file]);
  if (missing.length) writeFileSync(reportOf(room), JSON.stringify(withTypeOnlyFiles(report, missing)));
}

if (!summaryOnly) {
  for (const room of only ? [only] : Object.keys(TARGETS)) {
    console.log(`== mutation: src/main/${room}`);
    if (files && existsSync(reportOf(room))) strykerOnChanged(room, files);
    else if (changedOnly && existsSync(reportOf(room))) strykerOnChanged(room);
    else {
      stryker(room, []);
      recordTypeOnlyFiles(room);
    }
  }
}

/** Reviewed equivalent mutants (test/mutation/equivalent.md): `file:line:mutator` → seen yet. */
const reviewed = new Map([...reviewedKeys(root)].map((key) => [key, false]));

/** Score as Stryker counts it: detected / (detected + survived + not covered); ignored and errors apart. */
function tally(room) {
  const t = { detected: 0, survived: 0, noCoverage: 0, equivalent: 0, unreviewed: 0, other: 0, total: 0 };
  if (!existsSync(reportOf(room))) return undefined;
  const report = JSON.parse(readFileSync(reportOf(room), 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      const { status } = mutant;
      t.total += 1;
      const key = mutantKey(file, mutant);
      const alive = status === 'Survived' || status === 'NoCoverage';
      if (alive && reviewed.has(key)) {
        reviewed.set(key, true);
        t.equivalent += 1;
      } else if (alive) t.unreviewed += 1;
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
  '"unreviewed": alive (survived or not covered) and not in equivalent.md — each needs a test or a row.',
  '',
  '| room | score | without equivalents | target | killed | survived | no coverage | equivalent | unreviewed | not counted | mutants in results |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
let below = false;
let unreviewed = 0;
for (const [room, target] of Object.entries(TARGETS)) {
  const t = tally(room);
  if (!t) {
    lines.push(`| src/main/${room} | not run | | ${target} % | | | | | | | |`);
    below = true;
    continue;
  }
  const valid = t.detected + t.survived + t.noCoverage;
  const score = pct(t.detected, valid);
  const adjusted = pct(t.detected, valid - t.equivalent);
  // The target holds for the score as Stryker counts it, not the kinder one without equivalents.
  if (score < target) below = true;
  unreviewed += t.unreviewed;
  lines.push(
    `| src/main/${room} | ${score.toFixed(2)} % | ${adjusted.toFixed(2)} % | ${target} % | ${t.detected} | ${t.survived} | ${t.noCoverage} | ${t.equivalent} | ${t.unreviewed} | ${t.other} | ${t.total} |`,
  );
}
const stale = [...reviewed].filter(([, seen]) => !seen).map(([key]) => key);
if (stale.length)
  lines.push('', `Equivalent rows not matched by a surviving mutant (review): ${stale.join(', ')}`);
mkdirSync(dirname(SUMMARY), { recursive: true });
writeFileSync(SUMMARY, `${lines.join('\n')}\n`);
console.log(lines.slice(8).join('\n'));
console.log('\nsummary: reports/mutation/summary.md; HTML: reports/mutation/<room>/index.html');
if (below) console.log('At least one room is below its target.');
if (unreviewed > 0)
  console.log(
    `${unreviewed} surviving mutants are neither killed nor reviewed: node scripts/mutation-survivors.mjs <room> --unreviewed`,
  );
if (gate && (below || unreviewed > 0)) process.exit(1);
