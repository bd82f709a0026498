import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SettingsProblem } from '../../preload/contract';
import { DEFAULT_SETTINGS, type StoredSettings, storedSettingsSchema } from './schema';

export type LoadedSettings =
  | { kind: 'missing'; settings: StoredSettings }
  | { kind: 'loaded'; settings: StoredSettings }
  /** The file exists but cannot be used; it is left untouched until the next deliberate save. */
  | { kind: 'invalid'; settings: StoredSettings; problem: SettingsProblem };

export function readSettingsFile(file: string): LoadedSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { kind: 'missing', settings: DEFAULT_SETTINGS };
    return invalid(
      'unreadable',
      `the settings file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid('not-json', 'the settings file is not valid JSON');
  }
  const parsed = storedSettingsSchema.safeParse(json);
  if (!parsed.success) {
    // An unknown field is named by its own key, not by the object it sits in.
    const paths = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...issue.path, key].join('.'))
        : [issue.path.join('.') || '(root)'],
    );
    const fields = [...new Set(paths)];
    return invalid(
      'invalid-fields',
      `the settings file has invalid or unknown fields: ${fields.join(', ')}`,
      fields,
    );
  }
  return { kind: 'loaded', settings: parsed.data };
}

function invalid(code: SettingsProblem['code'], reason: string, fields: string[] = []): LoadedSettings {
  return {
    kind: 'invalid',
    settings: DEFAULT_SETTINGS,
    problem: {
      code,
      fields,
      detail: `Saved settings were not used because ${reason}. Training mode is on; the file is kept until settings are saved again.`,
    },
  };
}

/**
 * Writes atomically (temp file + rename) with owner-only permissions, so a crash mid-write never
 * leaves half a settings file. A file that could not be parsed is renamed aside first, never lost.
 */
export function writeSettingsFile(file: string, settings: StoredSettings, keepAsideSuffix?: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (keepAsideSuffix) {
    try {
      renameSync(file, `${file}.${keepAsideSuffix}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
