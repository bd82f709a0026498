/**
 * The one redaction module (issue 11 §4): every string the main process writes somewhere a person
 * or another process can read — the log, the support bundle, error envelopes sent to the renderer —
 * passes through here. Redaction is by value, not only by field name: a secret pasted into an
 * error message, a `cause` or a stack trace is found wherever it sits.
 *
 * What goes: every configured secret value (remembered when the settings load), bearer/basic
 * credentials, `client_secret=…`/subscription-key style assignments, JWTs, stored PIN hashes,
 * personal QR contents, and phone numbers in common formats (masked to the last four digits).
 * What stays readable: amounts (numbers are never touched; digit groups joined to letters, dashes,
 * dots or commas are not phone numbers) and references like `pos1-20261130-…`.
 */

const SECRET_KEY =
  /secret|token|authorization|password|passwd|pin|subscription|client_?id|cookie|ocp-apim|personal_?qr/i;
const PHONE_KEY = /phone|msisdn/i;
/** Shorter values would cut ordinary words and digits out of every line. */
const MIN_SECRET_LENGTH = 6;

const CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi;
/** `client_secret=…`, `"subscriptionKey": "…"`, `Ocp-Apim-Subscription-Key: …`, `password=…`. */
const ASSIGNMENT =
  /\b(client[_ -]?secret|client[_ -]?id|subscription[_ -]?key|ocp-apim-subscription-key|access[_ -]?token|password|api[_ -]?key)(["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const PIN_HASH = /scrypt\$[^\s"',}]+/g;
/** The full scanned content of a customer's personal QR (never parsed; it may change shape). */
const PERSONAL_QR = /https?:\/\/qr\.(?:vipps\.no|mobilepay\.(?:dk|fi|no))\/[^\s"'<>]*/gi;
/**
 * A phone number standing alone: optional + or 00 and an optional (country code), then 8–15
 * digits, possibly grouped by single spaces. Not when glued to a word, a dash, a dot or a comma
 * (references, dates, ids, decimals, amounts written 1234,50).
 */
const PHONE = /(?<![\w.,/:-])(?:\+|00)?(?:\(\+?\d{1,3}\)\s?)?\d(?:\s?\d){7,14}(?![\w-]|[.,]\d)/g;

const secretValues = new Set<string>();

/**
 * Remembers configured secret values for the life of the process, so they are cut out wherever
 * they appear. Old values are kept on purpose: a line about the previous key is still redacted.
 */
export function rememberSecrets(values: Iterable<string | null | undefined>): void {
  for (const value of values) if (value && value.length >= MIN_SECRET_LENGTH) secretValues.add(value);
}

/** Masks a phone number to its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '••••' : `•••• ${digits.slice(-4)}`;
}

/** Cuts secrets, credentials and personal data out of one piece of free text. */
export function redactText(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secretValues, ...extraSecrets]) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret))
      out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(JWT, '[redacted-token]')
    .replace(CREDENTIAL, (_, kind: string) => `${kind} [redacted]`)
    .replace(ASSIGNMENT, (_, key: string, sep: string) => `${key}${sep}[redacted]`)
    .replace(PIN_HASH, '[redacted-pin-hash]')
    .replace(PERSONAL_QR, '[redacted-personal-qr]')
    .replace(PHONE, (match) => maskPhone(match));
}

const MAX_DEPTH = 8;

function redactError(error: Error, extra: readonly string[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: error.name,
    message: redactText(error.message, extra),
  };
  if (error.stack) out.stack = redactText(error.stack, extra);
  if (error.cause !== undefined) out.cause = redactValue(error.cause, extra, depth + 1);
  // Own fields an error may carry (a code, a response body, a request's headers).
  for (const [key, value] of Object.entries(error)) {
    if (!(key in out)) out[key] = redactField(key, value, extra, depth);
  }
  return out;
}

function redactField(key: string, value: unknown, extra: readonly string[], depth: number): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (PHONE_KEY.test(key) && typeof value === 'string') return maskPhone(value);
  return redactValue(value, extra, depth + 1);
}

/**
 * A deep copy of `value` with secrets removed and phone numbers masked: sensitive keys lose their
 * value; every string is scrubbed by value; errors keep name, message, stack and cause, scrubbed.
 */
export function redactValue(value: unknown, extraSecrets: readonly string[] = [], depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[deep]';
  if (typeof value === 'string') return redactText(value, extraSecrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, extraSecrets, depth + 1));
  if (value instanceof Error) return redactError(value, extraSecrets, depth);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = redactField(key, v, extraSecrets, depth);
    return out;
  }
  return value;
}
