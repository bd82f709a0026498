import { describe, expect, it } from 'vitest';

// The renderer's tsconfig has no Node types and vitest does not load CSS text, so the file is read
// through Node's built-in module registry (Node ≥ 20.16); vitest runs from the repository root.
type NodeFs = { readFileSync(path: string, encoding: 'utf8'): string };
type NodeProcess = { cwd(): string; getBuiltinModule(id: 'node:fs'): NodeFs };
const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process;
const css = nodeProcess
  .getBuiltinModule('node:fs')
  .readFileSync(`${nodeProcess.cwd()}/src/renderer/src/styles/app.css`, 'utf8');

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The custom properties declared in one rule block of app.css. */
function variables(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...block.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})/g)].map((m) => [m[1], m[2]]),
  );
}

const base = variables(':root');
const mobilepay = { ...base, ...variables(':root[data-brand="mobilepay"]') };

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  it('uses the brand colours: Vipps orange and MobilePay blue', () => {
    expect(base['--brand']?.toLowerCase()).toBe('#ff5b24');
    expect(mobilepay['--brand']?.toLowerCase()).toBe('#5a78ff');
  });

  it.each([
    ['Vipps', base],
    ['MobilePay', mobilepay],
  ])('%s: text on the brand bar and white on primary buttons', (_name, vars) => {
    expect(contrast(vars['--brand-ink']!, vars['--brand']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#ffffff', vars['--brand-strong']!)).toBeGreaterThanOrEqual(4.5);
  });

  it('state colours carry white text, and soft text reads on paper', () => {
    for (const name of ['--ok', '--warn', '--danger', '--focus']) {
      expect(contrast('#ffffff', base[name]!), name).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(base['--ink-soft']!, base['--paper-soft']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(base['--none']!, base['--none-soft']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(base['--warn']!, base['--warn-soft']!)).toBeGreaterThanOrEqual(4.5);
  });
});
