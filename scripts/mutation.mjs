/**
 * `npm run mutation [-- stryker options]`: Stryker over the money rooms, one room after the other
 * (stryker.config.mjs), then reports/mutation/summary.md — each room's mutation score next to its
 * target — from the rooms' committed incremental results (test/mutation/incremental/<room>.json, the
 * same report format; a run that was interrupted leaves a partial one, which the summary says).
 * HTML reports: reports/mutation/<room>/index.html.
 *   npm run mutation -- --room vipps      one room only
 *   npm run mutation -- --summary-only    the summary from the last reports, without a run
 *   npm run mutation -- --force           every mutant again, not only the changed ones
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
const strykerArgs = args.filter((a, i) => a !== '--summary-only' && i !== roomAt && i !== roomAt + 1);

if (!summaryOnly) {
  for (const room of only ? [only] : Object.keys(TARGETS)) {
    console.log(`== mutation: src/main/${room}`);
    const run = spawnSync(join(root, 'node_modules/.bin/stryker'), ['run', ...strykerArgs], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, STRYKER_ROOM: room },
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}

/** Score as Stryker counts it: detected / (detected + survived + not covered); ignored and errors apart. */
function tally(room) {
  const t = { detected: 0, survived: 0, noCoverage: 0, other: 0, at: undefined };
  if (!existsSync(reportOf(room))) return undefined;
  const report = JSON.parse(readFileSync(reportOf(room), 'utf8'));
  for (const { mutants } of Object.values(report.files)) {
    for (const { status } of mutants) {
      if (status === 'Killed' || status === 'Timeout') t.detected += 1;
      else if (status === 'Survived') t.survived += 1;
      else if (status === 'NoCoverage') t.noCoverage += 1;
      else t.other += 1;
    }
  }
  return t;
}

const lines = [
  '# Mutation score (StrykerJS, `npm run mutation`)',
  '',
  'Score = killed or timed out / (those + survived + not covered); ignored (module-level constants),',
  'compile and runtime errors are not counted. Equivalent mutants: test/mutation/equivalent.md.',
  '',
  '| room | score | target | killed | survived | no coverage | not counted |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
let below = false;
for (const [room, target] of Object.entries(TARGETS)) {
  const t = tally(room);
  if (!t) {
    lines.push(`| src/main/${room} | not run | ${target} % | | | | |`);
    below = true;
    continue;
  }
  const valid = t.detected + t.survived + t.noCoverage;
  const score = valid === 0 ? 100 : (100 * t.detected) / valid;
  if (score < target) below = true;
  lines.push(
    `| src/main/${room} | ${score.toFixed(2)} % | ${target} % | ${t.detected} | ${t.survived} | ${t.noCoverage} | ${t.other} |`,
  );
}
writeFileSync(SUMMARY, `${lines.join('\n')}\n`);
console.log(lines.slice(5).join('\n'));
console.log('\nsummary: reports/mutation/summary.md; HTML: reports/mutation/<room>/index.html');
if (below) console.log('At least one room is below its target.');
