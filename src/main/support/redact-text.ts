import { redact } from '../log';

/** A phone number on its own (10–15 digits, e.g. 4791234567), not part of a reference or id. */
const LOOSE_PHONE = /(?<![\w-])\+?\d{10,15}(?![\w-])/g;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/g;
/** Stored PIN hashes (src/main/staff/pin.ts) and anything shaped like a JWT. */
const PIN_HASH = /scrypt\$[^\s"]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

function maskDigits(match: string): string {
  return `•••• ${match.replace(/\D/g, '').slice(-4)}`;
}

/**
 * The last line of defence for text leaving the machine: the logger already redacts, but a bundle
 * may hold lines written by an older version or by hand. Known secret values (the stored client
 * secret, subscription key, current token) are cut wherever they appear, whatever the field is called.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(BEARER, 'Bearer [redacted]')
    .replace(JWT, '[redacted-token]')
    .replace(PIN_HASH, '[redacted-pin-hash]')
    .replace(LOOSE_PHONE, maskDigits);
}

/** Key-based redaction (log.ts) first, then the text scrub over the serialized result. */
export function redactJson(value: unknown, secrets: readonly string[]): string {
  return scrubText(JSON.stringify(redact(value), null, 2), secrets);
}

/** One log line: JSON lines are re-redacted by key; anything else is scrubbed as text. */
export function redactLogLine(line: string, secrets: readonly string[]): string {
  try {
    const parsed = JSON.parse(line) as unknown;
    if (parsed && typeof parsed === 'object') return scrubText(JSON.stringify(redact(parsed)), secrets);
  } catch {
    // Not JSON: scrub as text.
  }
  return scrubText(line, secrets);
}
