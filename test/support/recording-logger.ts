/**
 * A logger that keeps what the engine and the Vipps client said (info, warn and error; debug is
 * dropped), so a test can assert the support-facing lines: by level with `said(level)`, or all of
 * them in order with `lines`.
 */
import type { Logger } from '../../src/main/log';

type Level = 'info' | 'warn' | 'error';
type Fields = Record<string, unknown> | undefined;

export function recordingLogger() {
  const lines: Array<[Level, string, Fields]> = [];
  const keep = (level: Level) => (message: string, fields?: Fields) => {
    lines.push([level, message, fields]);
  };
  const logger: Logger = {
    debug: () => {},
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    child: () => logger,
  };
  /** What was said at `level`, in order, as [message, fields]. */
  const said = (level: Level): Array<[string, Fields]> =>
    lines.filter(([l]) => l === level).map(([, message, fields]) => [message, fields]);
  return { logger, lines, said };
}
