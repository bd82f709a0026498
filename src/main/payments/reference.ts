import { randomBytes } from 'node:crypto';

/** Vipps' reference pattern (the spec's floor; the live API allows up to 64). */
export const REFERENCE_PATTERN = /^[a-zA-Z0-9-]{8,50}$/;

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function randomTag(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The counter id as it may appear inside a reference: letters and digits, at most 20. */
export function counterTag(counterId: string): string {
  const tag = counterId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 20);
  return tag.length > 0 ? tag : 'pos';
}

/**
 * `<counter>-<yyyymmdd>-<hhmmss>-<tag4>` in UTC, e.g. `lane1-20261125-101500-k7qz`: support can read
 * which counter and when; the random tag keeps two sales in the same second apart. The letters skip
 * look-alikes (0/o, 1/l/i) so it can be read out over the phone.
 */
export function makeReference(counterId: string, at: Date): string {
  const date = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  return `${counterTag(counterId)}-${date}-${time}-${randomTag(4)}`;
}
