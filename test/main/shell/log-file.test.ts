import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { createFileLogSink } from '../../../src/main/windows/log-file';

it('writes redacted JSON lines to <dataDir>/logs/main.log, owner-only, rotating a large log', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-logs-'));
  const logs = join(dataDir, 'logs');
  const first = createFileLogSink(dataDir);
  first.sink('old line');
  await new Promise<void>((resolve) => first.close(resolve));
  writeFileSync(join(logs, 'main.log'), 'x'.repeat(6 * 1024 * 1024));

  const file = createFileLogSink(dataDir);
  createLogger(file.sink).info('token fetched', { clientSecret: 'hunter2-secret', phone: '4791234567' });
  await new Promise<void>((resolve) => file.close(resolve));

  expect(existsSync(join(logs, 'main.1.log'))).toBe(true);
  const text = readFileSync(file.file, 'utf8');
  expect(JSON.parse(text.trim())).toMatchObject({ msg: 'token fetched', clientSecret: '[redacted]' });
  expect(text).not.toContain('hunter2-secret');
  expect(text).not.toContain('4791234567');
  expect(statSync(file.file).mode & 0o777).toBe(0o600);
});

it('drops lines logged after close instead of throwing write-after-end (work still settling at quit)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-logs-'));
  const file = createFileLogSink(dataDir);
  file.sink('before close');
  const closed = new Promise<void>((resolve) => file.close(resolve));
  const errors: unknown[] = [];
  const record = (e: unknown) => errors.push(e);
  process.on('uncaughtException', record);
  try {
    expect(() => file.sink('after close')).not.toThrow();
    await closed;
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('uncaughtException', record);
  }
  expect(errors).toEqual([]);
  expect(readFileSync(file.file, 'utf8')).toBe('before close\n');
});
