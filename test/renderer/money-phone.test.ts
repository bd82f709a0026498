import { describe, expect, it } from 'vitest';
import { formatAmount, minorToInput, parseAmount } from '../../src/renderer/src/lib/money';
import { parsePhone } from '../../src/renderer/src/lib/phone';

describe('parseAmount', () => {
  it.each([
    ['149,50', 14950],
    ['149.50', 14950],
    ['149,5', 14950],
    ['149', 14900],
    ['149,', 14900],
    ['1 249,50', 124950],
    ['0,29', 29],
    ['0.07', 7],
    ['19,99', 1999],
    [' 1\u00a0000,01 ', 100001],
  ])('reads %j as %i minor units exactly', (text, minor) => {
    expect(parseAmount(text, 'DKK')).toEqual({ ok: true, minor });
  });

  it('keeps exact minor units where float arithmetic would drift', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parseAmount('0,29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(parseAmount('1,13', 'EUR')).toEqual({ ok: true, minor: 113 });
    expect(parseAmount('4,35', 'EUR')).toEqual({ ok: true, minor: 435 });
  });

  it.each(['abc', '1,234', '1.234,50', '12,3,4', '-5', '1e3', '10 kr', ',50', '0x10'])(
    'refuses %j',
    (text) => {
      expect(parseAmount(text, 'NOK')).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('refuses an empty field', () => {
    expect(parseAmount('  ', 'NOK')).toEqual({ ok: false, reason: 'empty' });
  });

  it('applies the per-currency minimum (NOK 1,00; DKK/EUR 0,01)', () => {
    expect(parseAmount('0,50', 'NOK')).toEqual({ ok: false, reason: 'too-small' });
    expect(parseAmount('1,00', 'NOK')).toEqual({ ok: true, minor: 100 });
    expect(parseAmount('0,01', 'DKK')).toEqual({ ok: true, minor: 1 });
    expect(parseAmount('0,01', 'EUR')).toEqual({ ok: true, minor: 1 });
    expect(parseAmount('0', 'EUR')).toEqual({ ok: false, reason: 'too-small' });
  });

  it('refuses an amount that is surely a typing slip', () => {
    expect(parseAmount('99999999999', 'NOK').ok).toBe(false);
    expect(parseAmount('10000001', 'NOK')).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('formatAmount', () => {
  const plain = (s: string) => s.replace(/[\s\u00a0\u202f]/g, ' ');
  it('formats in the market currency and language', () => {
    expect(plain(formatAmount(14950, 'NOK', 'nb'))).toBe('149,50 kr');
    expect(plain(formatAmount(14950, 'DKK', 'da'))).toBe('149,50 kr.');
    expect(plain(formatAmount(14950, 'EUR', 'fi'))).toBe('149,50 €');
    expect(plain(formatAmount(14950, 'EUR', 'en'))).toBe('€149.50');
  });

  it('groups thousands and keeps two decimals', () => {
    expect(plain(formatAmount(123456789, 'NOK', 'nb'))).toBe('1 234 567,89 kr');
    expect(plain(formatAmount(1, 'DKK', 'da'))).toBe('0,01 kr.');
  });

  it('prefills an editable value that parses back to the same minor units', () => {
    for (const minor of [1, 29, 100, 14950, 123456789]) {
      expect(parseAmount(minorToInput(minor), 'DKK')).toEqual({ ok: true, minor });
    }
  });
});

describe('parsePhone', () => {
  it('accepts Norwegian mobiles (8 digits, 4 or 9 first) and sends digits with +47', () => {
    expect(parsePhone('912 34 567', 'NO')).toEqual({ ok: true, country: 'NO', msisdn: '4791234567' });
    expect(parsePhone('41234567', 'NO')).toEqual({ ok: true, country: 'NO', msisdn: '4741234567' });
  });

  it('refuses Norwegian numbers of the wrong length or range', () => {
    expect(parsePhone('9123456', 'NO').ok).toBe(false);
    expect(parsePhone('912345678', 'NO').ok).toBe(false);
    expect(parsePhone('22123456', 'NO').ok).toBe(false);
  });

  it('accepts Danish numbers (8 digits) with +45', () => {
    expect(parsePhone('20 12 34 56', 'DK')).toEqual({ ok: true, country: 'DK', msisdn: '4520123456' });
    expect(parsePhone('0123 4567', 'DK').ok).toBe(false);
    expect(parsePhone('2012345', 'DK').ok).toBe(false);
  });

  it('accepts Finnish mobiles with the trunk 0 dropped and +358', () => {
    expect(parsePhone('040 123 4567', 'FI')).toEqual({ ok: true, country: 'FI', msisdn: '358401234567' });
    expect(parsePhone('050 123456', 'FI')).toEqual({ ok: true, country: 'FI', msisdn: '35850123456' });
    expect(parsePhone('09 1234567', 'FI').ok).toBe(false);
  });

  it('switches country when the number is typed in international form', () => {
    expect(parsePhone('+45 20 12 34 56', 'NO')).toEqual({ ok: true, country: 'DK', msisdn: '4520123456' });
    expect(parsePhone('0047 912 34 567', 'FI')).toEqual({ ok: true, country: 'NO', msisdn: '4791234567' });
    expect(parsePhone('+1 555 123 4567', 'NO').ok).toBe(false);
  });

  it('refuses letters and empty input', () => {
    expect(parsePhone('', 'NO')).toEqual({ ok: false, reason: 'empty' });
    expect(parsePhone('912 34 56a', 'NO')).toEqual({ ok: false, reason: 'invalid' });
  });
});
