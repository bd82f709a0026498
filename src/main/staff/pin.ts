import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PosFailure } from '../errors';

/**
 * PINs are short, so the hash must be slow and salted per PIN: scrypt (N=2^14, r=8, p=1) with 16
 * random bytes of salt. Stored as `scrypt$N$r$p$salt$hash` (base64) so parameters can be raised
 * later without breaking stored PINs. The PIN itself is never stored or logged.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

export const PIN_PATTERN = /^\d{4,8}$/;

export function checkPinFormat(pin: unknown, field = 'pin'): string {
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) {
    throw new PosFailure('VALIDATION', 'A PIN is 4 to 8 digits.', { details: { field } });
  }
  return pin;
}

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * The PIN hashed with the counter-wide salt, with the same scrypt cost: the key a PIN finds its one
 * staff member by, so an attempt costs one hash however many staff there are. PINs are unique
 * among active staff, and the salt is per journal, so this reveals nothing a per-row salt would
 * hide from someone holding the file: 4–8 digits are enumerable either way; the lockout is what
 * protects them.
 */
export async function pinLookup(pin: string, counterSalt: string): Promise<string> {
  return (await derive(pin, Buffer.from(counterSalt, 'base64'), N, R, P)).toString('base64');
}

export function newPinSalt(): string {
  return randomBytes(16).toString('base64');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
