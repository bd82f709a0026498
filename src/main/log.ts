/**
 * The main process's one logger. Lines are JSON; every field passes through `redact` first, so a
 * secret, token or full phone number cannot reach a log file, the console or a support bundle.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

const SECRET_KEY = /secret|token|authorization|password|pin|subscription|client_?id|cookie|ocp-apim/i;
const PHONE_KEY = /phone|msisdn/i;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/g;
const LONG_DIGITS = /\b\d{8,15}\b/g;

/** Masks a phone number to its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '••••' : `•••• ${digits.slice(-4)}`;
}

/** Deep copy of `value` with secrets removed and phone numbers masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return value.replace(BEARER, 'Bearer [redacted]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) out[key] = '[redacted]';
      else if (PHONE_KEY.test(key) && typeof v === 'string') out[key] = maskPhone(v);
      else out[key] = redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Strings that look like phone numbers inside free text are masked too. */
function scrubText(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(LONG_DIGITS, (d) => maskPhone(d));
}

export function createLogger(
  sink: LogSink = (line) => console.log(line),
  scope = 'main',
  minLevel: LogLevel = 'info',
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    const line = {
      t: new Date().toISOString(),
      level,
      scope,
      msg: scrubText(message),
      ...(fields ? (redact(fields) as object) : {}),
    };
    sink(JSON.stringify(line));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => createLogger(sink, `${scope}.${child}`, minLevel),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger(() => {}, 'silent', 'error');
