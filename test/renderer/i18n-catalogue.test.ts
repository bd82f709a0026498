import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The catalogues as translators and i18next read them: src/renderer/src/locales/<lang>/<ns>.json.
 * Read from disk (not through the typed index) so a key added to one file only is caught here too.
 */
const LOCALES = join(__dirname, '../../src/renderer/src/locales');
const LANGUAGES = ['en', 'nb', 'da', 'fi'] as const;
const TRANSLATED = ['nb', 'da', 'fi'] as const;

type Tree = { [key: string]: string | Tree };

function catalogue(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: Tree, path: string) => {
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}.${key}`;
      if (typeof value === 'string') out.set(at, value);
      else walk(value, at);
    }
  };
  for (const file of readdirSync(join(LOCALES, lang)).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8')) as Tree, file.slice(0, -'.json'.length));
  }
  return out;
}

const english = catalogue('en');
/** Keys whose nb/da/fi text is rightly the same as English: names, codes, words the language shares. */
const identical = JSON.parse(readFileSync(join(LOCALES, 'identical.json'), 'utf8')) as Record<
  (typeof TRANSLATED)[number],
  string[]
>;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translation catalogues', () => {
  it('has the same namespaces in every language', () => {
    const namespaces = (lang: string) => readdirSync(join(LOCALES, lang)).sort();
    for (const lang of LANGUAGES) expect(namespaces(lang), lang).toEqual(namespaces('en'));
  });

  it.each(TRANSLATED)('has every English key in %s, and no key English lacks', (lang) => {
    const keys = [...catalogue(lang).keys()];
    expect(
      [...english.keys()].filter((key) => !keys.includes(key)),
      'missing',
    ).toEqual([]);
    expect(
      keys.filter((key) => !english.has(key)),
      'extra',
    ).toEqual([]);
  });

  it.each(TRANSLATED)('translates every text in %s (same as English only where listed)', (lang) => {
    const same = [...catalogue(lang)]
      .filter(([key, value]) => english.get(key) === value)
      .map(([key]) => key);
    expect(same.filter((key) => !identical[lang].includes(key))).toEqual([]);
    // The list names only keys that exist and are still identical, so it cannot hide anything.
    expect(identical[lang].filter((key) => !same.includes(key))).toEqual([]);
  });

  it.each(TRANSLATED)('keeps every {{placeholder}} of the English text in %s', (lang) => {
    const wrong = [...catalogue(lang)].filter(
      ([key, value]) =>
        JSON.stringify(placeholders(value)) !== JSON.stringify(placeholders(english.get(key) ?? '')),
    );
    expect(wrong.map(([key]) => key)).toEqual([]);
  });

  it('has a typed index that matches the JSON files (scripts/i18n-catalogue.mjs --check)', () => {
    const out = execFileSync(
      process.execPath,
      [join(__dirname, '../../scripts/i18n-catalogue.mjs'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/up to date/);
  });
});
