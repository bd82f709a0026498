import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { AppInfo, SettingsView } from '../../preload/contract';
import { PosFailure } from '../errors';
import type { Journal } from '../journal';
import { recentCrashDumps } from '../windows/crash-reports';
import type { ExportFile } from './deliver';
import { redactJson, redactLogLine, scrubText } from './redact-text';

/** The log files the app writes (src/main/windows/log-file.ts), newest last. */
const LOG_FILES = ['main.1.log', 'main.log'] as const;
/** Enough history for a support case without mailing megabytes. */
const MAX_LOG_LINES = 5000;

export interface SupportBundleInput {
  dataDir: string;
  info: AppInfo;
  settings: SettingsView;
  /** The running setup's journal, when there is one. */
  journal: Journal | null;
  reference?: string;
  /** Known secret values to cut wherever they appear (client secret, subscription key, …). */
  secrets: readonly string[];
  now: Date;
}

function logFile(dataDir: string, name: string, secrets: readonly string[]): string | null {
  const file = join(dataDir, 'logs', name);
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  return `${lines
    .slice(-MAX_LOG_LINES)
    .map((l) => redactLogLine(l, secrets))
    .join('\n')}\n`;
}

function paymentFiles(journal: Journal, reference: string, secrets: readonly string[]) {
  const payment = journal.payments.get(reference);
  if (!payment) throw new PosFailure('NOT_FOUND', 'No payment with that reference in this journal.');
  const dir = `payment-${reference}`;
  return {
    [`${dir}/payment.json`]: redactJson(payment, secrets),
    [`${dir}/operations.json`]: redactJson(journal.operations.forReference(reference), secrets),
    [`${dir}/vipps-events.json`]: redactJson(journal.events.forReference(reference), secrets),
    [`${dir}/audit.json`]: redactJson(journal.audit.forReference(reference), secrets),
  };
}

/**
 * One zip for support: app, version and environment, the redacted logs and, for one payment, its
 * journal rows and Vipps event log. No settings file, no staff table, no secrets: every text goes
 * through key-based redaction and a final scrub of known secret values and phone numbers.
 */
export function buildSupportBundle(input: SupportBundleInput): ExportFile {
  const { secrets } = input;
  const stamp = input.now.toISOString().replace(/[:.]/g, '-');
  const environment = {
    generatedAt: input.now.toISOString(),
    app: input.info,
    settings: input.settings,
    journal: input.journal ? { schemaVersion: input.journal.schemaVersion } : null,
    // Named, never included: a minidump's memory can hold the credentials main had loaded.
    crashDumps: recentCrashDumps(input.dataDir),
    runtime: {
      platform: process.platform,
      arch: process.arch,
      versions: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        chrome: process.versions.chrome ?? null,
      },
    },
  };
  const files: Record<string, string> = {
    'README.txt': scrubText(
      [
        `Support bundle from ${input.info.name} ${input.info.version} (${input.info.environment}), counter ${input.info.counterId}.`,
        'Secrets, tokens and PIN hashes are removed; phone numbers show their last four digits only.',
        input.reference ? `Payment included: ${input.reference}` : 'No payment was chosen.',
        'Crash dumps are listed in environment.json (crashDumps) but not included, because they can hold secrets;',
        'if support asks for one, copy it from the crashes folder of the app data folder deliberately.',
        '',
      ].join('\n'),
      secrets,
    ),
    'environment.json': redactJson(environment, secrets),
  };
  for (const name of LOG_FILES) {
    const text = logFile(input.dataDir, name, secrets);
    if (text !== null) files[`logs/${name}`] = text;
  }
  if (input.reference) {
    if (!input.journal)
      throw new PosFailure('NOT_CONFIGURED', 'There is no journal to take the payment from.');
    Object.assign(files, paymentFiles(input.journal, input.reference, secrets));
  }
  const zip = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
    { level: 6, mtime: input.now },
  );
  return { filename: `support-${input.info.counterId}-${stamp}.zip`, mime: 'application/zip', data: zip };
}
