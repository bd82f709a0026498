import { maskPhone, redactText, redactValue } from './redaction';

/**
 * The main process's one logger. Lines are JSON; the message and every field pass through the
 * redaction module (./redaction) first, so a secret, token or full phone number cannot reach a log
 * file, the console or a support bundle, whatever field or error it hides in.
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

/** Kept here for the modules that mask a phone number for display; the redaction lives in one place. */
export { maskPhone };

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
      msg: redactText(message),
      ...(fields ? (redactValue(fields) as object) : {}),
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
