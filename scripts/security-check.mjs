// Runs Electronegativity over src/ and fails when it reports anything above INFORMATIONAL.
// A finding that was reviewed and accepted is marked where it occurs with an
// `eng-disable <CHECK_ID>` comment and a reason, so the decision sits next to the code.
// Run: npm run security
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
// Electronegativity cannot read the version from src/; tell it which Electron the app ships with.
const electronVersion = require('electron/package.json').version;
const report = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'report.csv');

execFileSync(
  process.execPath,
  [
    // No network during the review (see electronegativity-offline.cjs).
    '--require',
    join(root, 'scripts', 'electronegativity-offline.cjs'),
    cli,
    ...['-i', join(root, 'src'), '-r', '-e', electronVersion, '-o', report, '-v', 'false'],
  ],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);

/** RFC 4180-style rows: quoted fields may hold commas and doubled quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.trim() !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows;
}

const [header, ...rows] = parseCsv(readFileSync(report, 'utf8')).filter((r) => r.length > 1);
const col = (name) => header.indexOf(name);
const findings = rows.map((r) => ({
  check: r[col('issue')],
  severity: r[col('severity')],
  confidence: r[col('confidence')],
  file: r[col('filename')],
  location: r[col('location')],
  description: r[col('description')],
}));
const blocking = findings.filter((f) => f.severity !== 'INFORMATIONAL');
for (const f of findings) {
  console.log(`${f.severity.padEnd(13)} ${f.check}  src/${f.file}:${f.location}  ${f.description}`);
}
if (blocking.length > 0) {
  console.error(
    `Electronegativity: ${blocking.length} finding(s) above INFORMATIONAL (Electron ${electronVersion}).`,
  );
  process.exit(1);
}
console.log(`Electronegativity: nothing above INFORMATIONAL in src/ (Electron ${electronVersion}).`);
