import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSink } from '../log';

const ROTATE_AT_BYTES = 5 * 1024 * 1024;

/**
 * Log lines go to `<dataDir>/logs/main.log` (owner-only), rotated once to main.1.log at start-up
 * when large. Lines are already redacted by the logger.
 */
export function createFileLogSink(dataDir: string): {
  sink: LogSink;
  file: string;
  close(done?: () => void): void;
} {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'main.log');
  try {
    if (statSync(file).size > ROTATE_AT_BYTES) renameSync(file, join(dir, 'main.1.log'));
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  // Work still settling at quit (a poll answer, a receipt retry) may log after close: drop those
  // lines rather than throw ERR_STREAM_WRITE_AFTER_END from inside a payment path.
  const sink: LogSink = (line) => {
    if (!stream.writableEnded) stream.write(`${line}\n`);
  };
  return { sink, file, close: (done) => stream.end(done) };
}
