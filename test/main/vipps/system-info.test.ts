import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, resolvePolicy } from '../../../src/main/vipps/retry';
import { systemHeaders, systemInfoFromPackage } from '../../../src/main/vipps/system-info';

describe('systemInfoFromPackage', () => {
  it('uses package.json name and version', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8'));
    const info = systemInfoFromPackage(pkg);
    expect(info).toEqual({
      systemName: pkg.name,
      systemVersion: pkg.version,
      pluginName: 'vipps-counter-client',
      pluginVersion: pkg.version,
    });
  });

  it('keeps every value within 30 header-safe characters', () => {
    const info = systemInfoFromPackage({
      name: '@shop/a-very-long-point-of-sale-name-indeed',
      version: '1.2.3-beta.4+build.56789012345',
    });
    for (const value of Object.values(systemHeaders(info))) {
      expect(value.length).toBeLessThanOrEqual(30);
      expect(value).toMatch(/^[\x21-\x7e]+$/);
    }
    expect(info.systemName.startsWith('a-very-long')).toBe(true);
  });
});

describe('retry policy', () => {
  const policy = resolvePolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });

  it('grows exponentially up to the cap, scaled by jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  it('reads Retry-After seconds and dates, ignores junk', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('never allows fewer than one attempt', () => {
    expect(resolvePolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
  });
});
