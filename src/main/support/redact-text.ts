import { redactText, redactValue } from '../redaction';

/**
 * The support bundle's last line of defence for text leaving the machine: the logger already
 * redacts, but a bundle may hold lines written by an older version or by hand. Both go through the
 * one redaction module, with this setup's secret values passed along as well.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets);
}

export function redactJson(value: unknown, secrets: readonly string[]): string {
  return JSON.stringify(redactValue(value, secrets), null, 2);
}

/** One log line: JSON lines are re-redacted field by field; anything else is scrubbed as text. */
export function redactLogLine(line: string, secrets: readonly string[]): string {
  try {
    const parsed = JSON.parse(line) as unknown;
    if (parsed && typeof parsed === 'object') return JSON.stringify(redactValue(parsed, secrets));
  } catch {
    // Not JSON: scrub as text.
  }
  return redactText(line, secrets);
}
